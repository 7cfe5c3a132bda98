# Run only (see shared/src/scriptingLanguages.ts): flush STDOUT at every print so output
# streams as it is printed, not when a block fills.
package Autoflush;
use IO::Handle;
STDOUT->autoflush(1);
1;

# Run only (see shared/src/scriptingLanguages.ts): flush stdout at every write so output
# streams as it is printed, not when a block fills.
$stdout.sync = true

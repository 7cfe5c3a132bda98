/**
 * The runner image every language runs in, built by sandbox/build.sh (Debian trixie plus
 * the Kotlin and Scala compilers from Maven Central). Named apart from the Debian 12
 * image (codestream-sandbox:latest) it replaces, so both can exist on one engine.
 */
export const SANDBOX_IMAGE = 'codestream-sandbox:trixie';

/** What every compiler needs: tools on PATH, a writable TMPDIR (the root fs is read-only). */
export const COMPILE_ENV = { PATH: '/usr/bin:/bin', TMPDIR: '/tmp', LANG: 'C.UTF-8' } as const;

/**
 * JVM options for one CPU and a small container: one GC and JIT thread set, no
 * hsperfdata file in /tmp. Compilers also stop JIT at C1 (they run for seconds, not long
 * enough for C2 to pay off).
 */
export const JVM_OPTIONS = ['-XX:+UseSerialGC', '-XX:ActiveProcessorCount=1', '-XX:-UsePerfData'] as const;

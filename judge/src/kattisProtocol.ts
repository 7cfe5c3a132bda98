/**
 * The Kattis (and DOMjudge) protocol of output validators and interactors: the program
 * is started as `<program> input_file answer_file feedback_dir`, and answers by exit
 * code. Its message is what it wrote to `judgemessage.txt` in the feedback dir
 * (the spec's name; `judge_message.txt` is read too), else its stderr.
 */
export const KATTIS_ACCEPTED = 42;
export const KATTIS_WRONG_ANSWER = 43;

/** Bytes of the message kept (the wrapper writes no more). */
export const KATTIS_MESSAGE_BYTES = 1_000;

/**
 * A POSIX sh wrapper (dash in the image) around the author's program: makes the feedback
 * dir, keeps the program's stderr out of the way (an interactor's stdout is the
 * dialogue, so the message cannot go there), and prints the message on its own stderr
 * once the program ended, keeping its exit status. A signal that ended the program
 * becomes 128 + n: neither 42 nor 43, so an internal error.
 */
const WRAPPER = `/bin/mkdir feedback || exit 125
"$@" input.txt expected.txt feedback/ 2>feedback/.stderr
status=$?
for f in feedback/judgemessage.txt feedback/judge_message.txt feedback/.stderr; do
  if [ -s "$f" ]; then /usr/bin/head -c ${KATTIS_MESSAGE_BYTES} "$f" >&2; break; fi
done
exit $status`;

/** `argv` run by the Kattis protocol in the work dir, where input.txt and expected.txt are written first. */
export function kattisArgv(argv: readonly string[]): string[] {
  return ['/bin/sh', '-c', WRAPPER, 'kattis', ...argv];
}

/** The verdict an exit status gives, by the protocol; undefined: the program failed. */
export function kattisVerdict(code: number | null): 'accepted' | 'wrong-answer' | undefined {
  if (code === KATTIS_ACCEPTED) return 'accepted';
  if (code === KATTIS_WRONG_ANSWER) return 'wrong-answer';
  return undefined;
}

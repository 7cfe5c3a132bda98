/**
 * An interactive problem for the room and browser tests: the interactor (Kattis protocol)
 * answers "higher", "lower" or "correct" to guesses of the number in the test's input, and
 * GUESSER finds it by binary search over 1..1000.
 */
export const INTERACTOR = `import sys
secret = int(open(sys.argv[1]).read())
for _ in range(12):
    guess = int(sys.stdin.readline())
    if guess == secret:
        print("correct", flush=True)
        sys.exit(42)
    print("higher" if guess < secret else "lower", flush=True)
sys.exit(43)
`;
export const GUESSER = `lo, hi = 1, 1000
while True:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    answer = input()
    if answer == "correct":
        break
    lo, hi = (mid + 1, hi) if answer == "higher" else (lo, mid - 1)
`;

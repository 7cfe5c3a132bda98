import { ConfigError } from '@codestream/shared';

/**
 * The first SIGINT or SIGTERM runs `shutdown`, then the process exits (1 if shutdown
 * failed). A second signal calls `again` (unset: it is ignored while shutdown runs).
 */
export function stopOnSignals(
  name: string,
  shutdown: (signal: NodeJS.Signals) => Promise<unknown>,
  again?: () => void,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      again?.();
      return;
    }
    stopping = true;
    shutdown(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`[${name}] shutdown failed`, err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs an entry point; a failure to start is printed (a bad config as its message alone) and exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}

import { dockerJudgeOptionsFromConfig, loadJudgeWorkerConfig } from './config.ts';
import { createDockerJudge } from './DockerJudge.ts';
import { judgeLogger } from './logger.ts';
import { runMain, stopOnSignals } from './processLifecycle.ts';
import { processOperations } from './processOperations.ts';
import { JudgeWorker } from './queue/JudgeWorker.ts';

/**
 * Entry point of a judge worker (`npm run worker -w judge`): takes runs and submissions
 * from the Redis queue and runs them on the local Docker engine. The only place that
 * reads process.env and handles signals.
 */
async function main(): Promise<void> {
  const config = loadJudgeWorkerConfig(process.env);
  const concurrency = config.JUDGE_MAX_CONCURRENT_RUNS;
  const { log, registry, listen } = processOperations('judge-worker', config);
  const judge = await createDockerJudge({
    ...dockerJudgeOptionsFromConfig(config),
    log: judgeLogger(log),
    metrics: registry,
    id: config.JUDGE_WORKER_ID,
    // Jobs wait in Redis, not here: the worker takes only as many as it runs.
    maxConcurrentRuns: concurrency,
    maxQueued: concurrency,
  });
  for (const problem of await judge.checkReady()) log.warn({ problem }, 'judge not ready');
  const worker = await JudgeWorker.start({
    redisUrl: config.REDIS_URL,
    judge,
    concurrency,
    log: judgeLogger(log),
    jobLog: log,
    onFatal(err) {
      console.error(`[judge-worker] ${err.message}; exiting`);
      process.exit(1);
    },
  }).catch(async (err: unknown) => {
    await judge.close();
    throw err;
  });
  // A worker has no HTTP port of its own: its figures are served by METRICS_PORT alone.
  const metricsListener = await listen().catch(async (err: unknown) => {
    await worker.close();
    throw err;
  });
  console.log(`judge worker ${worker.id} is taking jobs (${concurrency} at a time)`);

  stopOnSignals(
    'judge-worker',
    async (signal) => {
      console.log(
        `[judge-worker] ${signal}: taking no more jobs, finishing the running ones (signal again to quit now)`,
      );
      await Promise.all([worker.close(), metricsListener?.close()]);
    },
    // A second signal: leave now. Running jobs are reported to their rooms as lost, and
    // the next start with this JUDGE_WORKER_ID removes their containers.
    () => process.exit(1),
  );
}

runMain(main);

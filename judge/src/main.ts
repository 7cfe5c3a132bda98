import { ConfigError } from '@codestream/shared';
import { dockerJudgeOptionsFromConfig, loadJudgeServiceConfig } from './config.ts';
import { createDockerJudge } from './DockerJudge.ts';
import { createJudgeService } from './JudgeService.ts';
import { judgeLogger } from './logger.ts';
import { runMain, stopOnSignals } from './processLifecycle.ts';
import { processOperations } from './processOperations.ts';

/**
 * Entry point of the standalone judge service (`npm start -w judge`). The only place
 * that reads process.env and handles signals.
 */
async function main(): Promise<void> {
  const config = loadJudgeServiceConfig(process.env);
  if (!config.JUDGE_TOKEN) {
    throw new ConfigError(['JUDGE_TOKEN is required: the service runs arbitrary code for anyone holding it']);
  }
  const { log, registry, listen } = processOperations('judge', config);
  const judge = await createDockerJudge({
    ...dockerJudgeOptionsFromConfig(config),
    log: judgeLogger(log),
    metrics: registry,
  });
  for (const problem of await judge.checkReady()) log.warn({ problem }, 'judge not ready');
  const service = await createJudgeService({
    judge,
    token: config.JUDGE_TOKEN,
    host: config.JUDGE_HOST,
    port: config.JUDGE_PORT,
    log,
    metrics: config.METRICS_TOKEN ? { registry, token: config.METRICS_TOKEN } : undefined,
  }).catch(async (err: unknown) => {
    await judge.close();
    throw err;
  });
  const metricsListener = await listen().catch(async (err: unknown) => {
    await service.close();
    await judge.close();
    throw err;
  });
  console.log(`judge service listening on ${service.url} (POST /runs, POST /submissions, GET /health)`);

  stopOnSignals('judge', async (signal) => {
    console.log(`[judge] ${signal}: stopping`);
    // Service first so no new runs arrive; then the judge removes running containers.
    await service.close();
    await metricsListener?.close();
    await judge.close();
  });
}

runMain(main);

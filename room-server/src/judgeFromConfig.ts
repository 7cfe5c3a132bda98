import { DockerJudge, dockerJudgeOptionsFromConfig, judgeLogger, QueueJudge, RemoteJudge } from '@codestream/judge';
import type { Judge } from '@codestream/shared';
import type { RoomServerConfig } from './config.ts';
import type { Logger } from './log/logger.ts';
import type { ServerMetrics } from './metrics/ServerMetrics.ts';

/**
 * The judge room-server runs code with, by precedence: the standalone judge service
 * (JUDGE_URL, an explicit choice of one judge), else the queue of judge workers in Redis
 * (REDIS_URL), else Docker in this process. Problems that would fail every run are
 * logged now rather than at the first Run. The judge's figures go on `metrics` when given:
 * the queue's Redis connection, or the in-process judge's queue, jobs and containers.
 */
export async function judgeFromConfig(config: RoomServerConfig, log: Logger, metrics?: ServerMetrics): Promise<Judge> {
  if (config.JUDGE_URL) return new RemoteJudge({ url: config.JUDGE_URL, token: config.JUDGE_TOKEN ?? '' });
  if (config.REDIS_URL) {
    const judge = new QueueJudge({
      redisUrl: config.REDIS_URL,
      maxQueued: config.JUDGE_MAX_QUEUED,
      log: judgeLogger(log),
    });
    metrics?.watchRedis(judge.connection, 'judge-queue');
    for (const problem of await judge.checkReady()) log.warn({ problem }, 'judge queue not ready');
    return judge;
  }
  const judge = await DockerJudge.create({
    ...dockerJudgeOptionsFromConfig(config),
    log: judgeLogger(log),
    metrics: metrics?.registry,
  });
  for (const problem of await judge.checkReady()) log.warn({ problem }, 'judge not ready');
  return judge;
}

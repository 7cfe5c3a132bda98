import { DockerJudge, dockerJudgeOptionsFromConfig, QueueJudge, RemoteJudge } from '@codestream/judge';
import type { Judge } from '@codestream/shared';
import type { RoomServerConfig } from './config.ts';
import type { Logger } from './log/logger.ts';

/**
 * The judge room-server runs code with, by precedence: the standalone judge service
 * (JUDGE_URL, an explicit choice of one judge), else the queue of judge workers in Redis
 * (REDIS_URL), else Docker in this process. Problems that would fail every run are
 * logged now rather than at the first Run.
 */
export async function judgeFromConfig(config: RoomServerConfig, log: Logger): Promise<Judge> {
  if (config.JUDGE_URL) return new RemoteJudge({ url: config.JUDGE_URL, token: config.JUDGE_TOKEN ?? '' });
  if (config.REDIS_URL) {
    const judge = new QueueJudge({ redisUrl: config.REDIS_URL, maxQueued: config.JUDGE_MAX_QUEUED });
    for (const problem of await judge.checkReady()) log.warn({ problem }, 'judge queue not ready');
    return judge;
  }
  const judge = await DockerJudge.create(dockerJudgeOptionsFromConfig(config));
  for (const problem of await judge.checkReady()) log.warn({ problem }, 'judge not ready');
  return judge;
}

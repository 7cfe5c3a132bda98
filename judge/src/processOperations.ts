import type { ConfigOf, operationsConfigTable } from '@codestream/shared';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createLogger, type Logger } from './logger.ts';
import { type MetricsListener, serveMetrics } from './metricsEndpoint.ts';

export interface ProcessOperations {
  log: Logger;
  /** The process's figures, Node's own (CPU, memory, event loop) included. */
  registry: Registry;
  /** Starts the METRICS_PORT listener when one is configured. */
  listen(): Promise<MetricsListener | undefined>;
}

/** The logger and metrics of a judge process (the judge service, a judge worker), from its keys. */
export function processOperations(name: string, config: ConfigOf<typeof operationsConfigTable>): ProcessOperations {
  const log = createLogger({ name, level: config.LOG_LEVEL });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    log,
    registry,
    async listen() {
      if (config.METRICS_PORT === undefined) return undefined;
      const { METRICS_HOST: host, METRICS_PORT: port, METRICS_TOKEN: token } = config;
      const listener = await serveMetrics({ registry, token, host, port });
      log.info({ url: `${listener.url}/metrics` }, 'metrics listening');
      return listener;
    },
  };
}

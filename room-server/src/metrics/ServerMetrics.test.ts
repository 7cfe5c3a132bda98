import { describe, expect, it } from 'vitest';
import { sample } from '../../../test/support/metricsText.ts';
import { ServerMetrics } from './ServerMetrics.ts';

describe('ServerMetrics', () => {
  it('reads sockets and rooms from its sources when scraped (0 before it has any)', async () => {
    const metrics = new ServerMetrics();
    expect(sample(await metrics.registry.metrics(), 'codestream_rooms_loaded')).toBe(0);
    let rooms = 3;
    metrics.observe({ roomSockets: () => 7, dashboardSockets: () => 2, roomsLoaded: () => rooms });
    rooms = 4;
    const text = await metrics.registry.metrics();
    expect(sample(text, 'codestream_sockets_open', { kind: 'room' })).toBe(7);
    expect(sample(text, 'codestream_sockets_open', { kind: 'dashboard' })).toBe(2);
    expect(sample(text, 'codestream_rooms_loaded')).toBe(4);
  });

  it('counts the update log’s figures', async () => {
    const metrics = new ServerMetrics();
    metrics.updateLog.accepted();
    metrics.updateLog.accepted();
    metrics.updateLog.written(20);
    metrics.updateLog.failed();
    const text = await metrics.registry.metrics();
    expect(sample(text, 'codestream_updates_accepted_total')).toBe(2);
    expect(sample(text, 'codestream_update_log_write_seconds_count')).toBe(1);
    expect(sample(text, 'codestream_update_log_write_seconds_sum')).toBe(0.02);
    expect(sample(text, 'codestream_update_log_write_failures_total')).toBe(1);
  });

  it('reports each watched Redis client connected only while its status is ready, until unwatched', async () => {
    const metrics = new ServerMetrics();
    const rooms = { status: 'ready' };
    const jobs = { status: 'reconnecting' };
    metrics.watchRedis(rooms, 'rooms');
    const unwatch = metrics.watchRedis(jobs, 'jobs');
    let text = await metrics.registry.metrics();
    expect(sample(text, 'codestream_redis_connected', { client: 'rooms' })).toBe(1);
    expect(sample(text, 'codestream_redis_connected', { client: 'jobs' })).toBe(0);
    rooms.status = 'end';
    unwatch();
    text = await metrics.registry.metrics();
    expect(sample(text, 'codestream_redis_connected', { client: 'rooms' })).toBe(0);
    expect(sample(text, 'codestream_redis_connected', { client: 'jobs' })).toBeUndefined();
  });

  it('keeps one registry per instance, so two servers in one process do not collide', async () => {
    const a = new ServerMetrics();
    const b = new ServerMetrics();
    a.updateLog.accepted();
    expect(sample(await b.registry.metrics(), 'codestream_updates_accepted_total')).toBe(0);
  });
});

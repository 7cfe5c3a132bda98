import { describe, expect, it } from 'vitest';
import { capturedLines as captured } from '../../test/support/capturedLog.ts';
import { childLogger, createLogger, judgeLogger, type Logger } from './logger.ts';

describe('createLogger', () => {
  it('writes one JSON line per entry with level name, ISO time, name and fields', () => {
    const { lines, stream } = captured();
    createLogger({ name: 'room-server', destination: stream }).info({ roomId: 'r1' }, 'room loaded');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', name: 'room-server', roomId: 'r1', msg: 'room loaded' }),
    ]);
    expect(new Date(lines[0]?.time as string).toISOString()).toBe(lines[0]?.time);
  });

  it('drops lines below its level', () => {
    const { lines, stream } = captured();
    const log = createLogger({ name: 'judge', level: 'warn', destination: stream });
    log.info({}, 'quiet');
    log.warn({}, 'heard');
    expect(lines.map((line) => line.msg)).toEqual(['heard']);
  });

  it('serialises an err field with its message and stack', () => {
    const { lines, stream } = captured();
    createLogger({ name: 'judge', destination: stream }).error({ err: new Error('boom') }, 'failed');
    expect(lines[0]?.err).toMatchObject({ message: 'boom', stack: expect.stringContaining('boom') });
  });
});

describe('childLogger', () => {
  it('adds its bindings to every line of a pino logger', () => {
    const { lines, stream } = captured();
    const log = childLogger(createLogger({ name: 'judge', destination: stream }), { requestId: 'q1' });
    log.warn({ extra: 1 }, 'one');
    expect(lines[0]).toMatchObject({ requestId: 'q1', extra: 1, msg: 'one' });
  });

  it('adds them to a plain logger too, nested children included', () => {
    const seen: Record<string, unknown>[] = [];
    const plain: Logger = { info: (fields) => seen.push(fields), warn() {}, error() {} };
    const child = childLogger(plain, { requestId: 'q1' });
    child.info({ a: 1 }, 'x');
    child.child?.({ socketId: 's1' }).info({}, 'y');
    expect(seen).toEqual([
      { requestId: 'q1', a: 1 },
      { requestId: 'q1', socketId: 's1' },
    ]);
  });
});

describe('judgeLogger', () => {
  it('turns the judge’s warnings into lines with the error', () => {
    const { lines, stream } = captured();
    judgeLogger(createLogger({ name: 'judge', destination: stream })).warn('pool refill failed', new Error('gone'));
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'pool refill failed', err: { message: 'gone' } });
  });
});

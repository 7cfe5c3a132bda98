import { describe, expect, it } from 'vitest';
import { type ConnectionFacts, connectionState } from './connectionState.ts';

const base: ConnectionFacts = { status: 'connecting', synced: false, everSynced: false, fatal: false };

describe('connectionState', () => {
  it('is connecting until the first sync, even when attempts fail', () => {
    expect(connectionState(base)).toBe('connecting');
    expect(connectionState({ ...base, status: 'disconnected' })).toBe('connecting');
    expect(connectionState({ ...base, status: 'connected' })).toBe('connecting');
  });

  it('is live when connected and synced', () => {
    expect(connectionState({ ...base, status: 'connected', synced: true, everSynced: true })).toBe('live');
  });

  it('is offline after losing a synced connection, including while reconnecting', () => {
    expect(connectionState({ ...base, status: 'disconnected', everSynced: true })).toBe('offline');
    expect(connectionState({ ...base, status: 'connecting', everSynced: true })).toBe('offline');
    expect(connectionState({ ...base, status: 'connected', synced: false, everSynced: true })).toBe('offline');
  });

  it('is closed after a fatal close whatever else holds', () => {
    expect(connectionState({ status: 'connected', synced: true, everSynced: true, fatal: true })).toBe('closed');
  });
});

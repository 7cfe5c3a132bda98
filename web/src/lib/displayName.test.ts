import { describe, expect, it } from 'vitest';
import { loadDisplayName, NAME_STORAGE_KEY, type NameStorage, saveDisplayName } from './displayName.ts';

function memoryStorage(initial: Record<string, string> = {}): NameStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('display name', () => {
  it('is absent on a first visit', () => {
    expect(loadDisplayName(memoryStorage())).toBeNull();
    expect(loadDisplayName(undefined)).toBeNull();
  });

  it('is trimmed, stored and loaded back', () => {
    const storage = memoryStorage();
    expect(saveDisplayName(storage, '  Ada  ')).toEqual({ ok: true, name: 'Ada' });
    expect(storage.data.get(NAME_STORAGE_KEY)).toBe('Ada');
    expect(loadDisplayName(storage)).toBe('Ada');
  });

  it('refuses empty and too long names', () => {
    const storage = memoryStorage();
    expect(saveDisplayName(storage, '   ').ok).toBe(false);
    expect(saveDisplayName(storage, 'x'.repeat(41)).ok).toBe(false);
    expect(storage.data.size).toBe(0);
  });

  it('ignores an invalid stored value and a throwing storage', () => {
    expect(loadDisplayName(memoryStorage({ [NAME_STORAGE_KEY]: ' ' }))).toBeNull();
    const throwing: NameStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadDisplayName(throwing)).toBeNull();
    expect(saveDisplayName(throwing, 'Ada')).toEqual({ ok: true, name: 'Ada' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  isApplePlatform,
  isRunShortcut,
  isSaveShortcut,
  isSubmitShortcut,
  runShortcutLabel,
  submitShortcutLabel,
} from './shortcut.ts';

const key = { key: 'Enter', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };

describe('run shortcut', () => {
  it('matches Ctrl-Enter and Cmd-Enter only', () => {
    expect(isRunShortcut({ ...key, ctrlKey: true })).toBe(true);
    expect(isRunShortcut({ ...key, metaKey: true })).toBe(true);
    expect(isRunShortcut(key)).toBe(false);
    expect(isRunShortcut({ ...key, ctrlKey: true, shiftKey: true })).toBe(false);
    expect(isRunShortcut({ ...key, key: 'a', ctrlKey: true })).toBe(false);
  });

  it('tells the submit shortcut (with Shift) apart from Run', () => {
    expect(isSubmitShortcut({ ...key, ctrlKey: true, shiftKey: true })).toBe(true);
    expect(isSubmitShortcut({ ...key, metaKey: true, shiftKey: true })).toBe(true);
    expect(isSubmitShortcut({ ...key, ctrlKey: true })).toBe(false);
    expect(isSubmitShortcut({ ...key, shiftKey: true })).toBe(false);
    expect(isSubmitShortcut({ ...key, ctrlKey: true, shiftKey: true, altKey: true })).toBe(false);
  });

  it('tells the save shortcut apart', () => {
    expect(isSaveShortcut({ ...key, key: 's', ctrlKey: true })).toBe(true);
    expect(isSaveShortcut({ ...key, key: 'S', metaKey: true })).toBe(true);
    expect(isSaveShortcut({ ...key, key: 's' })).toBe(false);
    expect(isSaveShortcut({ ...key, key: 's', ctrlKey: true, shiftKey: true })).toBe(false);
  });

  it('is labelled for the platform', () => {
    expect(isApplePlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isApplePlatform({ platform: 'Linux x86_64' })).toBe(false);
    expect(runShortcutLabel(true)).toBe('⌘ Enter');
    expect(runShortcutLabel(false)).toBe('Ctrl+Enter');
    expect(submitShortcutLabel(true)).toBe('⌘ ⇧ Enter');
    expect(submitShortcutLabel(false)).toBe('Ctrl+Shift+Enter');
  });
});

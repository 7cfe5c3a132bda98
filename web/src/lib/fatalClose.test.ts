import { CloseCode } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { fatalAdvice } from './fatalClose.ts';

describe('fatalAdvice', () => {
  it('asks signed-out people to sign in and signed-in ones for an invitation', () => {
    expect(fatalAdvice(CloseCode.Forbidden, false)).toMatchObject({ remedy: 'sign-in' });
    expect(fatalAdvice(CloseCode.Forbidden, true)).toMatchObject({
      remedy: 'home',
      title: expect.stringMatching(/invitation/),
    });
  });

  it('tells a removed participant, and offers the way home rather than a reload', () => {
    expect(fatalAdvice(CloseCode.Removed, true)).toEqual({
      title: 'A host removed you from this room.',
      remedy: 'home',
    });
  });

  it('thanks a guest whose interview ended, and offers nothing to do', () => {
    expect(fatalAdvice(CloseCode.Ended, false)).toEqual({
      title: expect.stringMatching(/interview has ended/),
      remedy: 'none',
    });
  });

  it('says a disabled account is disabled', () => {
    expect(fatalAdvice(CloseCode.AccountDisabled, true).title).toMatch(/disabled/);
  });

  it('offers a reload for a protocol mismatch', () => {
    expect(fatalAdvice(CloseCode.ProtocolMismatch, true)).toEqual({
      title: expect.stringMatching(/out of date/),
      remedy: 'reload',
    });
  });
});

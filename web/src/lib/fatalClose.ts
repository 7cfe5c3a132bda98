import { CloseCode, describeCloseCode } from '@codestream/shared';

/** What a person can do after the room socket closed for good. */
export type FatalRemedy = 'reload' | 'sign-in' | 'home' | 'none';

export interface FatalAdvice {
  title: string;
  remedy: FatalRemedy;
}

/**
 * The headline and the one action offered for a fatal close. `signedIn` matters for
 * Forbidden: a signed-out person is asked to sign in; a signed-in one needs an invitation
 * from the room's host (signing in again would not help).
 */
export function fatalAdvice(code: number, signedIn: boolean): FatalAdvice {
  switch (code) {
    case CloseCode.Forbidden:
      return signedIn
        ? { title: 'You are not a participant of this room. Ask its host for an invitation link.', remedy: 'home' }
        : { title: 'Sign in, or open the invitation link you were sent, to join this room.', remedy: 'sign-in' };
    case CloseCode.AccountDisabled:
      return { title: 'Your account has been disabled by an administrator.', remedy: 'home' };
    case CloseCode.Removed:
      return { title: 'A host removed you from this room.', remedy: 'home' };
    case CloseCode.Ended:
      return { title: describeCloseCode(code), remedy: 'none' };
    case CloseCode.RoomNotFound:
      return { title: 'This room does not exist any more.', remedy: 'home' };
    case CloseCode.RoomDeleted:
      return { title: describeCloseCode(code), remedy: 'home' };
    default:
      return { title: describeCloseCode(code), remedy: 'reload' };
  }
}

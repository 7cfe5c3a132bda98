import type { Db } from 'mongodb';
import { PasswordResetRepository } from './PasswordResetRepository.ts';
import { SessionRepository } from './SessionRepository.ts';
import { SignupInviteRepository } from './SignupInviteRepository.ts';
import { UserRepository } from './UserRepository.ts';

/** Where accounts keep their data: people, their sessions, invitations to register, password-reset links. */
export function accountRepositories(db: Db) {
  return {
    users: new UserRepository(db.collection('users')),
    sessions: new SessionRepository(db.collection('sessions')),
    signupInvites: new SignupInviteRepository(db.collection('signup_invites')),
    passwordResets: new PasswordResetRepository(db.collection('password_resets')),
  };
}

export type AccountRepositories = ReturnType<typeof accountRepositories>;

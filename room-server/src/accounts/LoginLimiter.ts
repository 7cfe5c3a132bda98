import { createLimiter, type Limiter, type LimitState } from '../limits/Limiter.ts';
import type { LimitStore } from '../limits/LimitStore.ts';

export interface LoginLimits {
  /** Failed sign-ins allowed per account within `windowSeconds`. */
  perAccount: number;
  /** Failed sign-ins allowed per client address within `windowSeconds`. */
  perAddress: number;
  windowSeconds: number;
}

/**
 * Slows password guessing: after too many failures for one account or from one address,
 * further attempts are refused until the window passes, right password or not. Counted
 * in `store`: with Redis, across every room-server, so a guesser gains nothing by
 * spreading attempts over them. With Redis unreachable every method throws
 * LimitUnavailableError: sign-in is refused rather than let through uncounted.
 */
export class LoginLimiter {
  private readonly byAccount: Limiter;
  private readonly byAddress: Limiter;

  constructor(limits: LoginLimits, store: LimitStore) {
    this.byAccount = createLimiter(store, {
      name: 'login-account',
      points: limits.perAccount,
      durationSeconds: limits.windowSeconds,
      blockSeconds: limits.windowSeconds,
    });
    this.byAddress = createLimiter(store, {
      name: 'login-address',
      points: limits.perAddress,
      durationSeconds: limits.windowSeconds,
      blockSeconds: limits.windowSeconds,
    });
  }

  /** Seconds until `email` from `address` may try again, or 0 when it may now. */
  async retryAfter(email: string, address: string): Promise<number> {
    const [account, client] = await Promise.all([this.byAccount.get(email), this.byAddress.get(address)]);
    const blocked = [
      account && account.consumed >= this.byAccount.points ? account : null,
      client && client.consumed >= this.byAddress.points ? client : null,
    ].filter((state): state is LimitState => state !== null);
    return blocked.length === 0 ? 0 : Math.ceil(Math.max(...blocked.map((state) => state.msBeforeNext)) / 1000);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    // Past the limit, consume() blocks the key for the window; that block is the point.
    await Promise.all([this.byAccount.consume(email), this.byAddress.consume(address)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }

  /** Until when failed sign-ins lock `email` (whatever the address), or null when they do not. */
  async lockedUntil(email: string): Promise<Date | null> {
    const account = await this.byAccount.get(email);
    return account && account.consumed >= this.byAccount.points ? new Date(Date.now() + account.msBeforeNext) : null;
  }

  /** An admin lifts the lock on an account (the lock per address stays). */
  async unlock(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}

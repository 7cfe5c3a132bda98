import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed sign-ins allowed per account within `windowSeconds`. */
  perAccount: number;
  /** Failed sign-ins allowed per client address within `windowSeconds`. */
  perAddress: number;
  windowSeconds: number;
}

/**
 * Slows password guessing: after too many failures for one account or from one address,
 * further attempts are refused until the window passes, right password or not.
 */
export class LoginLimiter {
  private readonly byAccount: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: LoginLimits) {
    this.byAccount = new RateLimiterMemory({
      keyPrefix: 'login-account',
      points: limits.perAccount,
      duration: limits.windowSeconds,
      blockDuration: limits.windowSeconds,
    });
    this.byAddress = new RateLimiterMemory({
      keyPrefix: 'login-address',
      points: limits.perAddress,
      duration: limits.windowSeconds,
      blockDuration: limits.windowSeconds,
    });
  }

  /** Seconds until `email` from `address` may try again, or 0 when it may now. */
  async retryAfter(email: string, address: string): Promise<number> {
    const [account, client] = await Promise.all([this.byAccount.get(email), this.byAddress.get(address)]);
    const blocked = [
      account && account.consumedPoints >= this.byAccount.points ? account : null,
      client && client.consumedPoints >= this.byAddress.points ? client : null,
    ].filter((r): r is RateLimiterRes => r !== null);
    return blocked.length === 0 ? 0 : Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    // consume() rejects once the limit is passed; that rejection is the block itself.
    await Promise.allSettled([this.byAccount.consume(email), this.byAddress.consume(address)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}

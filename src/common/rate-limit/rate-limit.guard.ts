import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { CommonErrors } from '../errors/app-error.js';

/** Rate limits answer 429 problem+json with Retry-After, like every other error. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    // One budget per caller across all routes of a throttler, not one per route.
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw CommonErrors.RATE_LIMITED(`Limit of ${detail.limit} requests reached; retry in ${detail.timeToBlockExpire} s`, {
      retryAfterSeconds: detail.timeToBlockExpire,
    });
  }
}

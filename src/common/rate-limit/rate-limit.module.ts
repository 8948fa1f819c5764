import { Inject, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Interval } from '@nestjs/schedule';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/configuration.js';
import { Database } from '../../database/database.js';
import { PostgresThrottlerStorage } from './postgres-throttler.storage.js';
import { RateLimitGuard } from './rate-limit.guard.js';

const MINUTE_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const requestOf = (context: { switchToHttp(): { getRequest<T>(): T } }): FastifyRequest => context.switchToHttp().getRequest<FastifyRequest>();

@Injectable()
class RateLimitMaintenance {
  constructor(@Inject(ThrottlerStorage) private readonly storage: PostgresThrottlerStorage) {}

  @Interval(MINUTE_MS)
  async purge(): Promise<void> {
    await this.storage.purgeExpired();
  }
}

/**
 * `auth`: RATE_LIMIT_AUTH requests per minute per IP on /v1/auth/*.
 * `write`: RATE_LIMIT_WRITE writes per minute per account (per IP when anonymous).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, Database],
      useFactory: (config: AppConfig, db: Database) => ({
        storage: new PostgresThrottlerStorage(db),
        throttlers: [
          {
            name: 'auth',
            ttl: MINUTE_MS,
            limit: config.rateLimitAuthPerMinute,
            skipIf: (context) => !requestOf(context).url.startsWith('/v1/auth/'),
            getTracker: (req: Record<string, unknown>) => String(req.ip),
          },
          {
            name: 'write',
            ttl: MINUTE_MS,
            limit: config.rateLimitWritePerMinute,
            skipIf: (context) => !WRITE_METHODS.has(requestOf(context).method),
            getTracker: (req: Record<string, unknown>) => {
              const request = req as unknown as FastifyRequest;
              return request.principal?.accountId ? `account:${request.principal.accountId}` : `ip:${request.ip}`;
            },
          },
        ],
      }),
    }),
  ],
  providers: [RateLimitMaintenance, { provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}

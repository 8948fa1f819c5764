import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface.js';
import { Database } from '../../database/database.js';

interface CounterRow {
  hits: number;
  expires_in_ms: string;
  blocked_for_ms: string | null;
}

/**
 * Rate-limit counters in Postgres, so limits hold across API instances. One atomic upsert per request: a fixed
 * window per key; crossing the limit blocks the key for `blockDuration`.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly db: Database) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const [row] = await this.db.query<CounterRow>(
      `INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
       VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN c.window_ends_at <= clock_timestamp()
                               THEN clock_timestamp() + make_interval(secs => $2::float8 / 1000) ELSE c.window_ends_at END,
         blocked_until = CASE
           WHEN c.blocked_until > clock_timestamp() THEN c.blocked_until
           WHEN c.window_ends_at > clock_timestamp() AND c.hits + 1 > $3 THEN clock_timestamp() + make_interval(secs => $4::float8 / 1000)
           ELSE NULL END
       RETURNING hits,
         (extract(epoch FROM window_ends_at - clock_timestamp()) * 1000)::bigint AS expires_in_ms,
         CASE WHEN blocked_until > clock_timestamp()
              THEN (extract(epoch FROM blocked_until - clock_timestamp()) * 1000)::bigint END AS blocked_for_ms`,
      [key, ttl, limit, blockDuration],
    );
    const blockedForMs = row?.blocked_for_ms == null ? 0 : Number(row.blocked_for_ms);
    return {
      totalHits: row?.hits ?? 1,
      timeToExpire: Math.max(0, Math.ceil(Number(row?.expires_in_ms ?? 0) / 1000)),
      isBlocked: blockedForMs > 0,
      timeToBlockExpire: Math.ceil(blockedForMs / 1000),
    };
  }

  /** Drops counters whose window and block are over. */
  async purgeExpired(): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM rate_limit_counters
        WHERE window_ends_at < clock_timestamp() AND (blocked_until IS NULL OR blocked_until < clock_timestamp())
        RETURNING 1`,
    );
    return rows.length;
  }
}

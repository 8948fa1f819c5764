import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';

export const LOCKOUT = { failures: 10, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;

/**
 * Failed sign-ins per normalised e-mail (known or not, so a lockout does not reveal which accounts exist), in
 * `login_failures`: the failure times of a sliding window, and the end of a lockout once the limit is reached.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: Database) {}

  /** Seconds the e-mail stays locked; 0 when it is not. */
  async lockedForSeconds(emailKey: string): Promise<number> {
    const rows = await this.db.query<{ seconds: string }>(
      `SELECT ceil(extract(epoch FROM locked_until - clock_timestamp())) AS seconds
         FROM login_failures WHERE email_key = $1 AND locked_until > clock_timestamp()`,
      [emailKey],
    );
    return rows[0] ? Number(rows[0].seconds) : 0;
  }

  /** Adds a failure (one atomic upsert) and starts the lockout when the window holds the limit. */
  async recordFailure(emailKey: string): Promise<void> {
    await this.db.query(
      `INSERT INTO login_failures AS f (email_key, failures) VALUES ($1, ARRAY[clock_timestamp()])
       ON CONFLICT (email_key) DO UPDATE SET
         failures = ARRAY(SELECT t FROM unnest(f.failures || clock_timestamp()) t
                           WHERE t > clock_timestamp() - make_interval(secs => $2) ORDER BY t),
         locked_until = CASE
           WHEN (SELECT count(*) FROM unnest(f.failures || clock_timestamp()) t
                  WHERE t > clock_timestamp() - make_interval(secs => $2)) >= $3
           THEN clock_timestamp() + make_interval(secs => $4)
           ELSE f.locked_until END`,
      [emailKey, LOCKOUT.windowSeconds, LOCKOUT.failures, LOCKOUT.lockSeconds],
    );
  }

  async clear(emailKey: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE email_key = $1', [emailKey]);
  }

  /** Rows with neither a lockout nor a failure in the window left. */
  async purgeExpired(): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM login_failures
        WHERE (locked_until IS NULL OR locked_until < clock_timestamp())
          AND NOT EXISTS (SELECT 1 FROM unnest(failures) t WHERE t > clock_timestamp() - make_interval(secs => $1))
        RETURNING 1`,
      [LOCKOUT.windowSeconds],
    );
    return rows.length;
  }
}

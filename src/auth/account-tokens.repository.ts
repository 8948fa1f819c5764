import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { AccountToken, type AccountTokenPurpose } from './entities/account-token.entity.js';

/** E-mail verification and password-reset tokens: single use, expiring, stored as digests. */
@Injectable()
export class AccountTokensRepository {
  constructor(private readonly db: Database) {}

  /** Stores a new token and retires the account's earlier ones for the same purpose: only the latest e-mail works. */
  async replace(accountId: string, purpose: AccountTokenPurpose, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.query(
      'UPDATE account_tokens SET used_at = now() WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL',
      [accountId, purpose],
    );
    await this.db.repository(AccountToken).insert({ accountId, purpose, tokenHash, expiresAt });
  }

  /** Uses the token up in one statement (so it works once even under concurrent requests); its account, if valid. */
  async consume(tokenHash: string, purpose: AccountTokenPurpose): Promise<string | undefined> {
    const rows = await this.db.query<{ account_id: string }>(
      `UPDATE account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING account_id`,
      [tokenHash, purpose],
    );
    return rows[0]?.account_id;
  }

  async purgeExpired(): Promise<number> {
    return (await this.db.query(`DELETE FROM account_tokens WHERE expires_at < now() - interval '1 day' RETURNING 1`)).length;
  }
}

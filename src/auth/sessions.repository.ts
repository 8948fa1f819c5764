import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import type { Role } from './principal.js';
import { AuthSession, type SessionEndReason } from './entities/auth-session.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';

export interface PrincipalRow {
  email: string;
  roles: Role[];
  email_verified: boolean;
  owned_doctor_ids: string[];
}

export interface RefreshTokenState {
  session_id: string;
  account_id: string;
  used: boolean;
  expired: boolean;
  session_revoked: boolean;
}

/** Sign-in sessions (refresh-token families) and their refresh tokens. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async createSession(accountId: string): Promise<string> {
    const result = await this.db.repository(AuthSession).insert({ accountId });
    return (result.identifiers[0] as { id: string }).id;
  }

  async addRefreshToken(sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.db.repository(RefreshToken).insert({ sessionId, tokenHash, expiresAt });
  }

  /** The token's state, locked so two concurrent refreshes with it cannot both rotate it. */
  async lockRefreshToken(tokenHash: string): Promise<RefreshTokenState | undefined> {
    const rows = await this.db.query<RefreshTokenState>(
      `SELECT t.session_id, s.account_id, t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired,
              s.revoked_at IS NOT NULL AS session_revoked
         FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
        WHERE t.token_hash = $1
          FOR UPDATE OF t`,
      [tokenHash],
    );
    return rows[0];
  }

  async markUsed(tokenHash: string): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [tokenHash]);
  }

  async revokeSession(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.db.query('UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, reason]);
  }

  async revokeAllSessions(accountId: string, reason: SessionEndReason): Promise<void> {
    await this.db.query(
      'UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE account_id = $1 AND revoked_at IS NULL',
      [accountId, reason],
    );
  }

  /**
   * Everything a request needs to know about its caller, in one query on primary keys and the owner index: no row
   * when the session was revoked or the account deleted.
   */
  async findPrincipal(accountId: string, sessionId: string): Promise<PrincipalRow | undefined> {
    const rows = await this.db.query<PrincipalRow>(
      `SELECT a.email, a.roles, a.email_verified_at IS NOT NULL AS email_verified,
              ARRAY(SELECT d.id::text FROM doctors d WHERE d.owner_account_id = a.id AND d.deleted_at IS NULL ORDER BY d.id) AS owned_doctor_ids
         FROM auth_sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL`,
      [sessionId, accountId],
    );
    return rows[0];
  }

  /** Sessions none of whose refresh tokens can still be used (their tokens go with them). */
  async purgeEnded(): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM auth_sessions s
        WHERE s.created_at < now() - interval '1 hour'
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.session_id = s.id AND t.expires_at > now())
        RETURNING 1`,
    );
    return rows.length;
  }
}

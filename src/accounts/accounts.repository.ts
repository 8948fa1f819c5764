import { Injectable } from '@nestjs/common';
import type { Role } from '../auth/principal.js';
import { Database } from '../database/database.js';
import { Account } from './entities/account.entity.js';

export interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  email_verified_at: Date | null;
  created_at: Date;
  owned_doctor_ids: string[];
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.email, a.display_name, a.password_hash, a.roles, a.email_verified_at, a.created_at,
         ARRAY(SELECT d.id::text FROM doctors d WHERE d.owner_account_id = a.id AND d.deleted_at IS NULL ORDER BY d.id) AS owned_doctor_ids
    FROM accounts a`;

export type NewAccount = Pick<Account, 'email' | 'displayName' | 'passwordHash' | 'roles' | 'emailVerifiedAt'>;

@Injectable()
export class AccountsRepository {
  constructor(private readonly db: Database) {}

  async insert(account: NewAccount): Promise<string> {
    const result = await this.db.repository(Account).insert(account);
    return (result.identifiers[0] as { id: string }).id;
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    return (await this.db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.id = $1`, [id]))[0];
  }

  async findByEmail(email: string): Promise<AccountRow | undefined> {
    return (await this.db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.email = $1`, [email]))[0];
  }

  /** Keyset page ordered by id, optionally one e-mail. */
  async page(filter: { email?: string; afterId?: string; limit: number }): Promise<AccountRow[]> {
    return this.db.query<AccountRow>(
      `${ACCOUNT_SELECT} WHERE ($1::text IS NULL OR a.email = $1) AND ($2::uuid IS NULL OR a.id > $2) ORDER BY a.id LIMIT $3`,
      [filter.email ?? null, filter.afterId ?? null, filter.limit + 1],
    );
  }

  /** The account row locked for a read-modify-write of its roles. */
  async lockRoles(id: string): Promise<Role[] | undefined> {
    const rows = await this.db.query<{ roles: Role[] }>('SELECT roles FROM accounts WHERE id = $1 FOR UPDATE', [id]);
    return rows[0]?.roles;
  }

  async setRoles(id: string, roles: readonly Role[]): Promise<void> {
    await this.db.query('UPDATE accounts SET roles = $2::text[], updated_at = now() WHERE id = $1', [id, roles]);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
  }

  /** Keeps the first verification date. */
  async markEmailVerified(id: string): Promise<void> {
    await this.db.query(
      'UPDATE accounts SET email_verified_at = now(), updated_at = now() WHERE id = $1 AND email_verified_at IS NULL',
      [id],
    );
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM accounts WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}

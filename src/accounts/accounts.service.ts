import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service.js';
import type { Principal, Role } from '../auth/principal.js';
import { CommonErrors } from '../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../common/http/pagination.js';
import { AuthConfig } from '../config/configuration.js';
import { Database } from '../database/database.js';
import { DoctorsService } from '../doctors/doctors.service.js';
import { AccountErrors } from './accounts.errors.js';
import { AccountsRepository, type AccountRow } from './accounts.repository.js';
import type { AccountDto, AccountsQueryDto, GrantedRole, SelfServiceRole } from './dto/account.dto.js';
import { normaliseEmail } from './email.js';
import { hashPassword, spendVerificationTime, verifyPassword } from './passwords/password-hasher.js';
import { passwordProblems } from './passwords/password-policy.js';

export interface NewAccountInput {
  email: string;
  password: string;
  displayName: string;
  role: SelfServiceRole;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function present(row: AccountRow): AccountDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    emailVerified: row.email_verified_at !== null,
    ownedDoctorIds: row.owned_doctor_ids,
    createdAt: row.created_at.toISOString(),
  };
}

/** Accounts: creation, credentials, roles and deletion. Sessions and tokens belong to the auth module. */
@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly doctors: DoctorsService,
    private readonly audit: AuditLog,
    private readonly config: AuthConfig,
  ) {}

  /** The first admin from ADMIN_EMAIL/ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminEmail === undefined || this.config.adminPassword === undefined) return;
    const outcome = await this.ensureAdmin(this.config.adminEmail, this.config.adminPassword);
    if (outcome !== 'unchanged') this.logger.log(`admin account ${outcome} from ADMIN_EMAIL`);
  }

  /** Creates an unverified patient or doctor account (the caller sends the verification e-mail). */
  async create(input: NewAccountInput): Promise<AccountDto> {
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async () => {
      const id = await this.accounts.insert({
        email: normaliseEmail(input.email),
        displayName: input.displayName,
        passwordHash,
        roles: [input.role],
        emailVerifiedAt: null,
      });
      return this.presentOrFail(id);
    });
  }

  /**
   * The account these credentials open, or undefined. An unknown e-mail costs the same argon2 verification as a
   * wrong password, so neither the answer nor its timing tells whether the account exists.
   */
  async verifyCredentials(email: string, password: string): Promise<AccountDto | undefined> {
    const account = await this.accounts.findByEmail(normaliseEmail(email));
    if (!account) {
      await spendVerificationTime(password);
      return undefined;
    }
    return (await verifyPassword(account.password_hash, password)) ? present(account) : undefined;
  }

  async findById(id: string): Promise<AccountDto | undefined> {
    const row = await this.accounts.findById(id);
    return row && present(row);
  }

  async findByEmail(email: string): Promise<AccountDto | undefined> {
    const row = await this.accounts.findByEmail(normaliseEmail(email));
    return row && present(row);
  }

  async me(principal: Principal): Promise<AccountDto> {
    return this.presentOrFail(this.accountIdOf(principal));
  }

  async list(query: AccountsQueryDto): Promise<Page<AccountDto>> {
    const limit = query.limit ?? 20;
    const afterId = query.after === undefined ? undefined : String(decodeCursor(query.after, 1)[0]);
    if (afterId !== undefined && !UUID.test(afterId)) throw CommonErrors.INVALID_CURSOR();
    const rows = await this.accounts.page({ email: query.email, afterId, limit });
    return toPage(rows, limit, (row) => [row.id], present);
  }

  /**
   * Deletes the caller's account: sessions and tokens go with it (cascade), owned profiles lose their owner, and
   * what the account wrote stays, shown as from a deleted account (references are ON DELETE SET NULL).
   */
  async remove(principal: Principal): Promise<void> {
    const id = this.accountIdOf(principal);
    await this.db.transaction(async () => {
      const before = await this.presentOrFail(id);
      await this.doctors.releaseOwnership(id);
      await this.accounts.delete(id);
      await this.audit.record({ action: 'account.delete', entityType: 'account', entityId: id, before: { roles: before.roles } });
    });
  }

  async grantRole(id: string, role: GrantedRole): Promise<AccountDto> {
    return this.changeRoles(id, (roles) => (roles.includes(role) ? roles : [...roles, role]));
  }

  async revokeRole(id: string, role: GrantedRole): Promise<AccountDto> {
    return this.changeRoles(id, (roles) => roles.filter((r) => r !== role));
  }

  async setPassword(id: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.accounts.setPasswordHash(id, passwordHash);
  }

  async markEmailVerified(id: string): Promise<void> {
    await this.accounts.markEmailVerified(id);
  }

  /**
   * Makes sure an admin account exists for this e-mail: creates it (verified) when absent, adds the admin role to
   * an existing account, and never overwrites an existing password.
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'granted' | 'unchanged'> {
    const existing = await this.accounts.findByEmail(normaliseEmail(email));
    if (existing) {
      if (existing.roles.includes('admin')) return 'unchanged';
      await this.grantRole(existing.id, 'admin');
      return 'granted';
    }
    const problems = passwordProblems(password);
    if (problems.length > 0) throw CommonErrors.VALIDATION_FAILED(`The admin password ${problems[0]}`, { errors: { password: problems } });
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async () => {
      const id = await this.accounts.insert({
        email: normaliseEmail(email),
        displayName: 'Administrator',
        passwordHash,
        roles: ['admin'],
        emailVerifiedAt: new Date(),
      });
      await this.audit.record({ action: 'account.roles', entityType: 'account', entityId: id, after: { roles: ['admin'] } });
    });
    return 'created';
  }

  private async changeRoles(id: string, change: (roles: Role[]) => Role[]): Promise<AccountDto> {
    if (!UUID.test(id)) throw AccountErrors.NOT_FOUND(`No account ${id}`);
    return this.db.transaction(async () => {
      const roles = await this.accounts.lockRoles(id);
      if (!roles) throw AccountErrors.NOT_FOUND(`No account ${id}`);
      const next = change(roles);
      if (next.length === 0) throw CommonErrors.CONFLICT('An account keeps at least one role');
      if (next.length !== roles.length) {
        await this.accounts.setRoles(id, next);
        await this.audit.record({ action: 'account.roles', entityType: 'account', entityId: id, before: { roles }, after: { roles: next } });
      }
      return this.presentOrFail(id);
    });
  }

  private accountIdOf(principal: Principal): string {
    if (principal.accountId === null) throw AccountErrors.NOT_AN_ACCOUNT('Sign in with an account to use /v1/me');
    return principal.accountId;
  }

  private async presentOrFail(id: string): Promise<AccountDto> {
    const row = await this.accounts.findById(id);
    if (!row) throw AccountErrors.NOT_FOUND(`No account ${id}`);
    return present(row);
  }
}

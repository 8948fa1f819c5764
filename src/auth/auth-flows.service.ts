import { Injectable } from '@nestjs/common';
import type { AccountDto, RegisterDto } from '../accounts/dto/account.dto.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { normaliseEmail } from '../accounts/email.js';
import { Database } from '../database/database.js';
import { MailService } from '../mail/mail.service.js';
import { AccountTokensRepository } from './account-tokens.repository.js';
import { AuthErrors } from './auth.errors.js';
import type { LoginDto, PasswordResetConfirmDto, TokenPairDto } from './dto/auth.dto.js';
import type { AccountTokenPurpose } from './entities/account-token.entity.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import type { Principal } from './principal.js';
import { digestToken, newSecretToken } from './secret-token.js';
import { SessionTokens } from './session-tokens.service.js';

const EMAIL_TOKEN_TTL_SECONDS: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * 3600,
  password_reset: 3600,
};

/** Registration, sign-in, sessions, e-mail verification and password reset. */
@Injectable()
export class AuthFlows {
  constructor(
    private readonly db: Database,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionTokens,
    private readonly emailTokens: AccountTokensRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly mail: MailService,
  ) {}

  async register(dto: RegisterDto): Promise<AccountDto> {
    return this.db.transaction(async () => {
      const account = await this.accounts.create(dto);
      await this.sendEmailToken(account, 'verify_email');
      return account;
    });
  }

  /**
   * A locked e-mail is refused before the password is looked at, so the right password does not help; a wrong
   * password and an unknown e-mail give the same answer and count alike.
   */
  async login(dto: LoginDto): Promise<TokenPairDto> {
    const emailKey = normaliseEmail(dto.email);
    const lockedFor = await this.throttle.lockedForSeconds(emailKey);
    if (lockedFor > 0) throw AuthErrors.LOCKED(`Try again in ${lockedFor} s`, { retryAfterSeconds: lockedFor });
    const account = await this.accounts.verifyCredentials(emailKey, dto.password);
    if (!account) {
      await this.throttle.recordFailure(emailKey);
      throw AuthErrors.INVALID_CREDENTIALS();
    }
    await this.throttle.clear(emailKey);
    return this.sessions.start(account.id);
  }

  refresh(refreshToken: string): Promise<TokenPairDto> {
    return this.sessions.rotate(refreshToken);
  }

  /** Ends the session of the access token used (its refresh tokens and access tokens stop working). */
  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) await this.sessions.end(principal.sessionId, 'logout');
  }

  async verifyEmail(token: string): Promise<void> {
    await this.db.transaction(async () => {
      const accountId = await this.emailTokens.consume(digestToken(token), 'verify_email');
      if (!accountId) throw AuthErrors.INVALID_EMAIL_TOKEN();
      await this.accounts.markEmailVerified(accountId);
    });
  }

  /** Always accepted, whether or not the e-mail has an account, so the answer reveals nothing. */
  async requestPasswordReset(email: string): Promise<void> {
    const account = await this.accounts.findByEmail(email);
    if (account) await this.db.transaction(() => this.sendEmailToken(account, 'password_reset'));
  }

  /**
   * Sets the new password, ends every session (whoever knew the old password is signed out), lifts a lockout and
   * counts as e-mail verification: the token came through the mailbox.
   */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<void> {
    await this.db.transaction(async () => {
      const accountId = await this.emailTokens.consume(digestToken(dto.token), 'password_reset');
      if (!accountId) throw AuthErrors.INVALID_EMAIL_TOKEN();
      await this.accounts.setPassword(accountId, dto.password);
      await this.accounts.markEmailVerified(accountId);
      await this.sessions.endAll(accountId, 'password_reset');
      const account = await this.accounts.findById(accountId);
      if (account) await this.throttle.clear(account.email);
    });
  }

  private async sendEmailToken(account: AccountDto, purpose: AccountTokenPurpose): Promise<void> {
    const { token, hash } = newSecretToken();
    const ttl = EMAIL_TOKEN_TTL_SECONDS[purpose];
    await this.emailTokens.replace(account.id, purpose, hash, new Date(Date.now() + ttl * 1000));
    const hours = Math.round(ttl / 3600);
    await this.mail.sendAfterCommit(
      purpose === 'verify_email'
        ? {
            to: account.email,
            subject: 'Confirm your e-mail address for Docfinder',
            text: `Hello ${account.displayName},\n\nConfirm your e-mail address with this code (valid ${hours} hours, once):\n\n${token}\n\nPOST it as { "token": "…" } to /v1/auth/verify-email.\n`,
            token,
          }
        : {
            to: account.email,
            subject: 'Reset your Docfinder password',
            text: `Hello ${account.displayName},\n\nSomeone asked to reset the password of this account. If it was you, use this code (valid ${hours} hour, once):\n\n${token}\n\nPOST it with your new password to /v1/auth/password-reset/confirm. If it was not you, ignore this e-mail.\n`,
            token,
          },
    );
  }
}

import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthConfig } from '../config/configuration.js';
import { Database } from '../database/database.js';
import { AuthErrors } from './auth.errors.js';
import type { TokenPairDto } from './dto/auth.dto.js';
import type { SessionEndReason } from './entities/auth-session.entity.js';
import { digestToken, newSecretToken } from './secret-token.js';
import { SessionsRepository } from './sessions.repository.js';

/** The claims of an access token: the account and the session it belongs to. */
export interface AccessClaims {
  sub: string;
  sid: string;
}

type Rotation = { kind: 'rotated'; pair: TokenPairDto } | { kind: 'refused'; reason: string };

/** Sessions, rotating refresh tokens and short-lived access tokens. */
@Injectable()
export class SessionTokens {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionsRepository,
    private readonly jwt: JwtService,
    private readonly config: AuthConfig,
  ) {}

  /** A new session for a successful sign-in. */
  async start(accountId: string): Promise<TokenPairDto> {
    return this.db.transaction(async () => {
      const sessionId = await this.sessions.createSession(accountId);
      return this.issue(accountId, sessionId);
    });
  }

  /**
   * Trades a refresh token for a new pair. A token presented a second time means two parties hold it (a theft):
   * the whole session is revoked, and that revocation is committed even though the request fails.
   */
  async rotate(refreshToken: string): Promise<TokenPairDto> {
    const hash = digestToken(refreshToken);
    const outcome = await this.db.transaction(async (): Promise<Rotation> => {
      const state = await this.sessions.lockRefreshToken(hash);
      if (!state || state.session_revoked) return { kind: 'refused', reason: 'The refresh token is not valid; sign in again' };
      if (state.used) {
        await this.sessions.revokeSession(state.session_id, 'refresh_reuse');
        return { kind: 'refused', reason: 'The refresh token was already used: the session is revoked; sign in again' };
      }
      if (state.expired) return { kind: 'refused', reason: 'The refresh token has expired; sign in again' };
      await this.sessions.markUsed(hash);
      return { kind: 'rotated', pair: await this.issue(state.account_id, state.session_id) };
    });
    if (outcome.kind === 'refused') throw AuthErrors.INVALID_REFRESH_TOKEN(outcome.reason);
    return outcome.pair;
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.revokeSession(sessionId, reason);
  }

  async endAll(accountId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.revokeAllSessions(accountId, reason);
  }

  /** The claims of a valid access token; only HS256 is accepted (never `none`), with our issuer and audience. */
  async verifyAccessToken(token: string): Promise<AccessClaims> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<AccessClaims>>(token);
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') throw AuthErrors.TOKEN_EXPIRED();
      throw AuthErrors.INVALID_TOKEN();
    }
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw AuthErrors.INVALID_TOKEN();
    return { sub: claims.sub, sid: claims.sid };
  }

  private async issue(accountId: string, sessionId: string): Promise<TokenPairDto> {
    const { token: refreshToken, hash } = newSecretToken();
    await this.sessions.addRefreshToken(sessionId, hash, new Date(Date.now() + this.config.refreshTtlSeconds * 1000));
    const claims: AccessClaims = { sub: accountId, sid: sessionId };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken,
      expiresIn: this.config.accessTtlSeconds,
      tokenType: 'Bearer',
    };
  }
}

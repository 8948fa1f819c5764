import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../config/configuration.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from './principal.js';
import { SessionTokens } from './session-tokens.service.js';
import { SessionsRepository } from './sessions.repository.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

const ADMIN_TOKEN_PRINCIPAL: Principal = {
  accountId: null,
  email: null,
  roles: ['admin'],
  emailVerified: true,
  ownedDoctorIds: [],
  sessionId: null,
};

/** Turns an Authorization header into a principal: the static ADMIN_TOKEN, or an access token of a live session. */
@Injectable()
export class AuthService {
  private readonly adminTokenDigest: Buffer | undefined;

  constructor(
    config: AuthConfig,
    private readonly tokens: SessionTokens,
    private readonly sessions: SessionsRepository,
  ) {
    this.adminTokenDigest = config.adminToken ? digest(config.adminToken) : undefined;
  }

  /** undefined for an anonymous request; throws for a malformed or invalid credential. */
  async authenticate(authorization: string | undefined): Promise<Principal | undefined> {
    if (authorization === undefined || authorization === '') return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw AuthErrors.INVALID_TOKEN('Use "Authorization: Bearer <token>"');
    const token = match[1];
    // Comparing digests keeps the comparison constant-time whatever the token length.
    if (this.adminTokenDigest && timingSafeEqual(digest(token), this.adminTokenDigest)) return ADMIN_TOKEN_PRINCIPAL;
    const claims = await this.tokens.verifyAccessToken(token);
    // Roles, verification and ownership are read now, not from the token: a revoked role, a deleted account or
    // an ended session takes effect on the next request.
    const row = await this.sessions.findPrincipal(claims.sub, claims.sid);
    if (!row) throw AuthErrors.INVALID_TOKEN('The session has ended; sign in again');
    return {
      accountId: claims.sub,
      email: row.email,
      roles: row.roles,
      emailVerified: row.email_verified,
      ownedDoctorIds: row.owned_doctor_ids,
      sessionId: claims.sid,
    };
  }
}

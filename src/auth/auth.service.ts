import { timingSafeEqual, createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../config/configuration.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from './principal.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

const ADMIN_TOKEN_PRINCIPAL: Principal = { accountId: null, roles: ['admin'], emailVerified: true };

/** Turns an Authorization header into a principal. */
@Injectable()
export class AuthService {
  private readonly adminTokenDigest: Buffer | undefined;

  constructor(config: AuthConfig) {
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
    throw AuthErrors.INVALID_TOKEN();
  }
}

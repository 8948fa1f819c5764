import { createHash, randomBytes } from 'node:crypto';

/** A new opaque token (256 random bits) and the digest that is stored instead of it. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: digestToken(token) };
}

export const digestToken = (token: string): string => createHash('sha256').update(token).digest('hex');

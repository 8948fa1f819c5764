import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow for guessing, quick enough for a login.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash never authenticates.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of a random password with the same parameters, so a login for an unknown e-mail costs
 * what a wrong password costs and the response time does not tell which e-mails have accounts.
 */
export async function spendVerificationTime(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummy, password);
}

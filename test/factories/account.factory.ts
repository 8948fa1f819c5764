import { expect } from 'vitest';
import type { Role } from '../../src/auth/principal.js';
import { TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

let sequence = 0;

export const TEST_PASSWORD = 'violet-harbour-lantern-42';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface AccountOptions {
  email?: string;
  /** Leave the e-mail unverified. */
  unverified?: boolean;
}

/** A unique e-mail address for this test run. */
export function uniqueEmail(domain = 'example.org'): string {
  sequence += 1;
  return `user${process.pid}-${sequence}@${domain}`;
}

export async function login(t: TestApp, email: string, password = TEST_PASSWORD): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await t.api.post('/v1/auth/login', { email, password });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

/**
 * Registers an account through the API, verifies its e-mail with the mailed token and signs it in. Moderators and
 * admins register as patients and get their role from the admin token through the roles route.
 */
export async function makeAccount(t: TestApp, role: Role, options: AccountOptions = {}): Promise<TestAccount> {
  const email = options.email ?? uniqueEmail();
  const registered = await t.api.post('/v1/auth/register', {
    email,
    password: TEST_PASSWORD,
    role: role === 'doctor' ? 'doctor' : 'patient',
    displayName: `Test ${role}`,
  });
  expect(registered.status, registered.text).toBe(201);
  const id = registered.body.id as string;
  if (!options.unverified) {
    const [mail] = await t.mails(email);
    const verified = await t.api.post('/v1/auth/verify-email', { token: mail.token });
    expect(verified.status, verified.text).toBe(204);
  }
  if (role === 'moderator' || role === 'admin') {
    const granted = await t.api.post(`/v1/admin/accounts/${id}/roles`, { role }, { token: TEST_ADMIN_TOKEN });
    expect(granted.status, granted.text).toBe(200);
  }
  return { id, email, password: TEST_PASSWORD, ...(await login(t, email)) };
}

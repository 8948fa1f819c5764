import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeAccount, TEST_PASSWORD, uniqueEmail } from '../factories/account.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, TEST_JWT_SECRET, type TestApp } from '../utils/test-app.js';

const register = (t: TestApp, body: Record<string, unknown>) => t.api.post('/v1/auth/register', body);
const registration = (overrides: Record<string, unknown> = {}) => ({
  email: uniqueEmail(),
  password: TEST_PASSWORD,
  role: 'patient',
  displayName: 'Ann Lee',
  ...overrides,
});

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('accounts and sessions', () => {
  let t: TestApp;
  const count = async (table: string): Promise<number> => Number((await t.sql(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('register', () => {
    it('creates an unverified account, stores an argon2id hash and mails a verification token', async () => {
      const email = uniqueEmail();
      const response = await register(t, registration({ email: `  ${email.toUpperCase()} `, role: 'doctor' }));
      expect(response.status, response.text).toBe(201);
      expect(response.body).toMatchObject({ email, roles: ['doctor'], emailVerified: false, displayName: 'Ann Lee', ownedDoctorIds: [] });
      expect(response.body).not.toHaveProperty('passwordHash');
      const [row] = await t.sql('SELECT password_hash FROM accounts WHERE id = $1', [response.body.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(TEST_PASSWORD);
      const mails = await t.mails(email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ to: email, subject: expect.stringMatching(/confirm/i), token: expect.any(String) });
      expect(mails[0].text).toContain(mails[0].token);
      // Only a digest of the token is stored.
      const tokens = await t.sql('SELECT token_hash FROM account_tokens WHERE account_id = $1', [response.body.id]);
      expect(tokens.map((r) => r.token_hash)).not.toContain(mails[0].token);
    });

    const refused: [string, Record<string, unknown>, string][] = [
      ['the moderator role', registration({ role: 'moderator' }), 'role'],
      ['the admin role', registration({ role: 'admin' }), 'role'],
      ['no role', registration({ role: undefined }), 'role'],
      ['a 9-character password', registration({ password: 'abcdefgh9' }), 'password'],
      ['a common password', registration({ password: 'password123' }), 'password'],
      ['a common password in other case', registration({ password: 'PassWord123' }), 'password'],
      ['a number for a password', registration({ password: 1234567890123 }), 'password'],
      ['a bad e-mail', registration({ email: 'not-an-email' }), 'email'],
      ['an empty display name', registration({ displayName: '  ' }), 'displayName'],
      ['an unknown field', { ...registration(), roles: ['admin'] }, 'roles'],
      ['a pre-verified flag', { ...registration(), emailVerified: true }, 'emailVerified'],
    ];
    it.each(refused)('refuses %s with 400 naming the field and writes nothing', async (_name, body, field) => {
      const before = await count('accounts');
      const response = await register(t, body);
      expect(response.status, response.text).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Object.keys(response.body.errors)).toContain(field);
      expect(await count('accounts')).toBe(before);
    });

    it('refuses a second account for the same e-mail (any case) with 409', async () => {
      const email = uniqueEmail();
      expect((await register(t, registration({ email }))).status).toBe(201);
      const again = await register(t, registration({ email: email.toUpperCase() }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ACCOUNT.EMAIL_TAKEN');
      expect(await t.sql('SELECT id FROM accounts WHERE email = $1', [email])).toHaveLength(1);
    });
  });

  describe('verify e-mail', () => {
    it('verifies with the mailed token, once', async () => {
      const account = await makeAccount(t, 'patient', { unverified: true });
      expect((await t.api.get('/v1/me', { token: account.accessToken })).body.emailVerified).toBe(false);
      const [mail] = await t.mails(account.email);
      expect((await t.api.post('/v1/auth/verify-email', { token: mail.token })).status).toBe(204);
      expect((await t.api.get('/v1/me', { token: account.accessToken })).body.emailVerified).toBe(true);
      const again = await t.api.post('/v1/auth/verify-email', { token: mail.token });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('AUTH.INVALID_EMAIL_TOKEN');
    });

    it('refuses an unknown, an expired or a missing token', async () => {
      expect((await t.api.post('/v1/auth/verify-email', { token: 'nope' })).status).toBe(400);
      expect(Object.keys((await t.api.post('/v1/auth/verify-email', {})).body.errors)).toEqual(['token']);
      const account = await makeAccount(t, 'patient', { unverified: true });
      await t.sql(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [account.id]);
      const [mail] = await t.mails(account.email);
      expect((await t.api.post('/v1/auth/verify-email', { token: mail.token })).status).toBe(400);
      expect((await t.sql('SELECT email_verified_at FROM accounts WHERE id = $1', [account.id]))[0].email_verified_at).toBeNull();
    });
  });

  describe('login', () => {
    it('returns an access token, a refresh token and its lifetime', async () => {
      const account = await makeAccount(t, 'patient');
      const response = await t.api.post('/v1/auth/login', { email: account.email.toUpperCase(), password: TEST_PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, accessToken: expect.any(String), refreshToken: expect.any(String) });
      const header = JSON.parse(Buffer.from(response.body.accessToken.split('.')[0], 'base64url').toString());
      expect(header.alg).toBe('HS256');
      expect(claimsOf(response.body.accessToken)).toMatchObject({ sub: account.id, iss: 'docfinder', aud: 'docfinder-api' });
      const me = await t.api.get('/v1/me', { token: response.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: account.id, email: account.email, roles: ['patient'], emailVerified: true });
    });

    it('answers an unknown e-mail exactly like a wrong password, in comparable time', async () => {
      const account = await makeAccount(t, 'patient');
      const timed = async (email: string) => {
        const started = performance.now();
        const response = await t.api.post('/v1/auth/login', { email, password: 'wrong-password-123' });
        return { response, ms: performance.now() - started };
      };
      const wrong = await timed(account.email);
      const unknown = await timed(uniqueEmail());
      expect(unknown.response.status).toBe(401);
      expect(wrong.response.status).toBe(401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(unknown.response.body)).toEqual(strip(wrong.response.body));
      expect(wrong.response.body.code).toBe('AUTH.INVALID_CREDENTIALS');

      // Both pay for one argon2 verification: medians of a few tries stay within a small factor.
      const samples = async (email: () => string) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i += 1) times.push((await timed(email())).ms);
        return times.sort((a, b) => a - b)[2];
      };
      const known = await samples(() => account.email);
      const missing = await samples(() => uniqueEmail());
      expect(missing).toBeGreaterThan(known * 0.4);
      expect(missing).toBeLessThan(known * 2.5);
    });

    it('refuses a missing password with 400 and counts no failure', async () => {
      const email = uniqueEmail();
      const response = await t.api.post('/v1/auth/login', { email });
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.errors)).toEqual(['password']);
      expect(await t.sql('SELECT 1 FROM login_failures WHERE email_key = $1', [email])).toHaveLength(0);
    });
  });

  describe('lockout', () => {
    it('refuses the 11th sign-in within 15 minutes with 429 even with the right password', async () => {
      const account = await makeAccount(t, 'patient');
      for (let i = 0; i < 10; i += 1) {
        expect((await t.api.post('/v1/auth/login', { email: account.email, password: `wrong-password-${i}` })).status).toBe(401);
      }
      const locked = await t.api.post('/v1/auth/login', { email: account.email, password: TEST_PASSWORD });
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('AUTH.LOCKED');
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another account is not affected; the locked one opens again once the lock has passed.
      const other = await makeAccount(t, 'patient');
      expect((await t.api.post('/v1/auth/login', { email: other.email, password: TEST_PASSWORD })).status).toBe(200);
      await t.sql(`UPDATE login_failures SET locked_until = now() - interval '1 second', failures = '{}' WHERE email_key = $1`, [account.email]);
      expect((await t.api.post('/v1/auth/login', { email: account.email, password: TEST_PASSWORD })).status).toBe(200);
    });

    it('locks an unknown e-mail the same way, and counts failures in a sliding 15-minute window', async () => {
      const unknown = uniqueEmail();
      for (let i = 0; i < 10; i += 1) await t.api.post('/v1/auth/login', { email: unknown, password: 'wrong-password-1' });
      const locked = await t.api.post('/v1/auth/login', { email: unknown, password: 'wrong-password-1' });
      expect(locked.status).toBe(429);

      const account = await makeAccount(t, 'patient');
      for (let i = 0; i < 9; i += 1) await t.api.post('/v1/auth/login', { email: account.email, password: 'wrong-password-1' });
      // Nine failures that are now 16 minutes old no longer count.
      await t.sql(`UPDATE login_failures SET failures = ARRAY(SELECT f - interval '16 minutes' FROM unnest(failures) f) WHERE email_key = $1`, [account.email]);
      await t.api.post('/v1/auth/login', { email: account.email, password: 'wrong-password-1' });
      expect((await t.api.post('/v1/auth/login', { email: account.email, password: TEST_PASSWORD })).status).toBe(200);
    });

    it('a successful sign-in clears earlier failures', async () => {
      const account = await makeAccount(t, 'patient');
      for (let i = 0; i < 9; i += 1) await t.api.post('/v1/auth/login', { email: account.email, password: 'wrong-password-1' });
      await login(t, account.email);
      for (let i = 0; i < 9; i += 1) await t.api.post('/v1/auth/login', { email: account.email, password: 'wrong-password-1' });
      expect((await t.api.post('/v1/auth/login', { email: account.email, password: TEST_PASSWORD })).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });

    it('refuses an expired token with AUTH.TOKEN_EXPIRED', async () => {
      const account = await makeAccount(t, 'patient');
      const { sub, sid } = claimsOf(account.accessToken);
      const expired = jwt.sign({ sub, sid, exp: Math.floor(Date.now() / 1000) - 10 }, { issuer: 'docfinder', audience: 'docfinder-api' });
      const response = await t.api.get('/v1/me', { token: expired });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('AUTH.TOKEN_EXPIRED');
    });

    it('refuses a wrong signature, alg "none", another algorithm, another audience and garbage', async () => {
      const account = await makeAccount(t, 'patient');
      const claims = claimsOf(account.accessToken);
      const payload = { sub: claims.sub, sid: claims.sid, iss: 'docfinder', aud: 'docfinder-api', exp: Math.floor(Date.now() / 1000) + 600 };
      const forged = [
        new JwtService({ secret: 'another-secret-0123456789abcdef-0123456789' }).sign(payload),
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`,
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}`,
        jwt.sign(payload, { algorithm: 'HS512' }),
        jwt.sign({ ...payload, aud: 'someone-else' }),
        `${account.accessToken.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`,
        'not.a.jwt',
      ];
      for (const token of forged) {
        const response = await t.api.get('/v1/me', { token });
        expect(response.status, token).toBe(401);
        expect(response.body.code, token).toBe('AUTH.INVALID_TOKEN');
      }
      expect((await t.api.get('/v1/me', { token: account.accessToken })).status).toBe(200);
    });

    it('keeps accepting the ADMIN_TOKEN as an admin credential without an account', async () => {
      const response = await t.api.get('/v1/admin/accounts?limit=1', { token: TEST_ADMIN_TOKEN });
      expect(response.status).toBe(200);
      expect((await t.api.get('/v1/me', { token: TEST_ADMIN_TOKEN })).status).toBe(404);
    });
  });

  describe('refresh and logout', () => {
    it('rotates: each refresh token works once and returns a new pair', async () => {
      const account = await makeAccount(t, 'patient');
      const first = await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(account.refreshToken);
      expect((await t.api.get('/v1/me', { token: first.body.accessToken })).status).toBe(200);
      const second = await t.api.post('/v1/auth/refresh', { refreshToken: first.body.refreshToken });
      expect(second.status).toBe(200);
      const stored = await t.sql('SELECT token_hash FROM refresh_tokens');
      expect(stored.map((r) => r.token_hash)).not.toContain(second.body.refreshToken);
    });

    it('a reused refresh token revokes its whole family, including the tokens issued after it', async () => {
      const account = await makeAccount(t, 'patient');
      const rotated = await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken });
      expect(rotated.status).toBe(200);
      const reuse = await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: rotated.body.refreshToken })).status).toBe(401);
      expect((await t.api.get('/v1/me', { token: rotated.body.accessToken })).status).toBe(401);
      expect((await t.api.get('/v1/me', { token: account.accessToken })).status).toBe(401);
      const [session] = await t.sql('SELECT revoked_reason FROM auth_sessions WHERE account_id = $1', [account.id]);
      expect(session.revoked_reason).toBe('refresh_reuse');
      // Other sessions of the same account live on.
      const again = await login(t, account.email);
      expect((await t.api.get('/v1/me', { token: again.accessToken })).status).toBe(200);
    });

    it('two concurrent refreshes with one token: one succeeds and the family is revoked', async () => {
      const account = await makeAccount(t, 'patient');
      const results = await Promise.all([1, 2].map(() => t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.status === 200)!;
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: winner.body.refreshToken })).status).toBe(401);
    });

    it('refuses an expired or unknown refresh token', async () => {
      const account = await makeAccount(t, 'patient');
      await t.sql(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE session_id IN (SELECT id FROM auth_sessions WHERE account_id = $1)`, [account.id]);
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: 'unknown-token' })).status).toBe(401);
      expect(Object.keys((await t.api.post('/v1/auth/refresh', { refreshToken: 42 })).body.errors)).toEqual(['refreshToken']);
    });

    it('logout ends the session: its refresh token and access token stop working', async () => {
      const account = await makeAccount(t, 'patient');
      expect((await t.api.post('/v1/auth/logout', undefined, { token: account.accessToken })).status).toBe(204);
      expect((await t.api.get('/v1/me', { token: account.accessToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/logout')).status).toBe(401);
    });
  });

  describe('password reset', () => {
    it('mails a single-use token; confirming sets the password and ends every session', async () => {
      const account = await makeAccount(t, 'patient');
      expect((await t.api.post('/v1/auth/password-reset', { email: account.email })).status).toBe(202);
      const mail = (await t.mails(account.email)).at(-1)!;
      expect(mail.subject).toMatch(/reset/i);
      const newPassword = 'amber-quarry-whistle-77';
      const weak = await t.api.post('/v1/auth/password-reset/confirm', { token: mail.token, password: 'qwerty1234' });
      expect(weak.status).toBe(400);
      expect(Object.keys(weak.body.errors)).toEqual(['password']);
      const confirmed = await t.api.post('/v1/auth/password-reset/confirm', { token: mail.token, password: newPassword });
      expect(confirmed.status).toBe(204);
      expect((await t.api.get('/v1/me', { token: account.accessToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/login', { email: account.email, password: TEST_PASSWORD })).status).toBe(401);
      await login(t, account.email, newPassword);
      const reused = await t.api.post('/v1/auth/password-reset/confirm', { token: mail.token, password: 'another-good-pass-88' });
      expect(reused.status).toBe(400);
    });

    it('answers an unknown e-mail alike and sends nothing', async () => {
      const email = uniqueEmail();
      const response = await t.api.post('/v1/auth/password-reset', { email });
      expect(response.status).toBe(202);
      expect(await t.mails(email)).toEqual([]);
    });

    it('only the latest reset e-mail works, and not after an hour', async () => {
      const account = await makeAccount(t, 'patient');
      await t.api.post('/v1/auth/password-reset', { email: account.email });
      await t.api.post('/v1/auth/password-reset', { email: account.email });
      const [older, latest] = (await t.mails(account.email)).slice(-2);
      expect((await t.api.post('/v1/auth/password-reset/confirm', { token: older.token, password: 'amber-quarry-whistle-77' })).status).toBe(400);
      await t.sql(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [account.id]);
      expect((await t.api.post('/v1/auth/password-reset/confirm', { token: latest.token, password: 'amber-quarry-whistle-77' })).status).toBe(400);
      await login(t, account.email);
    });
  });

  describe('/v1/me', () => {
    it('needs a signed-in caller', async () => {
      expect((await t.api.get('/v1/me')).status).toBe(401);
      expect((await t.api.delete('/v1/me')).status).toBe(401);
    });

    it('DELETE removes the account and its sessions; its tokens stop working at once', async () => {
      const account = await makeAccount(t, 'patient');
      expect((await t.api.delete('/v1/me', { token: account.accessToken })).status).toBe(204);
      expect(await t.sql('SELECT 1 FROM accounts WHERE id = $1', [account.id])).toEqual([]);
      expect(await t.sql('SELECT 1 FROM auth_sessions WHERE account_id = $1', [account.id])).toEqual([]);
      expect((await t.api.get('/v1/me', { token: account.accessToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/refresh', { refreshToken: account.refreshToken })).status).toBe(401);
      expect((await t.api.post('/v1/auth/login', { email: account.email, password: TEST_PASSWORD })).status).toBe(401);
      const [audit] = await t.sql(`SELECT actor_account_id, action FROM audit_log WHERE entity_id = $1`, [account.id]);
      expect(audit).toEqual({ actor_account_id: account.id, action: 'account.delete' });
    });
  });

  describe('role grants', () => {
    it('an admin grants moderator; it takes effect on the next request, and so does revoking it', async () => {
      const admin = await makeAccount(t, 'admin');
      const account = await makeAccount(t, 'patient');
      expect((await t.api.get('/v1/moderation/claims', { token: account.accessToken })).status).toBe(403);
      const granted = await t.api.post(`/v1/admin/accounts/${account.id}/roles`, { role: 'moderator' }, { token: admin.accessToken });
      expect(granted.status).toBe(200);
      expect(granted.body.roles).toEqual(['patient', 'moderator']);
      expect((await t.api.get('/v1/moderation/claims', { token: account.accessToken })).status).toBe(200);
      const revoked = await t.api.delete(`/v1/admin/accounts/${account.id}/roles/moderator`, { token: admin.accessToken });
      expect(revoked.body.roles).toEqual(['patient']);
      expect((await t.api.get('/v1/moderation/claims', { token: account.accessToken })).status).toBe(403);
      const audit = await t.sql(`SELECT actor_kind, actor_account_id, changes FROM audit_log WHERE entity_id = $1 ORDER BY id`, [account.id]);
      expect(audit).toEqual([
        { actor_kind: 'account', actor_account_id: admin.id, changes: { roles: { before: ['patient'], after: ['patient', 'moderator'] } } },
        { actor_kind: 'account', actor_account_id: admin.id, changes: { roles: { before: ['patient', 'moderator'], after: ['patient'] } } },
      ]);
    });

    it('refuses patient/doctor grants (400), non-admins (401/403) and unknown accounts (404), changing nothing', async () => {
      const account = await makeAccount(t, 'patient');
      const moderator = await makeAccount(t, 'moderator');
      const path = `/v1/admin/accounts/${account.id}/roles`;
      const bad = await t.api.post(path, { role: 'doctor' }, { token: TEST_ADMIN_TOKEN });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors)).toEqual(['role']);
      expect((await t.api.post(path, { role: 'admin' })).status).toBe(401);
      expect((await t.api.post(path, { role: 'admin' }, { token: account.accessToken })).status).toBe(403);
      expect((await t.api.post(path, { role: 'admin' }, { token: moderator.accessToken })).status).toBe(403);
      expect((await t.api.delete(`${path}/patient`, { token: TEST_ADMIN_TOKEN })).status).toBe(400);
      expect((await t.api.post('/v1/admin/accounts/6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11/roles', { role: 'admin' }, { token: TEST_ADMIN_TOKEN })).status).toBe(404);
      expect((await t.api.post('/v1/admin/accounts/not-a-uuid/roles', { role: 'admin' }, { token: TEST_ADMIN_TOKEN })).status).toBe(400);
      expect((await t.sql('SELECT roles FROM accounts WHERE id = $1', [account.id]))[0].roles).toEqual(['patient']);
    });

    it('admins find an account by e-mail', async () => {
      const account = await makeAccount(t, 'doctor');
      const response = await t.api.get(`/v1/admin/accounts?email=${encodeURIComponent(account.email.toUpperCase())}`, { token: TEST_ADMIN_TOKEN });
      expect(response.body).toEqual({ items: [expect.objectContaining({ id: account.id, roles: ['doctor'] })], next: null });
    });
  });
});

describe('throttling per IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits registration and sign-in requests per IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await register(t, registration())).status);
    statuses.push((await t.api.post('/v1/auth/login', { email: uniqueEmail(), password: 'wrong-password-1' })).status);
    const limited = await register(t, registration());
    expect(statuses).toEqual([201, 201, 401]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.api.post('/v1/auth/login', { email: uniqueEmail(), password: 'wrong-password-1' })).status).toBe(429);
    // Other routes are not limited by the auth budget.
    expect((await t.api.get('/v1/doctors?limit=1')).status).toBe(200);
  });
});

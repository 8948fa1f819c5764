import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountTokensRepository } from '../../src/auth/account-tokens.repository.js';
import { LoginThrottleRepository } from '../../src/auth/login-throttle.repository.js';
import { SessionsRepository } from '../../src/auth/sessions.repository.js';
import { makeAccount, uniqueEmail } from '../factories/account.factory.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('auth housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('drops sessions none of whose refresh tokens can still be used, and keeps live ones', async () => {
    const ended = await makeAccount(t, 'patient');
    const live = await makeAccount(t, 'patient');
    await t.sql(`UPDATE auth_sessions SET created_at = now() - interval '2 hours' WHERE account_id = ANY($1::uuid[])`, [[ended.id, live.id]]);
    await t.sql(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE session_id IN (SELECT id FROM auth_sessions WHERE account_id = $1)`,
      [ended.id],
    );
    await expect(t.app.get(SessionsRepository, { strict: false }).purgeEnded()).resolves.toBe(1);
    expect(await t.sql('SELECT 1 FROM auth_sessions WHERE account_id = $1', [ended.id])).toEqual([]);
    expect(await t.sql('SELECT 1 FROM auth_sessions WHERE account_id = $1', [live.id])).toHaveLength(1);
    expect((await t.api.get('/v1/me', { token: live.accessToken })).status).toBe(200);
  });

  it('drops e-mail tokens a day after they expired', async () => {
    const account = await makeAccount(t, 'patient', { unverified: true });
    await expect(t.app.get(AccountTokensRepository, { strict: false }).purgeExpired()).resolves.toBe(0);
    await t.sql(`UPDATE account_tokens SET expires_at = now() - interval '25 hours' WHERE account_id = $1`, [account.id]);
    await expect(t.app.get(AccountTokensRepository, { strict: false }).purgeExpired()).resolves.toBe(1);
  });

  it('drops login-failure rows once they hold neither a lockout nor a failure in the window', async () => {
    const [stale, recent, locked] = [uniqueEmail(), uniqueEmail(), uniqueEmail()];
    await t.sql(
      `INSERT INTO login_failures (email_key, failures, locked_until) VALUES
         ($1, ARRAY[now() - interval '20 minutes'], NULL),
         ($2, ARRAY[now() - interval '1 minute'], NULL),
         ($3, ARRAY[now() - interval '20 minutes'], now() + interval '5 minutes')`,
      [stale, recent, locked],
    );
    await t.app.get(LoginThrottleRepository, { strict: false }).purgeExpired();
    const left = (await t.sql('SELECT email_key FROM login_failures WHERE email_key = ANY($1)', [[stale, recent, locked]])).map((r) => r.email_key);
    expect(left.sort()).toEqual([recent, locked].sort());
  });
});

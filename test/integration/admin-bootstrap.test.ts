import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/accounts/accounts.commands.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { login, makeAccount, TEST_PASSWORD, uniqueEmail } from '../factories/account.factory.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const ADMIN_EMAIL = 'first-admin@docfinder.test';
const ADMIN_PASSWORD = 'granite-meadow-falcon-31';

describe('the first admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAIL, ADMIN_PASSWORD });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is created at boot from ADMIN_EMAIL/ADMIN_PASSWORD, verified, with the admin role', async () => {
    const { accessToken } = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await t.api.get('/v1/me', { token: accessToken });
    expect(me.body).toMatchObject({ email: ADMIN_EMAIL, roles: ['admin'], emailVerified: true });
  });

  it('a second boot never overwrites its password', async () => {
    await expect(t.app.get(AccountsService).ensureAdmin(ADMIN_EMAIL, 'another-password-entirely')).resolves.toBe('unchanged');
    await login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('admin:create takes ADMIN_PASSWORD over stdin when it is set', async () => {
    const email = uniqueEmail();
    await createAdmin(t.app, email, async () => 'never-read-from-stdin-1');
    await login(t, email, ADMIN_PASSWORD);
  });
});

describe('admin:create', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('admin:create makes a new admin with the password read from stdin', async () => {
    const email = uniqueEmail();
    const result = await createAdmin(t.app, email, async () => 'copper-lagoon-thistle-9');
    expect(result).toMatchObject({ outcome: 'created', email });
    const { accessToken } = await login(t, email, 'copper-lagoon-thistle-9');
    expect((await t.api.get('/v1/me', { token: accessToken })).body.roles).toEqual(['admin']);
  });

  it('admin:create adds the role to an existing account and keeps its password', async () => {
    const account = await makeAccount(t, 'patient');
    const result = await createAdmin(t.app, account.email, async () => 'ignored-password-value');
    expect(result).toMatchObject({ outcome: 'granted', id: account.id });
    const { accessToken } = await login(t, account.email, TEST_PASSWORD);
    expect((await t.api.get('/v1/me', { token: accessToken })).body.roles).toEqual(['patient', 'admin']);
  });

  it('admin:create refuses a weak password with a one-line error', async () => {
    await expect(createAdmin(t.app, uniqueEmail(), async () => 'password123')).rejects.toThrow(/too common/);
    await expect(createAdmin(t.app, uniqueEmail(), async () => 'short')).rejects.toThrow(/at least 10 characters/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, type TestAccount } from '../factories/account.factory.js';
import { createProfile } from '../factories/profile.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

describe('audit log', () => {
  let t: TestApp;
  let moderator: TestAccount;
  const read = (query: string) => t.api.get(`/v1/audit?${query}`, { token: moderator.accessToken });

  beforeAll(async () => {
    t = await createTestApp();
    moderator = await makeAccount(t, 'moderator');
  });
  afterAll(async () => {
    await t.close();
  });

  it('records every profile write with actor, request id and the changed fields, newest first', async () => {
    const created = await t.api.post(
      '/v1/doctors',
      { givenName: 'Ada', familyName: 'Audit', specialties: [{ code: '207N00000X' }], bio: 'First' },
      { token: TEST_ADMIN_TOKEN, headers: { 'x-request-id': 'create-req-1' } },
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const updated = await t.api.patch(`/v1/doctors/${id}`, { bio: 'Second' }, { token: moderator.accessToken, headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    expect((await t.api.delete(`/v1/doctors/${id}`, { token: moderator.accessToken })).status).toBe(204);

    const log = await read(`entityType=doctor&entityId=${id}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['doctor.delete', 'doctor.update', 'doctor.create']);
    const [deleted, update, create] = log.body.items;
    expect(create).toMatchObject({ actor: { kind: 'admin_token', accountId: null }, requestId: 'create-req-1', entityType: 'doctor', entityId: id });
    expect(create.changes.bio).toEqual({ before: null, after: 'First' });
    expect(update).toMatchObject({ actor: { kind: 'account', accountId: moderator.id }, requestId: updated.headers.get('x-request-id') });
    expect(update.changes).toEqual({ bio: { before: 'First', after: 'Second' }, version: { before: 1, after: 2 } });
    expect(deleted.changes.familyName).toEqual({ before: 'Audit', after: null });
    expect(Date.parse(create.occurredAt)).toBeLessThanOrEqual(Date.parse(deleted.occurredAt));
  });

  it('a refused write leaves no audit row', async () => {
    const profile = await createProfile(t);
    const before = await t.sql('SELECT count(*) AS n FROM audit_log');
    const stale = await t.api.patch(`/v1/doctors/${profile.id}`, { bio: 'x' }, { token: moderator.accessToken, headers: { 'if-match': '"9"' } });
    expect(stale.status).toBe(412);
    expect(await t.sql('SELECT count(*) AS n FROM audit_log')).toEqual(before);
  });

  it('pages with a cursor and filters by entity type', async () => {
    const profile = await createProfile(t);
    // Ten rows in all, so ids cross from one digit to two.
    for (let v = 1; v <= 9; v += 1) {
      const response = await t.api.patch(`/v1/doctors/${profile.id}`, { bio: `v${v}` }, { token: TEST_ADMIN_TOKEN, headers: { 'if-match': `"${v}"` } });
      expect(response.status).toBe(200);
    }
    const first = await read(`entityId=${profile.id}&limit=3`);
    expect(first.body.items).toHaveLength(3);
    const rest = await read(`entityId=${profile.id}&limit=100&after=${first.body.next}`);
    expect(rest.body).toMatchObject({ next: null });
    const ids = [...first.body.items, ...rest.body.items].map((e: { id: string }) => Number(e.id));
    expect(ids).toHaveLength(10);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const accounts = await read('entityType=account&limit=100');
    expect(accounts.body.items.every((e: { entityType: string }) => e.entityType === 'account')).toBe(true);
    expect(accounts.body.items.map((e: { entityId: string }) => e.entityId)).toContain(moderator.id);
  });

  it('refuses bad filters with 400 naming them', async () => {
    for (const [query, field] of [
      ['entityId=nope', 'entityId'],
      ['entityType=Doctor;DROP', 'entityType'],
      ['limit=0', 'limit'],
      ['unknown=1', 'unknown'],
    ]) {
      const response = await read(query);
      expect(response.status, query).toBe(400);
      expect(Object.keys(response.body.errors), query).toContain(field);
    }
    expect((await read('after=garbage')).status).toBe(400);
  });

  it('is append-only: no route changes it, and the database refuses UPDATE and DELETE', async () => {
    const [entry] = (await read('limit=1')).body.items;
    expect((await t.api.patch(`/v1/audit/${entry.id}`, { action: 'x' }, { token: TEST_ADMIN_TOKEN })).status).toBe(404);
    expect((await t.api.delete(`/v1/audit/${entry.id}`, { token: TEST_ADMIN_TOKEN })).status).toBe(404);
    await expect(t.sql(`UPDATE audit_log SET action = 'forged' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
    await expect(t.sql('DELETE FROM audit_log WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
    expect((await t.sql('SELECT action FROM audit_log WHERE id = $1', [entry.id]))[0].action).toBe(entry.action);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, type TestAccount } from '../factories/account.factory.js';
import { createProfile, giveOwnership } from '../factories/profile.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { ageAccounts, postReview } from '../factories/review.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('merging two profiles moves what hangs off them', () => {
  let t: TestApp;
  let patients: TestAccount[];
  const merge = (keepId: string, mergeId: string) => t.api.post('/v1/moderation/merges', { keepId, mergeId }, admin);
  const rating = async (id: string) => (await t.api.get(`/v1/doctors/${id}`)).body.rating;
  const observe = async (doctorId: string, overrides: Record<string, unknown>) => {
    const response = await t.api.post(`/v1/doctors/${doctorId}/external-ratings`, makeObservation(overrides), admin);
    expect(response.status, response.text).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    patients = await Promise.all([0, 1, 2].map(() => makeAccount(t, 'patient')));
    await ageAccounts(t, patients.map((p) => p.id));
  });
  afterAll(async () => {
    await t.close();
  });

  it('pools both profiles\' reviews and external ratings on the kept one; an author of two reviews keeps the newer', async () => {
    const keep = await createProfile(t);
    const gone = await createProfile(t);
    await postReview(t, keep.id, patients[0].accessToken, { rating: 2 });
    const newer = await postReview(t, gone.id, patients[0].accessToken, { rating: 4 });
    await postReview(t, gone.id, patients[1].accessToken, { rating: 5 });
    await postReview(t, keep.id, patients[2].accessToken, { rating: 3 });
    await observe(keep.id, { source: 'google', value: 4.0, scale: 5, reviewCount: 10, observedAt: '2026-01-01T00:00:00.000Z' });
    await observe(gone.id, { source: 'google', value: 4.5, scale: 5, reviewCount: 20, observedAt: '2026-02-01T00:00:00.000Z' });
    await observe(gone.id, { source: 'yelp', value: 3.0, scale: 5, reviewCount: 4, observedAt: '2026-02-01T00:00:00.000Z' });

    const response = await merge(keep.id, gone.id);
    expect(response.status, response.text).toBe(200);
    const kept = await rating(keep.id);
    expect(kept.own).toMatchObject({ count: 3, mean: 4, histogram: [0, 0, 1, 1, 1] });
    expect(kept.sources.map((s: { source: string; count: number }) => [s.source, s.count])).toEqual([
      ['docfinder', 3],
      ['google', 20],
      ['yelp', 4],
    ]);
    expect(kept.pooled.count).toBe(27);
    const reviews = (await t.api.get(`/v1/doctors/${keep.id}/reviews?limit=100`)).body.items;
    expect(reviews.map((r: { rating: number }) => r.rating).sort()).toEqual([3, 4, 5]);
    expect(reviews.map((r: { id: string }) => r.id)).toContain(newer.id);
    expect(await t.sql('SELECT count(*)::int AS n FROM reviews WHERE doctor_id = $1', [gone.id])).toEqual([{ n: 0 }]);
    const redirected = await t.api.get(`/v1/doctors/${gone.slug}`);
    expect([redirected.status, redirected.headers.get('location')]).toEqual([301, `/v1/doctors/${keep.slug}`]);
    const history = (await t.api.get(`/v1/doctors/${keep.id}/external-ratings?source=google`)).body.items;
    expect(history.map((h: { value: number; current: boolean }) => [h.value, h.current])).toEqual([
      [4.5, true],
      [4, false],
    ]);
  });

  it('moves pending claims and the owner to the kept profile, whose owner may then edit it', async () => {
    const keep = await createProfile(t);
    const gone = await createProfile(t);
    const owner = await makeAccount(t, 'doctor');
    const claimant = await makeAccount(t, 'doctor');
    const both = await makeAccount(t, 'doctor');
    const pending = await t.api.post(`/v1/doctors/${gone.id}/claims`, { npi: '1234567893' }, { token: claimant.accessToken });
    expect(pending.status).toBe(202);
    for (const id of [keep.id, gone.id]) expect((await t.api.post(`/v1/doctors/${id}/claims`, { npi: '1234567893' }, { token: both.accessToken })).status).toBe(202);
    await giveOwnership(t, gone.id, owner);

    expect((await merge(keep.id, gone.id)).status).toBe(200);
    const claims = await t.sql(`SELECT account_id, status FROM doctor_claims WHERE doctor_id = $1 ORDER BY created_at`, [keep.id]);
    expect(claims).toEqual(
      expect.arrayContaining([
        { account_id: claimant.id, status: 'pending' },
        { account_id: both.id, status: 'pending' },
        { account_id: both.id, status: 'rejected' },
        { account_id: owner.id, status: 'approved' },
      ]),
    );
    expect((await t.api.get('/v1/me', { token: owner.accessToken })).body.ownedDoctorIds).toEqual([keep.id]);
    const current = (await t.api.get(`/v1/doctors/${keep.id}`)).body;
    const edited = await t.api.patch(`/v1/doctors/${keep.id}`, { bio: 'Now the one profile' }, { token: owner.accessToken, headers: { 'if-match': `"${current.version}"` } });
    expect(edited.status, edited.text).toBe(200);
  });

  it('refuses to merge profiles owned by different accounts, changing nothing', async () => {
    const keep = await createProfile(t);
    const gone = await createProfile(t);
    await giveOwnership(t, keep.id, await makeAccount(t, 'doctor'));
    await giveOwnership(t, gone.id, await makeAccount(t, 'doctor'));
    await postReview(t, gone.id, patients[1].accessToken, { rating: 1 });
    const snapshot = () => t.sql(`SELECT id, deleted_at, owner_account_id, version, (SELECT count(*)::int FROM reviews r WHERE r.doctor_id = d.id) AS reviews FROM doctors d WHERE id = ANY($1::uuid[]) ORDER BY id`, [[keep.id, gone.id]]);
    const before = await snapshot();
    const response = await merge(keep.id, gone.id);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('MODERATION.DIFFERENT_OWNERS');
    expect(await snapshot()).toEqual(before);
  });
});

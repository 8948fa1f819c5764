import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/principal.js';
import { RatingsService } from '../../src/reviews/ratings.service.js';
import { makeAccount, type TestAccount } from '../factories/account.factory.js';
import { createProfile, giveOwnership } from '../factories/profile.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { ageAccounts, makeReview, postReview } from '../factories/review.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

type Caller = 'anonymous' | 'patient' | 'doctor (owner)' | 'doctor (other)' | 'moderator' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'patient', 'doctor (owner)', 'doctor (other)', 'moderator', 'admin'];

describe('reviews: who may do what', () => {
  let t: TestApp;
  const tokens = new Map<Caller, string | undefined>();
  let doctorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const roles: [Caller, Role][] = [
      ['patient', 'patient'],
      ['doctor (owner)', 'doctor'],
      ['doctor (other)', 'doctor'],
      ['moderator', 'moderator'],
      ['admin', 'admin'],
    ];
    tokens.set('anonymous', undefined);
    const accounts = new Map<Caller, TestAccount>();
    for (const [caller, role] of roles) {
      const account = await makeAccount(t, role);
      accounts.set(caller, account);
      tokens.set(caller, account.accessToken);
    }
    await ageAccounts(t, [accounts.get('patient')!.id]);
    doctorId = (await createProfile(t, { npi: '1234567893', website: 'https://example.org' })).id;
    await giveOwnership(t, doctorId, accounts.get('doctor (owner)')!);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Every cell runs against a review of its own, so one caller's success never changes another's answer. */
  const freshReview = async (): Promise<string> => {
    const author = await makeAccount(t, 'patient');
    await ageAccounts(t, [author.id]);
    return (await postReview(t, doctorId, author.accessToken)).id;
  };

  const table: [string, Record<Caller, number>, (token: string | undefined) => Promise<{ status: number }>][] = [
    [
      'read a doctor\'s reviews',
      { anonymous: 200, patient: 200, 'doctor (owner)': 200, 'doctor (other)': 200, moderator: 200, admin: 200 },
      (token) => t.api.get(`/v1/doctors/${doctorId}/reviews`, { token }),
    ],
    [
      'write a review',
      { anonymous: 401, patient: 201, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 403, admin: 403 },
      async (token) => t.api.post(`/v1/doctors/${(await createProfile(t)).id}/reviews`, makeReview(), { token }),
    ],
    [
      'edit someone else\'s review',
      { anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 403, admin: 403 },
      async (token) => t.api.patch(`/v1/reviews/${await freshReview()}`, { rating: 1 }, { token, headers: { 'if-match': '"1"' } }),
    ],
    [
      'reply to a review',
      { anonymous: 401, patient: 403, 'doctor (owner)': 201, 'doctor (other)': 403, moderator: 403, admin: 403 },
      async (token) => t.api.post(`/v1/reviews/${await freshReview()}/reply`, { text: 'Thank you.' }, { token }),
    ],
    [
      'vote helpful',
      { anonymous: 401, patient: 201, 'doctor (owner)': 403, 'doctor (other)': 201, moderator: 201, admin: 201 },
      async (token) => t.api.post(`/v1/reviews/${await freshReview()}/helpful`, {}, { token }),
    ],
    [
      'report a review',
      { anonymous: 401, patient: 201, 'doctor (owner)': 201, 'doctor (other)': 201, moderator: 201, admin: 201 },
      async (token) => t.api.post(`/v1/reviews/${await freshReview()}/reports`, { reason: 'spam' }, { token }),
    ],
    [
      'read the moderation queue',
      { anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 200, admin: 200 },
      (token) => t.api.get('/v1/moderation/reviews', { token }),
    ],
    [
      'reject a review',
      { anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 200, admin: 200 },
      async (token) => t.api.post(`/v1/moderation/reviews/${await freshReview()}/reject`, {}, { token }),
    ],
    [
      'record an external rating',
      { anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 201, admin: 201 },
      async (token) => t.api.post(`/v1/doctors/${(await createProfile(t)).id}/external-ratings`, makeObservation(), { token }),
    ],
  ];

  describe.each(table)('%s', (_action, expected, call) => {
    it.each(CALLERS)('%s', async (caller) => {
      const response = await call(tokens.get(caller));
      expect(response.status).toBe(expected[caller]);
    });
  });

  it('the admin token (no account) may moderate but not vote or report', async () => {
    const id = await freshReview();
    expect((await t.api.post(`/v1/reviews/${id}/helpful`, {}, { token: TEST_ADMIN_TOKEN })).status).toBe(403);
    expect((await t.api.post(`/v1/reviews/${id}/reports`, { reason: 'spam' }, { token: TEST_ADMIN_TOKEN })).status).toBe(403);
    expect((await t.api.post(`/v1/moderation/reviews/${id}/reject`, {}, { token: TEST_ADMIN_TOKEN })).status).toBe(200);
  });
});

describe('the burst rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('holds the third review from new accounts within a day, and the two before it', async () => {
    const doctor = await createProfile(t);
    const established = await makeAccount(t, 'patient');
    await ageAccounts(t, [established.id]);
    await postReview(t, doctor.id, established.accessToken, { rating: 3 });
    const newcomers = await Promise.all([1, 2, 3].map(() => makeAccount(t, 'patient')));
    const first = await postReview(t, doctor.id, newcomers[0].accessToken);
    const second = await postReview(t, doctor.id, newcomers[1].accessToken);
    expect([first.status, second.status]).toEqual(['published', 'published']);
    const third = await postReview(t, doctor.id, newcomers[2].accessToken);
    expect(third).toMatchObject({ status: 'pending', moderation: { flags: ['burst'] } });

    const statuses = await t.sql('SELECT id, status, flags FROM reviews WHERE doctor_id = $1 ORDER BY created_at', [doctor.id]);
    expect(statuses.map((r: any) => [r.status, r.flags])).toEqual([
      ['published', []],
      ['pending', ['burst']],
      ['pending', ['burst']],
      ['pending', ['burst']],
    ]);
    const { body } = await t.api.get(`/v1/doctors/${doctor.id}`);
    expect(body.rating.own).toEqual({ mean: 3, count: 1, histogram: [0, 0, 1, 0, 0] });
  });

  it('ranks one 5-star review below 200 ratings at 4.8, even in a specialty whose mean is 4.8', async () => {
    const specialty = { specialties: [{ code: '207N00000X', primary: true }] };
    const one = await createProfile(t, specialty);
    const many = await createProfile(t, specialty);
    const peer = await createProfile(t, specialty);
    const patient = await makeAccount(t, 'patient');
    await postReview(t, one.id, patient.accessToken, { rating: 5 });
    for (const id of [many.id, peer.id]) {
      const recorded = await t.api.post(`/v1/doctors/${id}/external-ratings`, makeObservation({ value: 4.8, reviewCount: 200 }), { token: TEST_ADMIN_TOKEN });
      expect(recorded.status).toBe(201);
    }
    await t.app.get(RatingsService).recompute();
    const [prior] = await t.sql(`SELECT mean, mean_from FROM rating_priors WHERE scope = '207N00000X'`);
    expect(prior.mean_from).toBe('specialty');
    expect(prior.mean).toBeCloseTo(4.8, 2);
    const scoreOf = async (id: string): Promise<number> => (await t.api.get(`/v1/doctors/${id}`)).body.rating.score;
    expect(await scoreOf(one.id)).toBeLessThan(await scoreOf(many.id));
  });
});

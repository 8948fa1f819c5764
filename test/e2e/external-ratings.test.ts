import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalRatingsService } from '../../src/reviews/external-ratings.service.js';
import { createProfile } from '../factories/profile.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('external ratings', () => {
  let t: TestApp;
  const createDoctor = (overrides: Record<string, unknown> = {}) => createProfile(t, overrides);
  const record = (doctorId: string, overrides: Record<string, unknown> = {}) =>
    t.api.post(`/v1/doctors/${doctorId}/external-ratings`, makeObservation(overrides), admin);
  const profile = async (doctorId: string) => (await t.api.get(`/v1/doctors/${doctorId}`)).body;
  const countRows = async (doctorId: string): Promise<number> =>
    Number((await t.sql('SELECT count(*) AS n FROM external_ratings WHERE doctor_id = $1', [doctorId]))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('records an observation with its provenance and shows it, pooled, on the profile', async () => {
    const doctor = await createDoctor();
    const observedAt = '2026-03-01T12:00:00.000Z';
    const response = await record(doctor.id, { source: 'Google', value: 4.8, scale: 5, reviewCount: 95, observedAt });
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ doctorId: doctor.id, source: 'google', value: 4.8, scale: 5, reviewCount: 95, observedAt, current: true, recordedBy: 'admin' });

    const { rating } = await profile(doctor.id);
    expect(rating.pooled).toEqual({ mean: 4.8, count: 95 });
    expect(rating.own).toEqual({ mean: null, count: 0, histogram: [0, 0, 0, 0, 0] });
    expect(rating.sources).toEqual([
      { source: 'google', sourceUrl: response.body.sourceUrl, value: 4.8, scale: 5, count: 95, observedAt },
    ]);
    expect(rating.score).toBeGreaterThan(4);
    expect(rating.score).toBeLessThan(rating.shrunkMean);
  });

  it('queues the doctor for re-indexing in the same transaction', async () => {
    const doctor = await createDoctor();
    const [before] = await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [doctor.id]);
    await record(doctor.id);
    const [after] = await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [doctor.id]);
    expect(Number(after.revision)).toBe(Number(before.revision) + 1);
  });

  it('adds nothing for a repeated observation, keeps the old one as history when it changes', async () => {
    const doctor = await createDoctor();
    const first = await record(doctor.id, { value: 4.5, reviewCount: 20, observedAt: '2026-01-01T00:00:00.000Z' });
    expect(first.status).toBe(201);

    const repeated = await record(doctor.id, { value: 4.5, reviewCount: 20, observedAt: '2026-02-01T00:00:00.000Z' });
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(first.body.id);
    expect(await countRows(doctor.id)).toBe(1);

    const changed = await record(doctor.id, { value: 4.6, reviewCount: 25, observedAt: '2026-03-01T00:00:00.000Z' });
    expect(changed.status).toBe(201);
    expect(changed.body.current).toBe(true);
    expect((await profile(doctor.id)).rating.pooled).toEqual({ mean: 4.6, count: 25 });

    const history = await t.api.get(`/v1/doctors/${doctor.id}/external-ratings`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((r: any) => [r.value, r.current])).toEqual([
      [4.6, true],
      [4.5, false],
    ]);
  });

  it('keeps an observation older than the current one as history only', async () => {
    const doctor = await createDoctor();
    await record(doctor.id, { value: 4.2, reviewCount: 40, observedAt: '2026-03-01T00:00:00.000Z' });
    const late = await record(doctor.id, { value: 3.1, reviewCount: 30, observedAt: '2025-06-01T00:00:00.000Z' });
    expect(late.status).toBe(201);
    expect(late.body.current).toBe(false);
    expect((await profile(doctor.id)).rating.pooled).toEqual({ mean: 4.2, count: 40 });
  });

  it('pools sources on a 0–5 scale, weighted by their counts', async () => {
    const doctor = await createDoctor();
    await record(doctor.id, { source: 'google', value: 4, scale: 5, reviewCount: 10 });
    await record(doctor.id, { source: 'realself', value: 9, scale: 10, reviewCount: 30 });
    const { rating } = await profile(doctor.id);
    expect(rating.pooled.count).toBe(40);
    expect(rating.pooled.mean).toBeCloseTo((4 * 10 + 4.5 * 30) / 40, 10);
    expect(rating.sources.map((s: any) => [s.source, s.value, s.scale])).toEqual([
      ['google', 4, 5],
      ['realself', 9, 10],
    ]);
  });

  it('pages the history with a cursor and filters by source', async () => {
    const doctor = await createDoctor();
    for (let month = 1; month <= 5; month += 1) {
      await record(doctor.id, { value: 3 + month / 10, reviewCount: 10 + month, observedAt: `2026-0${month}-01T00:00:00.000Z` });
    }
    await record(doctor.id, { source: 'healthgrades' });
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const query: string = `?source=google&limit=2${after ? `&after=${after}` : ''}`;
      const page = await t.api.get(`/v1/doctors/${doctor.id}/external-ratings${query}`);
      expect(page.status, page.text).toBe(200);
      seen.push(...page.body.items.map((r: any) => r.reviewCount));
      after = page.body.next;
    } while (after);
    expect(seen).toEqual([15, 14, 13, 12, 11]);
  });

  describe('refuses bad input with a problem naming the field, writing nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown field', { ...makeObservation(), weight: 2 }, 'weight'],
      ['the reserved own source', makeObservation({ source: 'docfinder' }), 'source'],
      ['a source with spaces', makeObservation({ source: 'google maps' }), 'source'],
      ['a missing source', makeObservation({ source: undefined }), 'source'],
      ['a non-http URL', makeObservation({ sourceUrl: 'javascript:alert(1)' }), 'sourceUrl'],
      ['a value above the scale', makeObservation({ value: 6, scale: 5 }), 'value'],
      ['a negative value', makeObservation({ value: -1 }), 'value'],
      ['a string value', makeObservation({ value: '4.8' }), 'value'],
      ['a zero scale', makeObservation({ scale: 0 }), 'scale'],
      ['no reviews', makeObservation({ reviewCount: 0 }), 'reviewCount'],
      ['a fractional count', makeObservation({ reviewCount: 1.5 }), 'reviewCount'],
      ['a future observation', makeObservation({ observedAt: new Date(Date.now() + 86_400_000).toISOString() }), 'observedAt'],
      ['a date that is not ISO 8601', makeObservation({ observedAt: 'yesterday' }), 'observedAt'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const doctor = await createDoctor();
      const response = await t.api.post(`/v1/doctors/${doctor.id}/external-ratings`, body, admin);
      expect(response.status, response.text).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Object.keys(response.body.errors)).toContain(field);
      expect(await countRows(doctor.id)).toBe(0);
      expect((await profile(doctor.id)).rating.pooled.count).toBe(0);
    });
  });

  it('serves importers through the exported service, with their provenance and the same rules', async () => {
    const doctor = await createDoctor();
    const service = t.app.get(ExternalRatingsService);
    const observation = { source: 'realself', sourceUrl: 'https://realself.example/dr', value: 4.8, scale: 5, reviewCount: 95, observedAt: new Date('2026-02-01T00:00:00Z') };
    const first = await service.record(doctor.id, observation, 'import:qa');
    expect(first).toMatchObject({ added: true, rating: { recordedBy: 'import:qa', current: true } });
    expect((await service.record(doctor.id, { ...observation, observedAt: new Date('2026-03-01T00:00:00Z') }, 'import:qa')).added).toBe(false);
    await expect(service.record(doctor.id, { ...observation, reviewCount: -1 }, 'import:qa')).rejects.toMatchObject({ status: 400, extensions: { errors: { reviewCount: expect.any(Array) } } });
    expect(await countRows(doctor.id)).toBe(1);
  });

  it('needs a moderator or admin (401 anonymous), a UUID (400) and an existing doctor (404)', async () => {
    const doctor = await createDoctor();
    expect((await t.api.post(`/v1/doctors/${doctor.id}/external-ratings`, makeObservation())).status).toBe(401);
    expect((await t.api.post('/v1/doctors/not-a-uuid/external-ratings', makeObservation(), admin)).status).toBe(400);
    const missing = await t.api.post('/v1/doctors/8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1/external-ratings', makeObservation(), admin);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DOCTOR.NOT_FOUND');
    expect((await t.api.get('/v1/doctors/8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1/external-ratings')).status).toBe(404);
    expect(await countRows(doctor.id)).toBe(0);
  });
});

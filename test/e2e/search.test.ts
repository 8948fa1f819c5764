import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchTestApp, type SearchTestApp } from '../search/search-test-kit.js';

describe('search endpoints', () => {
  let t: SearchTestApp;
  beforeAll(async () => {
    t = await createSearchTestApp();
    await t.createDoctor({ givenName: 'Sam', familyName: 'Naficy' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('refuse bad input with a problem naming the parameter', () => {
    const cases: [string, string, string][] = [
      ['an unknown sort', '/v1/search/doctors?sort=popularity', 'sort'],
      ['an unknown facet', '/v1/search/doctors?facets=specialty,colour', 'facets'],
      ['a radius without a point', '/v1/search/doctors?radiusKm=25', 'radiusKm'],
      ['a latitude without a longitude', '/v1/search/doctors?lat=40.7', 'lng'],
      ['sort=distance without a point', '/v1/search/doctors?sort=distance', 'sort'],
      ['a page size over 100', '/v1/search/doctors?pageSize=101', 'pageSize'],
      ['a page of zero', '/v1/search/doctors?page=0', 'page'],
      ['a query over 512 characters', `/v1/search/doctors?q=${'a'.repeat(513)}`, 'q'],
      ['a latitude out of range', '/v1/search/doctors?lat=91&lng=0', 'lat'],
      ['a radius that is not a number', '/v1/search/doctors?lat=1&lng=1&radiusKm=far', 'radiusKm'],
      ['a boolean that is not true or false', '/v1/search/doctors?telehealth=yes', 'telehealth'],
      ['an unknown specialty', '/v1/search/doctors?specialty=astrology', 'specialty'],
      ['an unknown clinician type', '/v1/search/doctors?clinicianType=wizard', 'clinicianType'],
      ['a rating over 5', '/v1/search/doctors?minRating=6', 'minRating'],
      ['an unknown parameter', '/v1/search/doctors?colour=red', 'colour'],
      ['an answer query over 512 characters', `/v1/search/answers?q=${'b'.repeat(513)}`, 'q'],
      ['answers by an unknown doctor', '/v1/search/answers?doctor=nobody-at-all', 'doctor'],
      ['a one-letter suggestion', '/v1/search/suggest?q=a', 'q'],
      ['a suggestion without q', '/v1/search/suggest', 'q'],
    ];
    it.each(cases)('%s', async (_name, path, field) => {
      const response = await t.api.get(path);
      expect(response.status, response.text).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED' });
      expect(Object.keys(response.body.errors)).toContain(field);
    });
  });

  it('accepts exactly 512 characters and 100 results a page', async () => {
    await expect(t.api.get(`/v1/search/doctors?q=${'a'.repeat(512)}&pageSize=100`)).resolves.toMatchObject({ status: 200 });
  });

  it('finds nothing before the sync worker ran, and the doctor after', async () => {
    await expect(t.api.get('/v1/search/doctors?q=naficy')).resolves.toMatchObject({ status: 200, body: { items: [], estimatedTotal: 0 } });
    await t.sync.drain();
    const response = await t.api.get('/v1/search/doctors?q=naficy');
    expect(response.body.items.map((hit: { displayName: string }) => hit.displayName)).toEqual(['Sam Naficy, MD, FACS']);
  });

  it('pages past the 1,000 results it counts are empty', async () => {
    const response = await t.api.get('/v1/search/doctors?page=11&pageSize=100');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ items: [], page: 11, pageSize: 100 });
  });

  it('reports the engine and the sync backlog in readiness without failing it', async () => {
    await t.createDoctor();
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.search).toEqual({ status: 'up', engine: 'postgres', engineAvailable: true, backlog: 1, oldestAgeSeconds: expect.any(Number) });
    await t.sync.drain();
    expect((await t.api.get('/health/ready')).body.checks.search).toMatchObject({ status: 'up', backlog: 0, oldestAgeSeconds: null });
  });

  it('reports a lagging index as degraded', async () => {
    await t.createDoctor();
    await t.sql("UPDATE search_outbox SET enqueued_at = now() - interval '5 minutes'");
    expect((await t.api.get('/health/ready')).body.checks.search).toMatchObject({ status: 'degraded', backlog: 1, oldestAgeSeconds: 300 });
    await t.sync.drain();
  });
});

describe('the in-process sync worker', () => {
  let t: SearchTestApp;
  beforeAll(async () => {
    t = await createSearchTestApp({ SEARCH_SYNC_WORKER: 'true', SEARCH_SYNC_INTERVAL_MS: '20' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('indexes a new doctor without being asked, and stops with the app', async () => {
    const doctor = await t.createDoctor({ givenName: 'Wilhelmina', familyName: 'Oyelaran' });
    await expect
      .poll(async () => (await t.api.get('/v1/search/doctors?q=oyelaran')).body.items.map((hit: { id: string }) => hit.id), { timeout: 5_000 })
      .toEqual([doctor.id]);
    await expect(t.sql('SELECT count(*)::int AS n FROM search_outbox')).resolves.toEqual([{ n: 0 }]);
  });
});

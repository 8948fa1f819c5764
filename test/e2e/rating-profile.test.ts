import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile } from '../factories/profile.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('the rating on profiles', () => {
  let t: TestApp;
  const createDoctor = (overrides: Record<string, unknown> = {}) => createProfile(t, overrides);
  const record = async (doctorId: string, overrides: Record<string, unknown> = {}) => {
    const response = await t.api.post(`/v1/doctors/${doctorId}/external-ratings`, makeObservation(overrides), admin);
    expect(response.status, response.text).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is empty, without a score, for a doctor nobody rated yet, in profiles and in lists', async () => {
    const doctor = await createDoctor();
    const empty = { score: null, shrunkMean: null, pooled: { mean: null, count: 0 }, own: { mean: null, count: 0, histogram: [0, 0, 0, 0, 0] }, sources: [] };
    expect(doctor.rating).toEqual(empty);
    const list = await t.api.get('/v1/doctors?limit=100');
    expect(list.body.items.find((item: any) => item.id === doctor.id).rating).toEqual(empty);
  });

  it('ranks 1 rating of 5 below 200 ratings at 4.8', async () => {
    const one = await createDoctor();
    const many = await createDoctor();
    await record(one.id, { value: 5, reviewCount: 1 });
    await record(many.id, { value: 4.8, reviewCount: 200 });
    const list = await t.api.get('/v1/doctors?limit=100');
    const scoreOf = (id: string) => list.body.items.find((item: any) => item.id === id).rating.score;
    expect(scoreOf(one.id)).toBeLessThan(scoreOf(many.id));
    expect((await t.api.get(`/v1/doctors/${one.id}`)).body.rating.pooled).toEqual({ mean: 5, count: 1 });
  });

  it('can never be written by a client (400 naming the field, nothing changed)', async () => {
    const doctor = await createDoctor();
    const patch = await t.api.patch(`/v1/doctors/${doctor.id}`, { rating: { score: 5 } }, { ...admin, headers: { 'if-match': '"1"' } });
    expect(patch.status).toBe(400);
    expect(Object.keys(patch.body.errors)).toEqual(['rating']);
    const [row] = await t.sql('SELECT version FROM doctors WHERE id = $1', [doctor.id]);
    expect(row.version).toBe(1);
    expect(await t.sql('SELECT 1 FROM doctor_ratings WHERE doctor_id = $1', [doctor.id])).toEqual([]);
  });

  describe('ETag', () => {
    it('a rating change does not bump the version, so an owner edit with the old ETag still succeeds', async () => {
      const doctor = await createDoctor();
      await record(doctor.id);
      const read = await t.api.get(`/v1/doctors/${doctor.id}`);
      expect(read.headers.get('etag')).toBe('"1"');
      const patch = await t.api.patch(`/v1/doctors/${doctor.id}`, { bio: 'Knees.' }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(patch.status, patch.text).toBe(200);
      expect(patch.body.rating.pooled.count).toBe(12);
    });

    it('answers 304 only while the rating is as old as the version, never serving an old rating', async () => {
      const doctor = await createDoctor();
      const conditional = { headers: { 'if-none-match': '"1"' } };
      expect((await t.api.get(`/v1/doctors/${doctor.id}`, conditional)).status).toBe(304);

      await record(doctor.id, { value: 3, reviewCount: 7 });
      const afterRating = await t.api.get(`/v1/doctors/${doctor.id}`, conditional);
      expect(afterRating.status).toBe(200);
      expect(afterRating.body.rating.pooled).toEqual({ mean: 3, count: 7 });

      // A profile edit after the rating change makes the new version cover it again.
      const patch = await t.api.patch(`/v1/doctors/${doctor.id}`, { bio: 'Hands.' }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(patch.status).toBe(200);
      expect((await t.api.get(`/v1/doctors/${doctor.id}`, { headers: { 'if-none-match': '"2"' } })).status).toBe(304);
    });
  });

  describe('JSON-LD', () => {
    const asJsonLd = { headers: { accept: 'application/ld+json' } };

    it('describes the doctor as a schema.org Physician, without an aggregate rating from other sites', async () => {
      const doctor = await createDoctor({
        givenName: 'Ada',
        familyName: 'Quill',
        npi: undefined,
        bio: 'Skin cancer surgery.',
        locations: [{ addressLine1: '1 Pine St', city: 'Seattle', region: 'WA', country: 'US', postalCode: '98101', phone: '+1 206 555 0100' }],
      });
      await record(doctor.id, { value: 4.9, reviewCount: 300 });
      const response = await t.api.get(`/v1/doctors/${doctor.slug}`, asJsonLd);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      expect(response.headers.get('vary')).toMatch(/accept/i);
      const base = t.api.baseUrl;
      expect(response.body).toEqual({
        '@context': 'https://schema.org',
        '@type': 'Physician',
        '@id': `${base}/v1/doctors/${doctor.slug}`,
        url: `${base}/v1/doctors/${doctor.slug}`,
        name: doctor.displayName,
        description: 'Skin cancer surgery.',
        medicalSpecialty: ['Facial Plastic Surgery'],
        address: [{ '@type': 'PostalAddress', streetAddress: '1 Pine St', addressLocality: 'Seattle', addressRegion: 'WA', postalCode: '98101', addressCountry: 'US' }],
        telephone: '+1 206 555 0100',
        geo: { '@type': 'GeoCoordinates', latitude: expect.any(Number), longitude: expect.any(Number) },
        knowsLanguage: ['en'],
        isAcceptingNewPatients: true,
      });
      expect(response.body).not.toHaveProperty('aggregateRating');
    });

    it('follows the Accept header: JSON by default, for */* and when JSON is preferred', async () => {
      const doctor = await createDoctor();
      for (const accept of ['*/*', 'application/json', 'application/ld+json;q=0.5, application/json', 'text/html']) {
        const response = await t.api.get(`/v1/doctors/${doctor.id}`, { headers: { accept } });
        expect(response.headers.get('content-type'), accept).toMatch(/^application\/json/);
        expect(response.body.id).toBe(doctor.id);
      }
      const ld = await t.api.get(`/v1/doctors/${doctor.id}`, { headers: { accept: 'application/json;q=0.5, application/ld+json' } });
      expect(ld.body['@type']).toBe('Physician');
    });

    it('still answers 301 for an old slug and 404 for an unknown doctor', async () => {
      const doctor = await createDoctor();
      const renamed = await t.api.patch(`/v1/doctors/${doctor.id}`, { givenName: 'Renamed' }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(renamed.status).toBe(200);
      const moved = await t.api.get(`/v1/doctors/${doctor.slug}`, asJsonLd);
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(`/v1/doctors/${renamed.body.slug}`);
      expect((await t.api.get('/v1/doctors/nobody-here-at-all', asJsonLd)).status).toBe(404);
    });
  });
});

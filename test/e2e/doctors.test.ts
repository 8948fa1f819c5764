import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDoctor, uniqueNpi } from '../factories/doctor.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('doctor profiles', () => {
  let t: TestApp;
  const countDoctors = async (): Promise<number> => Number((await t.sql('SELECT count(*) AS n FROM doctors'))[0].n);
  const create = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.api.post('/v1/doctors', makeDoctor(overrides), admin);
    expect(response.status, response.text).toBe(201);
    return response.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('create', () => {
    it('creates a profile with normalised credentials, geocoded locations and provenance', async () => {
      const npi = uniqueNpi();
      const response = await t.api.post(
        '/v1/doctors',
        makeDoctor({ givenName: 'Sam', familyName: 'Naficy', credentials: ['M.D.', 'F.A.C.S.'], npi, bio: 'Rhinoplasty and facelifts.' }),
        admin,
      );
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`/v1/doctors/${response.body.slug}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toMatchObject({
        slug: 'sam-naficy-seattle',
        displayName: 'Sam Naficy, MD, FACS',
        credentials: ['MD', 'FACS'],
        credentialsRaw: 'M.D., F.A.C.S.',
        clinicianType: 'physician',
        npi,
        specialties: [{ code: '207YS0123X', name: 'Facial Plastic Surgery', primary: true }],
        version: 1,
      });
      const [location] = response.body.locations;
      expect(location).toMatchObject({ city: 'Seattle', country: 'US', geocode: { status: 'matched' } });
      expect(location.coordinates.lat).toBeCloseTo(47.6, 0);
      expect(location.coordinates.lng).toBeCloseTo(-122.3, 0);
      expect(response.body.provenance.bio).toMatchObject({ source: 'admin' });
      expect(response.body.acceptingNewPatientsVerifiedAt).not.toBeNull();
    });

    it('accepts a specialty by name or synonym and takes the first as primary', async () => {
      const body = await create({ specialties: [{ name: 'skin doctor' }, { name: 'Mohs Surgeon' }] });
      expect(body.specialties).toEqual([
        expect.objectContaining({ code: '207N00000X', primary: true }),
        expect.objectContaining({ code: '207ND0101X', primary: false }),
      ]);
    });

    it('queues the new profile for search indexing in the same transaction', async () => {
      const body = await create();
      const rows = await t.sql('SELECT document_type FROM search_outbox WHERE document_id = $1', [body.id]);
      expect(rows).toEqual([{ document_type: 'doctor' }]);
    });

    it('maps a borough to its city and keeps an unknown place without coordinates', async () => {
      const body = await create({
        locations: [
          { city: 'Manhattan', region: 'NY', country: 'US' },
          { city: 'Nowhereville Qqq', country: 'US' },
        ],
      });
      expect(body.locations[0]).toMatchObject({ city: 'New York', geocode: { status: 'matched' } });
      expect(body.locations[1]).toMatchObject({ city: 'Nowhereville Qqq', coordinates: null, geocode: { status: 'unknown' } });
      expect(body.locations[1].geocode.note).toBeTruthy();
    });

    it('refuses a duplicate NPI with 409 and writes nothing', async () => {
      const npi = uniqueNpi();
      await create({ npi });
      const before = await countDoctors();
      const response = await t.api.post('/v1/doctors', makeDoctor({ npi }), admin);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('DOCTOR.NPI_TAKEN');
      expect(await countDoctors()).toBe(before);
    });
  });

  describe('refuses bad input with a problem document and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown field', { ...makeDoctor(), favouriteColour: 'blue' }, 'favouriteColour'],
      ['a client-chosen id', { ...makeDoctor(), id: '8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1' }, 'id'],
      ['a version', { ...makeDoctor(), version: 7 }, 'version'],
      ['a rating', { ...makeDoctor(), rating: { score: 5 } }, 'rating'],
      ['an owner', { ...makeDoctor(), ownerAccountId: '8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1' }, 'ownerAccountId'],
      ['a verification flag', { ...makeDoctor(), verified: true }, 'verified'],
      ['provenance', { ...makeDoctor(), provenance: {} }, 'provenance'],
      ['a number for a name', makeDoctor({ givenName: 123 }), 'givenName'],
      ['a missing family name', makeDoctor({ familyName: undefined }), 'familyName'],
      ['an empty name', makeDoctor({ givenName: '   ' }), 'givenName'],
      ['a string for a boolean', makeDoctor({ acceptingNewPatients: 'yes' }), 'acceptingNewPatients'],
      ['a string for a list', makeDoctor({ specialties: 'Dermatology' }), 'specialties'],
      ['no specialty', makeDoctor({ specialties: [] }), 'specialties'],
      ['an unknown specialty', makeDoctor({ specialties: [{ name: 'Wizardry' }] }), 'specialties.0.name'],
      ['an unknown specialty code', makeDoctor({ specialties: [{ code: '999999999X' }] }), 'specialties.0.code'],
      ['a specialty with code and name', makeDoctor({ specialties: [{ code: '207N00000X', name: 'Dermatology' }] }), 'specialties.0'],
      ['two primaries', makeDoctor({ specialties: [{ code: '207N00000X', primary: true }, { code: '207ND0101X', primary: true }] }), 'specialties'],
      ['an NPI with a bad check digit', makeDoctor({ npi: '1234567890' }), 'npi'],
      ['an NPI of the wrong length', makeDoctor({ npi: '12345' }), 'npi'],
      ['a huge bio', makeDoctor({ bio: 'x'.repeat(5001) }), 'bio'],
      ['a huge name', makeDoctor({ givenName: 'x'.repeat(101) }), 'givenName'],
      ['a bad country', makeDoctor({ locations: [{ city: 'Seattle', country: 'USA' }] }), 'locations.0.country'],
      ['half a coordinate', makeDoctor({ locations: [{ city: 'Seattle', country: 'US', latitude: 47.6 }] }), 'locations.0'],
      ['a latitude out of range', makeDoctor({ locations: [{ city: 'Seattle', country: 'US', latitude: 91, longitude: 0 }] }), 'locations.0.latitude'],
      ['a location without a place', makeDoctor({ locations: [{ country: 'US' }] }), 'locations.0.city'],
      ['a non-http website', makeDoctor({ website: 'javascript:alert(1)' }), 'website'],
      ['an unknown language', makeDoctor({ languages: ['klingon'] }), 'languages'],
      ['null for a required field', makeDoctor({ givenName: null }), 'givenName'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const before = await countDoctors();
      const response = await t.api.post('/v1/doctors', body, admin);
      expect(response.status, response.text).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
      expect(Object.keys(response.body.errors)).toContain(field);
      expect(await countDoctors()).toBe(before);
    });

    it('malformed JSON → 400', async () => {
      const response = await t.api.request('POST', '/v1/doctors', undefined, { ...admin, rawBody: '{"givenName": ', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('another content type → 415', async () => {
      const response = await t.api.request('POST', '/v1/doctors', undefined, { ...admin, rawBody: 'givenName=Sam', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('a body over 1 MB → 413', async () => {
      const response = await t.api.post('/v1/doctors', makeDoctor({ bio: 'x'.repeat(1_100_000) }), admin);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('no credentials → 401, a wrong token → 401', async () => {
      expect((await t.api.post('/v1/doctors', makeDoctor())).status).toBe(401);
      expect((await t.api.post('/v1/doctors', makeDoctor(), { token: 'not-the-admin-token' })).status).toBe(401);
      expect((await t.api.post('/v1/doctors', makeDoctor(), { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    });

    it('a non-UUID id → 400, an unknown id → 404', async () => {
      expect((await t.api.patch('/v1/doctors/not-a-uuid', { bio: 'x' }, { ...admin, headers: { 'if-match': '"1"' } })).status).toBe(400);
      expect((await t.api.delete('/v1/doctors/not-a-uuid', admin)).status).toBe(400);
      const unknown = '6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11';
      expect((await t.api.get(`/v1/doctors/${unknown}`)).status).toBe(404);
      expect((await t.api.patch(`/v1/doctors/${unknown}`, { bio: 'x' }, { ...admin, headers: { 'if-match': '"1"' } })).status).toBe(404);
      expect((await t.api.delete(`/v1/doctors/${unknown}`, admin)).status).toBe(404);
      expect((await t.api.get('/v1/doctors/Not%20A%20Slug!')).status).toBe(404);
    });
  });

  describe('read', () => {
    it('GET by id and by slug with an ETag; If-None-Match → 304', async () => {
      const created = await create();
      const byId = await t.api.get(`/v1/doctors/${created.id}`);
      expect(byId.status).toBe(200);
      expect(byId.headers.get('etag')).toBe('"1"');
      const bySlug = await t.api.get(`/v1/doctors/${created.slug}`);
      expect(bySlug.body.id).toBe(created.id);
      const cached = await t.api.get(`/v1/doctors/${created.id}`, { headers: { 'if-none-match': '"1"' } });
      expect(cached.status).toBe(304);
    });

    it('lists the specialty catalog', async () => {
      const first = await t.api.get('/v1/specialties?limit=50');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(50);
      const second = await t.api.get(`/v1/specialties?limit=100&after=${first.body.next}`);
      const names = [...first.body.items, ...second.body.items].map((s: { name: string }) => s.name);
      expect(names.length).toBeGreaterThanOrEqual(60);
      expect(new Set(names).size).toBe(names.length);
      const codes = [...first.body.items, ...second.body.items].map((s: { code: string }) => s.code);
      // Dermatology, MOHS-Micrographic Surgery, Facial Plastic Surgery, Plastic Surgery
      expect(codes).toEqual(expect.arrayContaining(['207N00000X', '207ND0101X', '207YS0123X', '208200000X']));
    });
  });

  describe('update', () => {
    it('needs If-Match (428), refuses a stale one (412) and bumps the ETag', async () => {
      const created = await create();
      const path = `/v1/doctors/${created.id}`;
      expect((await t.api.patch(path, { bio: 'New bio' }, admin)).status).toBe(428);
      expect((await t.api.patch(path, { bio: 'New bio' }, { ...admin, headers: { 'if-match': 'W/"1"' } })).status).toBe(400);
      const updated = await t.api.patch(path, { bio: 'New bio' }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(updated.status).toBe(200);
      expect(updated.headers.get('etag')).toBe('"2"');
      expect(updated.body).toMatchObject({ bio: 'New bio', version: 2 });
      const stale = await t.api.patch(path, { bio: 'Older edit' }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      expect((await t.api.get(path)).body.bio).toBe('New bio');
    });

    it('two concurrent PATCHes with the same ETag: one 200, one 412', async () => {
      const created = await create();
      const path = `/v1/doctors/${created.id}`;
      const [a, b] = await Promise.all([
        t.api.patch(path, { bio: 'A' }, { ...admin, headers: { 'if-match': '"1"' } }),
        t.api.patch(path, { bio: 'B' }, { ...admin, headers: { 'if-match': '"1"' } }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      expect((await t.api.get(path)).body.version).toBe(2);
    });

    it('a rename moves the slug and the old one answers 301', async () => {
      const created = await create({ givenName: 'Ronald', familyName: `Sheltonx${Date.now() % 1000}` });
      const renamed = await t.api.patch(`/v1/doctors/${created.id}`, { familyName: 'Shelton-Smith' }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.slug).toBe('ronald-shelton-smith-seattle');
      expect(renamed.body.displayName).toBe('Ronald Shelton-Smith, MD, FACS');
      const old = await t.api.get(`/v1/doctors/${created.slug}`);
      expect(old.status).toBe(301);
      expect(old.headers.get('location')).toBe('/v1/doctors/ronald-shelton-smith-seattle');
    });

    it('clears optional fields with null but refuses null for required ones, writing nothing', async () => {
      const created = await create({ bio: 'Something' });
      const path = `/v1/doctors/${created.id}`;
      const refused = await t.api.patch(path, { familyName: null, bio: null }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.errors)).toEqual(['familyName']);
      expect((await t.api.get(path)).body).toMatchObject({ bio: 'Something', version: 1 });
      const cleared = await t.api.patch(path, { bio: null }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(cleared.body.bio).toBeNull();
    });

    it('refuses read-only fields in a PATCH', async () => {
      const created = await create();
      for (const field of ['id', 'slug', 'version', 'rating', 'provenance', 'ownerAccountId', 'isDemo', 'createdAt']) {
        const response = await t.api.patch(`/v1/doctors/${created.id}`, { [field]: 'x' }, { ...admin, headers: { 'if-match': '"1"' } });
        expect(response.status, field).toBe(400);
        expect(Object.keys(response.body.errors)).toContain(field);
      }
      expect((await t.api.get(`/v1/doctors/${created.id}`)).body.version).toBe(1);
    });
  });

  describe('delete', () => {
    it('soft-deletes: GET answers 404 afterwards and the NPI is free again', async () => {
      const npi = uniqueNpi();
      const created = await create({ npi });
      expect((await t.api.delete(`/v1/doctors/${created.id}`, admin)).status).toBe(204);
      expect((await t.api.get(`/v1/doctors/${created.id}`)).status).toBe(404);
      expect((await t.api.get(`/v1/doctors?npi=${npi}`)).body.items).toEqual([]);
      expect((await t.sql('SELECT deleted_at FROM doctors WHERE id = $1', [created.id]))[0].deleted_at).not.toBeNull();
      await create({ npi });
    });
  });

  describe('list', () => {
    it('filters by city and specialty, ignoring case, accents and St./Saint', async () => {
      const montreal = await create({ specialties: [{ name: 'Dermatology' }], locations: [{ city: 'Montréal', region: 'QC', country: 'CA' }] });
      const stLouis = await create({ specialties: [{ name: 'Dermatology' }], locations: [{ city: 'Saint Louis', region: 'MO', country: 'US' }] });
      await create({ specialties: [{ name: 'Cardiology' }], locations: [{ city: 'Montreal', region: 'QC', country: 'CA' }] });

      const inMontreal = await t.api.get('/v1/doctors?city=montreal&specialty=dermatologist');
      expect(inMontreal.body.items.map((d: { id: string }) => d.id)).toEqual([montreal.id]);
      const inStLouis = await t.api.get('/v1/doctors?city=St.%20Louis&specialty=207N00000X');
      expect(inStLouis.body.items.map((d: { id: string }) => d.id)).toEqual([stLouis.id]);
    });

    it('pages with a cursor, without duplicates or gaps', async () => {
      for (let i = 0; i < 5; i += 1) await create({ locations: [{ city: 'Reno', region: 'NV', country: 'US' }] });
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const page: { status: number; body: { items: { id: string }[]; next: string | null } } = await t.api.get(
          `/v1/doctors?city=Reno&limit=2${next ? `&after=${next}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((d) => d.id));
        next = page.body.next;
      } while (next);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it('refuses bad list parameters', async () => {
      expect((await t.api.get('/v1/doctors?limit=101')).status).toBe(400);
      expect((await t.api.get('/v1/doctors?limit=abc')).status).toBe(400);
      expect((await t.api.get('/v1/doctors?after=not-a-cursor')).status).toBe(400);
      expect((await t.api.get('/v1/doctors?specialty=wizardry')).status).toBe(400);
      expect((await t.api.get('/v1/doctors?npi=12')).status).toBe(400);
      expect((await t.api.get('/v1/doctors?unknown=1')).status).toBe(400);
      expect((await t.api.get(`/v1/doctors?city=${'x'.repeat(101)}`)).status).toBe(400);
    });
  });
});

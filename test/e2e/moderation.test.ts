import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database.js';
import { DoctorMergeParticipants } from '../../src/doctors/moderation/doctor-merge-participants.js';
import { CmsImportService } from '../../src/import/cms/cms-import.service.js';
import { makeDoctor, npiFrom } from '../factories/doctor.factory.js';
import { cmsShortFile, writeCmsFile, type CmsRowFields } from '../factories/cms-file.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('moderation', () => {
  let t: TestApp;
  let dir: string;
  let files = 0;
  const importRows = async (...rows: CmsRowFields[]) => {
    files += 1;
    return t.app.get(CmsImportService).importFile(await writeCmsFile(dir, `moderation-${files}.csv`, cmsShortFile(...rows)));
  };
  const byNpi = async (value: string) => (await t.api.get(`/v1/doctors?npi=${value}`)).body.items[0];
  const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, code: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe(code);
  };

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'moderation-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('conflicts', () => {
    const X = npiFrom(600_000_001);
    const Y = npiFrom(600_000_002);
    let x: { id: string };
    let y: { id: string };

    beforeAll(async () => {
      await importRows({ NPI: X, last: 'ADEYEMI', adrs_id: 'X1' }, { NPI: Y, last: 'BERG', adrs_id: 'Y1' });
      x = await byNpi(X);
      y = await byNpi(Y);
      // People set values the next file disagrees with.
      expect((await t.api.patch(`/v1/doctors/${x.id}`, { credentials: ['DO'] }, { ...admin, headers: { 'if-match': '"1"' } })).status).toBe(200);
      const locations = [{ addressLine1: '9 Lake Rd', city: 'Naples', region: 'FL', country: 'US', postalCode: '34108' }];
      expect((await t.api.patch(`/v1/doctors/${y.id}`, { locations }, { ...admin, headers: { 'if-match': '"1"' } })).status).toBe(200);
      await importRows({ NPI: X, last: 'ADEYEMI', adrs_id: 'X1', Grd_yr: '1990' }, { NPI: Y, last: 'BERG', adrs_id: 'Y1', phone: '2395550123' });
    });

    it('are only for moderators and admins', async () => {
      expectProblem(await t.api.get('/v1/moderation/conflicts'), 401, 'AUTH.MISSING_CREDENTIALS');
      expectProblem(await t.api.get('/v1/moderation/conflicts', { token: 'not-a-token' }), 401, 'AUTH.INVALID_TOKEN');
      expectProblem(await t.api.post(`/v1/moderation/conflicts/${MISSING}/resolve`, { action: 'accept' }), 401, 'AUTH.MISSING_CREDENTIALS');
    });

    it('lists pending conflicts, with the profile, the values and where the proposal came from', async () => {
      const response = await t.api.get('/v1/moderation/conflicts', admin);
      expect(response.status).toBe(200);
      expect(response.body.next).toBeNull();
      // One import run recorded both, at the same moment: their order is by id.
      const byField = [...response.body.items].sort((a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field));
      expect(byField).toEqual([
        expect.objectContaining({
          doctor: expect.objectContaining({ id: x.id, npi: X, live: true }),
          field: 'credentials',
          currentValue: ['DO'],
          currentSource: 'admin',
          proposedValue: ['MD'],
          source: 'import:cms',
          origin: 'moderation-2.csv',
          status: 'pending',
          resolvedAt: null,
        }),
        expect.objectContaining({ doctor: expect.objectContaining({ id: y.id }), field: 'locations', currentSource: 'admin' }),
      ]);
    });

    it('filters by profile and status, and pages with a cursor', async () => {
      const mine = await t.api.get(`/v1/moderation/conflicts?doctorId=${y.id}`, admin);
      expect(mine.body.items.map((c: { field: string }) => c.field)).toEqual(['locations']);
      await expect(t.api.get('/v1/moderation/conflicts?status=accepted', admin)).resolves.toMatchObject({ status: 200, body: { items: [], next: null } });
      const first = await t.api.get('/v1/moderation/conflicts?limit=1', admin);
      expect(first.body.items).toHaveLength(1);
      const second = await t.api.get(`/v1/moderation/conflicts?limit=1&after=${first.body.next}`, admin);
      expect(second.body.next).toBeNull();
      expect([first.body.items[0].field, second.body.items[0].field].sort()).toEqual(['credentials', 'locations']);
    });

    it('refuses bad filters with the field named', async () => {
      for (const [query, field] of [['status=open', 'status'], ['doctorId=42', 'doctorId'], ['limit=0', 'limit']]) {
        const response = await t.api.get(`/v1/moderation/conflicts?${query}`, admin);
        expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
        expect(Object.keys(response.body.errors)).toEqual([field]);
      }
      expectProblem(await t.api.get('/v1/moderation/conflicts?after=bm9wZQ', admin), 400, 'REQUEST.INVALID_CURSOR');
    });

    it('accepting writes the proposed value with moderator provenance, once', async () => {
      const [conflict] = (await t.api.get(`/v1/moderation/conflicts?doctorId=${x.id}`, admin)).body.items;
      const revision = (await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [x.id]))[0].revision;
      const response = await t.api.post(`/v1/moderation/conflicts/${conflict.id}/resolve`, { action: 'accept' }, admin);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: conflict.id, status: 'accepted', resolvedBy: null, resolvedAt: expect.any(String) });
      await expect(byNpi(X)).resolves.toMatchObject({ credentials: ['MD'], displayName: 'Socrates Adeyemi, MD', provenance: { credentials: { source: 'moderator' } } });
      expect(Number((await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [x.id]))[0].revision)).toBe(Number(revision) + 1);
      expectProblem(await t.api.post(`/v1/moderation/conflicts/${conflict.id}/resolve`, { action: 'dismiss' }, admin), 409, 'MODERATION.ALREADY_RESOLVED');
    });

    it('dismissing keeps the profile as it is', async () => {
      const before = await byNpi(Y);
      const [conflict] = (await t.api.get(`/v1/moderation/conflicts?doctorId=${y.id}`, admin)).body.items;
      const response = await t.api.post(`/v1/moderation/conflicts/${conflict.id}/resolve`, { action: 'dismiss' }, admin);
      expect(response.body).toMatchObject({ status: 'dismissed' });
      await expect(byNpi(Y)).resolves.toEqual(before);
    });

    it('refuses bad resolutions with a 4xx and changes nothing', async () => {
      await importRows({ NPI: X, last: 'ADEYEMI', adrs_id: 'X1', Grd_yr: '1991', Cred: 'PA' });
      const [pending] = (await t.api.get(`/v1/moderation/conflicts?doctorId=${x.id}`, admin)).body.items;
      expect(pending).toMatchObject({ field: 'credentials', proposedValue: ['PA'], currentSource: 'moderator' });
      const before = await byNpi(X);
      for (const body of [{ action: 'approve' }, {}, { action: 'accept', value: 'X' }]) {
        expectProblem(await t.api.post(`/v1/moderation/conflicts/${pending.id}/resolve`, body, admin), 400, 'REQUEST.VALIDATION_FAILED');
      }
      expectProblem(await t.api.post('/v1/moderation/conflicts/42/resolve', { action: 'accept' }, admin), 400, 'REQUEST.VALIDATION_FAILED');
      expectProblem(await t.api.post(`/v1/moderation/conflicts/${MISSING}/resolve`, { action: 'accept' }, admin), 404, 'MODERATION.CONFLICT_NOT_FOUND');
      await expect(byNpi(X)).resolves.toEqual(before);
      await expect(t.api.get(`/v1/moderation/conflicts?doctorId=${x.id}`, admin)).resolves.toMatchObject({ body: { items: [{ id: pending.id, status: 'pending' }] } });
    });
  });

  describe('merges', () => {
    const M = npiFrom(600_000_101);
    let keep: { id: string; slug: string };
    let merged: { id: string; slug: string };
    let oldSlug: string;
    const moves: [string, string][] = [];
    let failMoves = false;

    beforeAll(async () => {
      t.app.get(DoctorMergeParticipants).register('test-participant', async (from, to) => {
        await t.app.get(Database).query('SELECT 1');
        if (failMoves) throw new Error('participant failed');
        moves.push([from, to]);
      });
      keep = (
        await t.api.post(
          '/v1/doctors',
          makeDoctor({
            givenName: 'Ronald',
            familyName: 'Shelton',
            credentials: ['MD'],
            bio: 'Skin cancer surgery.',
            specialties: [{ name: 'Procedural Dermatology' }],
            locations: [{ city: 'Manhattan', region: 'NY', country: 'US' }],
          }),
          admin,
        )
      ).body;
      // A profile the directory created for the same person, renamed once (its first slug redirects to it).
      await importRows({ NPI: M, last: 'SHELTEN', first: 'RONALD', middle: '', pri_spec: 'DERMATOLOGY', sec_spec_1: '', sec_spec_all: '', city: 'NEW YORK', state: 'NY', zip: '100164974', adr_ln_1: '317 E 34TH ST', adrs_id: 'M1' });
      const imported = await byNpi(M);
      oldSlug = imported.slug;
      merged = (await t.api.patch(`/v1/doctors/${imported.id}`, { familyName: 'Shelton-Hale' }, { ...admin, headers: { 'if-match': '"1"' } })).body;
      expect(merged.slug).not.toBe(oldSlug);
    });

    it('are only for moderators and admins', async () => {
      expectProblem(await t.api.get('/v1/moderation/merges'), 401, 'AUTH.MISSING_CREDENTIALS');
      expectProblem(await t.api.post('/v1/moderation/merges', { keepId: keep.id, mergeId: merged.id }), 401, 'AUTH.MISSING_CREDENTIALS');
      expectProblem(await t.api.post(`/v1/moderation/merges/${MISSING}/dismiss`), 401, 'AUTH.MISSING_CREDENTIALS');
    });

    it('refuses bad requests with the field named, and unknown profiles with 404', async () => {
      const cases: [unknown, string][] = [
        [{ keepId: keep.id, mergeId: keep.id }, 'mergeId'],
        [{ keepId: 'abc', mergeId: merged.id }, 'keepId'],
        [{ keepId: keep.id }, 'mergeId'],
        [{ keepId: keep.id, mergeId: merged.id, force: true }, 'force'],
      ];
      for (const [body, field] of cases) {
        const response = await t.api.post('/v1/moderation/merges', body, admin);
        expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
        expect(Object.keys(response.body.errors)).toContain(field);
      }
      expectProblem(await t.api.post('/v1/moderation/merges', { keepId: keep.id, mergeId: MISSING }, admin), 404, 'DOCTOR.NOT_FOUND');
      const otherPerson = (await t.api.post('/v1/doctors', makeDoctor({ npi: npiFrom(600_000_111) }), admin)).body;
      expectProblem(await t.api.post('/v1/moderation/merges', { keepId: otherPerson.id, mergeId: merged.id }, admin), 409, 'MODERATION.DIFFERENT_NPIS');
      await expect(byNpi(M)).resolves.toMatchObject({ id: merged.id });
      await expect(byNpi(npiFrom(600_000_111))).resolves.toMatchObject({ id: otherPerson.id, version: 1 });
    });

    it('rolls everything back when a participant fails', async () => {
      failMoves = true;
      try {
        expectProblem(await t.api.post('/v1/moderation/merges', { keepId: keep.id, mergeId: merged.id }, admin), 500, 'REQUEST.INTERNAL');
      } finally {
        failMoves = false;
      }
      await expect(byNpi(M)).resolves.toMatchObject({ id: merged.id });
      expect((await t.api.get(`/v1/doctors/${merged.slug}`)).status).toBe(200);
    });

    it('merges two profiles into one: values, specialties, locations, NPI, slugs and participants', async () => {
      const response = await t.api.post('/v1/moderation/merges', { keepId: keep.id, mergeId: merged.id }, admin);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: keep.id,
        slug: keep.slug,
        familyName: 'Shelton',
        npi: M,
        bio: 'Skin cancer surgery.',
        medicalSchool: 'George Washington University School of Medicine',
        graduationYear: 1981,
        specialties: [
          { code: '207NS0135X', primary: true },
          { code: '207N00000X', primary: false },
        ],
        locations: [
          { city: 'New York', addressLine1: null },
          { city: 'New York', addressLine1: '317 E 34TH ST', postalCode: '10016-4974' },
        ],
        provenance: { npi: { source: 'import:cms' }, medicalSchool: { source: 'import:cms' }, bio: { source: 'admin' } },
      });
      expect(moves).toEqual([[merged.id, keep.id]]);

      for (const gone of [merged.slug, oldSlug, merged.id]) {
        const moved = await t.api.get(`/v1/doctors/${gone}`);
        expect(moved.status, gone).toBe(301);
        expect(moved.headers.get('location')).toBe(`/v1/doctors/${keep.slug}`);
      }
      await expect(t.api.get(`/v1/doctors?npi=${M}`)).resolves.toMatchObject({ body: { items: [{ id: keep.id }] } });
      const [row] = await t.sql('SELECT deleted_at, merged_into_id FROM doctors WHERE id = $1', [merged.id]);
      expect(row).toMatchObject({ deleted_at: expect.any(Date), merged_into_id: keep.id });
      const outbox = await t.sql('SELECT document_id FROM search_outbox WHERE document_id = ANY($1)', [[keep.id, merged.id]]);
      expect(outbox).toHaveLength(2);
      // The directory's record now points at the kept profile: a rerun of the file changes nothing.
      await expect(t.sql('SELECT doctor_id FROM doctor_source_records WHERE external_key = $1', [M])).resolves.toEqual([{ doctor_id: keep.id }]);
    });

    it('cannot merge a profile that is already merged', async () => {
      expectProblem(await t.api.post('/v1/moderation/merges', { keepId: keep.id, mergeId: merged.id }, admin), 404, 'DOCTOR.NOT_FOUND');
    });
  });

  describe('possible duplicates', () => {
    let first: { id: string };
    let second: { id: string };

    beforeAll(async () => {
      const existing = await t.api.post(
        '/v1/doctors',
        makeDoctor({ givenName: 'Dana', familyName: 'Whitfield', specialties: [{ name: 'Family Medicine' }], locations: [{ city: 'Chicago', region: 'IL', country: 'US' }] }),
        admin,
      );
      expect(existing.status).toBe(201);
      const other = await t.api.post(
        '/v1/doctors',
        makeDoctor({ givenName: 'Lee', familyName: 'Okafor', specialties: [{ name: 'Family Medicine' }], locations: [{ city: 'Boston', region: 'MA', country: 'US' }] }),
        admin,
      );
      expect(other.status).toBe(201);
      const summary = await importRows(
        { NPI: npiFrom(600_000_201), last: 'WHITFIELD', first: 'DANA', city: 'CHICAGO', state: 'IL', zip: '60611', adrs_id: 'W1' },
        { NPI: npiFrom(600_000_202), last: 'OKAFOR', first: 'LEE', city: 'BOSTON', state: 'MA', zip: '02115', adrs_id: 'O1' },
      );
      expect(summary.mergeCandidates).toBe(2);
      const queue = (await t.api.get('/v1/moderation/merges', admin)).body.items;
      [first, second] = queue;
    });

    it('are listed oldest first with both profiles and why they may be one person', async () => {
      const response = await t.api.get('/v1/moderation/merges?limit=1', admin);
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({
          doctor: expect.objectContaining({ npi: expect.any(String), live: true }),
          candidate: expect.objectContaining({ displayName: expect.stringMatching(/Whitfield|Okafor/), npi: null }),
          score: expect.any(Number),
          reasons: expect.arrayContaining(['same family name', 'same given name', 'same city']),
          source: 'import:cms',
          status: 'pending',
        }),
      ]);
      const next = await t.api.get(`/v1/moderation/merges?limit=1&after=${response.body.next}`, admin);
      expect(next.body.items.map((item: { id: string }) => item.id)).toEqual([second.id]);
      expectProblem(await t.api.get('/v1/moderation/merges?status=maybe', admin), 400, 'REQUEST.VALIDATION_FAILED');
    });

    it('leave the queue when merged or dismissed', async () => {
      const pair = (await t.api.get('/v1/moderation/merges', admin)).body.items.find((item: { id: string }) => item.id === first.id);
      const merge = await t.api.post('/v1/moderation/merges', { keepId: pair.candidate.id, mergeId: pair.doctor.id }, admin);
      expect(merge.status).toBe(200);
      const dismissed = await t.api.post(`/v1/moderation/merges/${second.id}/dismiss`, undefined, admin);
      expect(dismissed.body).toMatchObject({ id: second.id, status: 'dismissed', resolvedAt: expect.any(String) });
      await expect(t.api.get('/v1/moderation/merges', admin)).resolves.toMatchObject({ body: { items: [] } });
      const done = await t.api.get('/v1/moderation/merges?status=merged', admin);
      expect(done.body.items.map((item: { id: string }) => item.id)).toEqual([first.id]);
      expectProblem(await t.api.post(`/v1/moderation/merges/${second.id}/dismiss`, undefined, admin), 409, 'MODERATION.ALREADY_RESOLVED');
      expectProblem(await t.api.post(`/v1/moderation/merges/${MISSING}/dismiss`, undefined, admin), 404, 'MODERATION.MERGE_CANDIDATE_NOT_FOUND');
      expectProblem(await t.api.post('/v1/moderation/merges/42/dismiss', undefined, admin), 400, 'REQUEST.VALIDATION_FAILED');
    });
  });
});

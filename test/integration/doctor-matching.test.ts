import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { DoctorsService } from '../../src/doctors/doctors.service.js';
import type { CreateDoctorDto } from '../../src/doctors/dto/doctor-input.dto.js';
import { decideMatch, DoctorMatcher } from '../../src/doctors/matching/doctor-matcher.js';
import { nameTokens, STRONG_MATCH } from '../../src/doctors/matching/match-score.js';
import { CmsImportService } from '../../src/import/cms/cms-import.service.js';
import { npiFrom } from '../factories/doctor.factory.js';
import { cmsShortFile, writeCmsFile } from '../factories/cms-file.factory.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

const ADMIN: Principal = { accountId: null, email: null, roles: ['admin'], emailVerified: true, ownedDoctorIds: [], sessionId: null };

/** A CMS row for a dermatologist: only what differs between the cases is given. */
const cmsRow = (fields: Record<string, string>) => ({
  Cred: 'MD',
  Med_sch: 'OTHER',
  pri_spec: 'DERMATOLOGY',
  sec_spec_1: '',
  sec_spec_all: '',
  hospital1: '',
  adr_ln_2: '',
  ...fields,
});

describe('doctor matching', () => {
  let t: TestApp;
  let dir: string;
  let doctors: DoctorsService;
  let matcher: DoctorMatcher;
  let importer: CmsImportService;
  const create = (dto: Partial<CreateDoctorDto>, source: 'import:qa' | 'admin' = 'import:qa') =>
    doctors.create(ADMIN, { specialties: [{ name: 'Dermatology' }], ...dto } as CreateDoctorDto, source);
  const importRows = async (name: string, ...rows: Record<string, string>[]) =>
    importer.importFile(await writeCmsFile(dir, name, cmsShortFile(...rows.map(cmsRow))));

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'matching-'));
    doctors = t.app.get(DoctorsService);
    matcher = t.app.get(DoctorMatcher);
    importer = t.app.get(CmsImportService);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('DoctorMatcher', () => {
    it('finds a Q&A signature\'s author ("Ronald Hale, MD / Manhattan Dermatologic Surgeon") among directory profiles', async () => {
      const profile = await create(
        { givenName: 'Ronald', familyName: 'Hale', credentials: ['MD'], npi: npiFrom(400_000_001), locations: [{ city: 'New York', region: 'NY', country: 'US', postalCode: '10016' }] },
        'admin',
      );
      const matches = await matcher.findMatches({ givenName: 'Ronald', familyName: 'Hale', credentials: ['MD'], city: 'Manhattan', specialtyCode: '207NS0135X' });
      expect(matches[0]).toMatchObject({ doctorId: profile.id, slug: profile.slug, npi: npiFrom(400_000_001), reasons: ['same family name', 'same given name', 'same city', 'related specialty'] });
      expect(matches[0]?.score).toBeGreaterThanOrEqual(STRONG_MATCH);
      expect(decideMatch(matches)).toMatchObject({ kind: 'same', match: { doctorId: profile.id } });
    });

    it('takes the same NPI as decisive, and leaves out profiles with an NPI when asked', async () => {
      const matches = await matcher.findMatches({ givenName: 'Someone', familyName: 'Else', npi: npiFrom(400_000_001) });
      expect(matches).toEqual([expect.objectContaining({ npi: npiFrom(400_000_001), score: 1, decisive: true, reasons: ['same NPI'] })]);
      await expect(matcher.findMatches({ givenName: 'Ronald', familyName: 'Hale', city: 'New York' }, { withoutNpi: true })).resolves.toEqual([]);
    });

    it('matches double-barrelled names written with a space, joined, or in part, and folds accents', async () => {
      const profile = await create({ givenName: 'Inés', familyName: 'García-Márquez', locations: [{ city: 'Miami', region: 'FL', country: 'US' }] });
      for (const familyName of ['Garcia Marquez', 'GARCIA', 'Marquez', 'Garciamarquez']) {
        const [best] = await matcher.findMatches({ givenName: 'Ines', familyName, city: 'Miami', region: 'FL' });
        expect(best?.doctorId, familyName).toBe(profile.id);
      }
    });

    it('never offers demo or deleted profiles', async () => {
      const deleted = await create({ givenName: 'Vera', familyName: 'Lindgren', locations: [{ city: 'Denver', region: 'CO', country: 'US' }] });
      await doctors.remove(deleted.id);
      const demo = await create({ givenName: 'Vera', familyName: 'Lindgren', locations: [{ city: 'Denver', region: 'CO', country: 'US' }] });
      await t.sql('UPDATE doctors SET is_demo = true WHERE id = $1', [demo.id]);
      await expect(matcher.findMatches({ givenName: 'Vera', familyName: 'Lindgren', city: 'Denver', region: 'CO' })).resolves.toEqual([]);
    });

    it('splits names in SQL (for the index) exactly as in TypeScript (for the queries)', async () => {
      for (const name of ["O'Brien-Pérez", 'García Márquez', 'Shelton', 'Nguyễn', "D’Angelo", 'Smith Jr.', 'Øster-Åberg']) {
        const [{ tokens }] = await t.sql('SELECT doctor_name_tokens($1) AS tokens', [name]);
        expect(tokens, name).toEqual(nameTokens(name));
      }
    });

    it('answers many queries at once, in their order', async () => {
      const results = await matcher.findMatchesForEach([
        { givenName: 'Nobody', familyName: 'Zzyzx' },
        { givenName: 'Ronald', familyName: 'Hale', city: 'New York' },
      ]);
      expect(results).toHaveLength(2);
      expect(results[0]).toEqual([]);
      expect(results[1]?.[0]?.npi).toBe(npiFrom(400_000_001));
    });
  });

  describe('a directory import meeting profiles without an NPI', () => {
    it('gives the NPI to the Q&A-created profile of the same person (Ronald Shelton, Manhattan, Procedural Dermatology)', async () => {
      const qa = await create({
        givenName: 'Ronald',
        familyName: 'Shelton',
        credentials: ['MD'],
        specialties: [{ name: 'Procedural Dermatology' }],
        locations: [{ city: 'Manhattan', region: 'NY', country: 'US' }],
      });
      const summary = await importRows('shelton.csv', {
        NPI: npiFrom(400_000_011),
        last: 'SHELTON',
        first: 'RONALD',
        middle: '',
        adr_ln_1: '317 E 34TH ST',
        city: 'NEW YORK',
        state: 'NY',
        zip: '100164974',
        adrs_id: 'NY100164974NE317',
      });
      expect(summary).toMatchObject({ doctorsCreated: 0, doctorsUpdated: 1, mergeCandidates: 0 });
      const profiles = await t.sql(`SELECT id FROM doctors WHERE family_name = 'Shelton' AND deleted_at IS NULL`);
      expect(profiles).toEqual([{ id: qa.id }]);
      // The Q&A's values came from an import too, so the directory's replace them; the slug stays.
      await expect(doctors.findProfile(qa.id)).resolves.toMatchObject({
        npi: npiFrom(400_000_011),
        slug: qa.slug,
        specialties: [{ code: '207N00000X', name: 'Dermatology', primary: true }],
        locations: [{ addressLine1: '317 E 34TH ST', city: 'New York', postalCode: '10016-4974' }],
        provenance: { npi: { source: 'import:cms' }, locations: { source: 'import:cms' } },
      });
    });

    it('keeps what an admin set on the matched profile and proposes the directory\'s values as conflicts', async () => {
      const set = await create(
        { givenName: 'Naomi', familyName: 'Kessler', credentials: ['MD'], specialties: [{ name: 'Pediatrics' }], locations: [{ city: 'Brooklyn', region: 'NY', country: 'US' }] },
        'admin',
      );
      const summary = await importRows('kessler.csv', {
        NPI: npiFrom(400_000_021),
        last: 'KESSLER',
        first: 'NAOMI',
        middle: '',
        pri_spec: 'PEDIATRIC MEDICINE',
        adr_ln_1: '1 HOSPITAL DR',
        city: 'NEW YORK',
        state: 'NY',
        zip: '10016',
        adrs_id: 'K1',
      });
      expect(summary).toMatchObject({ doctorsCreated: 0, doctorsUpdated: 1, conflicts: 1 });
      await expect(doctors.findProfile(set.id)).resolves.toMatchObject({ npi: npiFrom(400_000_021), locations: [{ city: 'New York', addressLine1: null }] });
      const conflicts = await t.sql(`SELECT field, current_source, proposed_value FROM profile_conflicts WHERE doctor_id = $1`, [set.id]);
      expect(conflicts).toEqual([{ field: 'locations', current_source: 'admin', proposed_value: [expect.objectContaining({ addressLine1: '1 HOSPITAL DR', externalId: 'K1' })] }]);
    });

    it('queues a possible duplicate when it is not sure, and creates the profile', async () => {
      const existing = await create({ givenName: 'Dana', familyName: 'Whitfield', specialties: [{ name: 'Family Medicine' }], locations: [{ city: 'Chicago', region: 'IL', country: 'US' }] });
      const summary = await importRows('whitfield.csv', {
        NPI: npiFrom(400_000_031),
        last: 'WHITFIELD',
        first: 'DANA',
        city: 'CHICAGO',
        state: 'IL',
        zip: '60611',
        adrs_id: 'W1',
      });
      expect(summary).toMatchObject({ doctorsCreated: 1, mergeCandidates: 1 });
      const [created] = await t.sql(`SELECT id FROM doctors WHERE npi = $1`, [npiFrom(400_000_031)]);
      const queued = await t.sql(`SELECT doctor_id, candidate_id, score, reasons, status FROM merge_candidates WHERE candidate_id = $1`, [existing.id]);
      expect(queued).toEqual([
        { doctor_id: created.id, candidate_id: existing.id, score: expect.any(Number), reasons: ['same family name', 'same given name', 'same city', 'another specialty'], status: 'pending' },
      ]);
    });

    it('leaves a namesake elsewhere alone', async () => {
      const elsewhere = await create({ givenName: 'Peter', familyName: 'Quill', locations: [{ city: 'Dallas', region: 'TX', country: 'US' }] });
      const summary = await importRows('quill.csv', { NPI: npiFrom(400_000_041), last: 'QUILL', first: 'PETER', city: 'SEATTLE', state: 'WA', zip: '98104', adrs_id: 'Q1' });
      expect(summary).toMatchObject({ doctorsCreated: 1, doctorsUpdated: 0, mergeCandidates: 0 });
      await expect(doctors.findProfile(elsewhere.id)).resolves.toMatchObject({ npi: null });
    });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCmsDacFile } from '../../bench/cms-dac-generator.js';
import { CmsImportService } from '../../src/import/cms/cms-import.service.js';
import { npiFrom } from '../factories/doctor.factory.js';
import { cmsLongFile, cmsShortFile, writeCmsFile } from '../factories/cms-file.factory.js';
import { dumpDoctors } from '../utils/doctor-dump.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('CMS import', () => {
  let t: TestApp;
  let dir: string;
  let importer: CmsImportService;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.sql(sql, params))[0].n);
  const byNpi = async (value: string) => {
    const response = await t.api.get(`/v1/doctors?npi=${value}`);
    expect(response.status).toBe(200);
    return response.body.items[0];
  };

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'cms-import-'));
    importer = t.app.get(CmsImportService);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('a first import', () => {
    const A = npiFrom(300_000_001);
    const B = npiFrom(300_000_002);
    const C = npiFrom(300_000_003);
    let file: string;

    beforeAll(async () => {
      file = await writeCmsFile(
        dir,
        'first.csv',
        cmsShortFile(
          { NPI: A },
          // A second address of the same physician, and the same address again through another group.
          { NPI: A, adr_ln_1: '1 MAIN ST', adr_ln_2: '', city: 'SHELTON', state: 'CT', zip: '64844660', phone: '2.12689E+12', adrs_id: 'CT064844660SH1XMAINX' },
          { NPI: A, adr_ln_1: '1 MAIN ST', adr_ln_2: '', city: 'SHELTON', state: 'CT', zip: '64844660', phone: '2.12689E+12', adrs_id: 'CT064844660SH1XMAINX' },
          { NPI: B, last: 'GRAY', first: 'ZANE', Cred: '', pri_spec: 'CHIROPRACTIC', sec_spec_1: '', sec_spec_all: '', Med_sch: 'OTHER', hospital1: '', adrs_id: 'B1' },
          { NPI: C, last: "O'BRIEN", first: 'MAEVE', gndr: 'F', Cred: '', pri_spec: 'UNDERWATER MEDICINE', sec_spec_1: '', sec_spec_all: '', adrs_id: 'C1' },
          { NPI: '1234567890', last: 'MISTYPED' },
        ),
      );
    });

    it('creates one profile per NPI with one location per address, and reports what it could not use', async () => {
      const summary = await importer.importFile(file, { chunkSize: 2 });
      expect(summary).toMatchObject({
        resumed: false,
        rows: 6,
        rejected: 1,
        doctorsCreated: 3,
        doctorsUpdated: 0,
        locations: 4,
        warnings: 4,
        warningsByCode: { phone_unrecoverable: 2, specialty_unmapped: 1, invalid_npi: 1 },
        conflicts: 0,
        mergeCandidates: 0,
      });
      await expect(count('SELECT count(*) AS n FROM doctors WHERE npi = $1', ['1234567890'])).resolves.toBe(0);
    });

    it('normalises names, credentials, specialties, addresses and phones, and geocodes by ZIP', async () => {
      const doctor = await byNpi(A);
      expect(doctor).toMatchObject({
        givenName: 'Socrates',
        middleName: 'J',
        familyName: 'Perez-Rodriguez',
        displayName: 'Socrates Perez-Rodriguez, MD',
        slug: 'socrates-perez-rodriguez-naples',
        credentials: ['MD'],
        credentialsRaw: 'M.D.',
        clinicianType: 'physician',
        gender: 'male',
        medicalSchool: 'George Washington University School of Medicine',
        graduationYear: 1981,
        hospitalAffiliations: ['Naples Community Hospital'],
        specialties: [
          { code: '207R00000X', name: 'Internal Medicine', primary: true },
          { code: '207RC0000X', primary: false },
        ],
      });
      expect(doctor.locations).toHaveLength(2);
      expect(doctor.locations[0]).toMatchObject({ addressLine1: '870 111TH AVE N', city: 'Naples', region: 'FL', postalCode: '34108-1869', phone: '239-435-0000' });
      expect(doctor.locations[0].coordinates.lat).toBeCloseTo(26.2, 0);
      expect(doctor.locations[1]).toMatchObject({ city: 'Shelton', region: 'CT', postalCode: '06484-4660', phone: null, geocode: { status: 'matched' } });
      expect(doctor.provenance.givenName.source).toBe('import:cms');
      expect(doctor.provenance.locations.source).toBe('import:cms');
    });

    it('gives every clinician a type, from the specialty when the credential is empty, and keeps unmapped specialties by name', async () => {
      await expect(byNpi(B)).resolves.toMatchObject({ clinicianType: 'chiropractor', credentials: [], medicalSchool: null });
      await expect(byNpi(C)).resolves.toMatchObject({
        familyName: "O'Brien",
        gender: 'female',
        specialties: [{ code: null, name: 'UNDERWATER MEDICINE', practitionerNoun: null, primary: true }],
      });
    });

    it('queues every new profile for search, completes its run and drops its staging tables', async () => {
      await expect(count(`SELECT count(*) AS n FROM search_outbox s JOIN doctors d ON d.id = s.document_id WHERE d.npi = ANY($1)`, [[A, B, C]])).resolves.toBe(3);
      const [run] = await t.sql(`SELECT status, done_chunks, chunks_total, staging_table FROM import_runs ORDER BY started_at DESC LIMIT 1`);
      expect(run).toMatchObject({ status: 'completed', chunks_total: 2 });
      expect([...run.done_chunks].sort()).toEqual([0, 1]);
      await expect(count(`SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'import_staging_%'`)).resolves.toBe(0);
    });

    it('is idempotent: the same file again writes nothing and leaves the same state', async () => {
      const before = await dumpDoctors(t, { withIds: true });
      const outbox = await t.sql('SELECT document_id, revision FROM search_outbox ORDER BY document_id');
      const summary = await importer.importFile(file, { chunkSize: 2 });
      expect(summary).toMatchObject({ rows: 6, doctorsCreated: 0, doctorsUpdated: 0, locations: 0, warnings: 4 });
      await expect(dumpDoctors(t, { withIds: true })).resolves.toEqual(before);
      await expect(t.sql('SELECT document_id, revision FROM search_outbox ORDER BY document_id')).resolves.toEqual(outbox);
    });

    it('reads the current long layout into the same profiles', async () => {
      const before = await dumpDoctors(t, { withIds: true });
      const long = await writeCmsFile(
        dir,
        'first-long.csv',
        cmsLongFile(
          { NPI: A },
          { NPI: A, adr_ln_1: '1 MAIN ST', adr_ln_2: '', city: 'SHELTON', state: 'CT', zip: '64844660', phone: '2.12689E+12', adrs_id: 'CT064844660SH1XMAINX' },
        ),
      );
      // The long layout has no hospital columns: it says nothing about hospitals, so the affiliations stay.
      const summary = await importer.importFile(long);
      expect(summary).toMatchObject({ doctorsCreated: 0, doctorsUpdated: 0, locations: 0 });
      await expect(dumpDoctors(t, { withIds: true })).resolves.toEqual(before);
    });
  });

  describe('a later file', () => {
    const D = npiFrom(300_000_011);
    const E = npiFrom(300_000_012);

    it('updates only what changed, keeping the location of an address that stayed', async () => {
      const first = await writeCmsFile(dir, 'later-1.csv', cmsShortFile({ NPI: D, last: 'LINDQVIST', adrs_id: 'D1' }, { NPI: E, last: 'MORROW', adrs_id: 'E1' }));
      await importer.importFile(first);
      const [location] = (await byNpi(D)).locations;
      const second = await writeCmsFile(
        dir,
        'later-2.csv',
        cmsShortFile({ NPI: D, last: 'LINDQVIST', adrs_id: 'D1', phone: '2395550199' }, { NPI: E, last: 'MORROW', adrs_id: 'E1' }),
      );
      const summary = await importer.importFile(second);
      expect(summary).toMatchObject({ doctorsCreated: 0, doctorsUpdated: 1, locations: 1 });
      const doctor = await byNpi(D);
      expect(doctor.locations).toEqual([{ ...location, phone: '239-555-0199' }]);
      expect(doctor.version).toBe(2);
      await expect(byNpi(E)).resolves.toMatchObject({ version: 1 });
    });

    it('never overwrites a value a person set: the import proposes it as a conflict instead', async () => {
      const F = npiFrom(300_000_021);
      const first = await writeCmsFile(dir, 'person-1.csv', cmsShortFile({ NPI: F, last: 'ABARA', adrs_id: 'F1' }));
      await importer.importFile(first);
      const doctor = await byNpi(F);
      const patched = await t.api.patch(`/v1/doctors/${doctor.id}`, { credentials: ['DO'] }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(patched.status).toBe(200);

      const changed = await writeCmsFile(dir, 'person-2.csv', cmsShortFile({ NPI: F, last: 'ABARA', adrs_id: 'F1', Grd_yr: '1982' }));
      const summary = await importer.importFile(changed);
      expect(summary).toMatchObject({ doctorsUpdated: 1, conflicts: 1 });
      await expect(byNpi(F)).resolves.toMatchObject({
        credentials: ['DO'],
        graduationYear: 1982,
        provenance: { credentials: { source: 'admin' }, graduationYear: { source: 'import:cms' } },
      });
      const conflicts = await t.sql(`SELECT * FROM profile_conflicts WHERE doctor_id = $1`, [doctor.id]);
      expect(conflicts).toEqual([
        expect.objectContaining({
          field: 'credentials',
          current_value: ['DO'],
          current_source: 'admin',
          proposed_value: ['MD'],
          source: 'import:cms',
          origin: 'person-2.csv',
          run_id: (await t.sql(`SELECT id FROM import_runs ORDER BY started_at DESC LIMIT 1`))[0].id,
          status: 'pending',
        }),
      ]);

      // Another change to the record proposes the same value again: still one pending conflict, not two.
      const again = await writeCmsFile(dir, 'person-3.csv', cmsShortFile({ NPI: F, last: 'ABARA', adrs_id: 'F1', Grd_yr: '1983' }));
      await importer.importFile(again);
      await expect(count(`SELECT count(*) AS n FROM profile_conflicts WHERE doctor_id = $1`, [doctor.id])).resolves.toBe(1);
    });
  });

  it('keeps awkward text intact through COPY: quotes, backslashes, commas, tabs and words like NULL', async () => {
    const G = npiFrom(300_000_041);
    const hospital = 'ST. JOHN\'S "NORTH" \\ EAST, NULL\tWING';
    const file = await writeCmsFile(dir, 'awkward.csv', cmsShortFile({ NPI: G, last: 'NULL', adr_ln_1: '\\N', hospital1: hospital, adrs_id: 'G\\1' }));
    await importer.importFile(file);
    await expect(byNpi(G)).resolves.toMatchObject({
      familyName: 'Null',
      // Institution names are title-cased with their spacing tidied.
      hospitalAffiliations: ['St. John\'s "North" \\ East, Null Wing'],
      locations: [{ addressLine1: '\\N' }],
    });
    await expect(t.sql('SELECT external_id FROM practice_locations l JOIN doctors d ON d.id = l.doctor_id WHERE d.npi = $1', [G])).resolves.toEqual([
      { external_id: 'G\\1' },
    ]);
  });

  describe('interrupted runs', () => {
    const interrupted = async (file: string): Promise<void> => {
      const stop = new Error('interrupted after the first chunk');
      await expect(
        importer.importFile(file, {
          chunkSize: 40,
          concurrency: 1,
          onProgress: (progress) => {
            if (progress.phase === 'applying') throw stop;
          },
        }),
      ).rejects.toBe(stop);
    };

    it('resume from their checkpoint and end as an uninterrupted import would', async () => {
      const file = join(dir, 'generated-300.csv');
      await writeCmsDacFile(file, { rows: 300, firstNpi: 310_000_000 });
      await interrupted(file);
      const [run] = await t.sql(`SELECT status, done_chunks, chunks_total, error FROM import_runs ORDER BY started_at DESC LIMIT 1`);
      expect(run).toMatchObject({ status: 'applying', done_chunks: [0], error: 'interrupted after the first chunk' });
      expect(run.chunks_total).toBeGreaterThan(2);
      // A chunk is all or nothing: no profile exists without its specialties and locations.
      await expect(
        count(`SELECT count(*) AS n FROM doctors d WHERE d.npi LIKE '31%'
                AND (NOT EXISTS (SELECT 1 FROM practice_locations l WHERE l.doctor_id = d.id)
                  OR NOT EXISTS (SELECT 1 FROM doctor_specialties s WHERE s.doctor_id = d.id))`),
      ).resolves.toBe(0);
      await expect(count(`SELECT count(*) AS n FROM doctors WHERE npi LIKE '31%'`)).resolves.toBe(40);

      const summary = await importer.importFile(file, { chunkSize: 40 });
      expect(summary.resumed).toBe(true);
      const resumed = (await dumpDoctors(t)).filter((d) => String((d as { npi: string }).npi).startsWith('31'));

      const fresh = await createTestApp();
      try {
        const { seconds: _seconds, ...uninterrupted } = await fresh.app.get(CmsImportService).importFile(file, { chunkSize: 40 });
        expect(summary).toMatchObject({ ...uninterrupted, runId: summary.runId, resumed: true });
        await expect(dumpDoctors(fresh)).resolves.toEqual(resumed);
      } finally {
        await fresh.close();
      }
    });

    it('start over when their staging table was lost (a database restart empties unlogged tables)', async () => {
      const file = join(dir, 'generated-120.csv');
      await writeCmsDacFile(file, { rows: 120, firstNpi: 320_000_000 });
      await interrupted(file);
      const [run] = await t.sql(`SELECT staging_table FROM import_runs ORDER BY started_at DESC LIMIT 1`);
      await t.sql(`DROP TABLE ${run.staging_table}_plan, ${run.staging_table}`);
      const summary = await importer.importFile(file, { chunkSize: 40 });
      expect(summary.resumed).toBe(false);
      const [restarted] = await t.sql(`SELECT status FROM import_runs WHERE staging_table = $1`, [run.staging_table]);
      expect(restarted.status).toBe('abandoned');
      const profiles = await count(`SELECT count(*) AS n FROM doctors WHERE npi LIKE '32%'`);
      expect(summary.doctorsCreated + 40).toBe(profiles);
    });
  });

  describe('refusals', () => {
    it('refuses a file that is not a CMS file, writing no profile', async () => {
      const before = await count('SELECT count(*) AS n FROM doctors');
      const file = await writeCmsFile(dir, 'not-cms.csv', 'name,city\nAnn,Boston');
      await expect(importer.importFile(file)).rejects.toMatchObject({ code: 'IMPORT.BAD_FORMAT' });
      await expect(count('SELECT count(*) AS n FROM doctors')).resolves.toBe(before);
      const [run] = await t.sql(`SELECT status, error FROM import_runs ORDER BY started_at DESC LIMIT 1`);
      expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('Provider Last Name') });
    });

    it('refuses a missing file', async () => {
      await expect(importer.importFile(join(dir, 'nowhere.csv'))).rejects.toMatchObject({ code: 'IMPORT.FILE_UNREADABLE' });
    });

    it('refuses to run while another import holds the lock', async () => {
      const file = await writeCmsFile(dir, 'busy.csv', cmsShortFile({ NPI: npiFrom(300_000_031) }));
      const holder = new pg.Client({ connectionString: t.database.url });
      await holder.connect();
      try {
        await holder.query(`SELECT pg_advisory_lock(hashtext('import:cms'))`);
        await expect(importer.importFile(file)).rejects.toMatchObject({ code: 'IMPORT.BUSY' });
      } finally {
        await holder.end();
      }
      await expect(importer.importFile(file)).resolves.toMatchObject({ doctorsCreated: 1 });
    });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/common/cli/cli-runtime.js';
import { runCmsImportCommand } from '../../src/import/cms/cms-import.commands.js';
import { npiFrom } from '../factories/doctor.factory.js';
import { cmsLongFile, cmsShortFile, writeCmsFile } from '../factories/cms-file.factory.js';
import { describeWithShared, sharedPath } from '../utils/shared.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';


describe('npm run cli -- import:cms', () => {
  let t: TestApp;
  let dir: string;
  let stdout: string[];
  const countDoctors = async (): Promise<number> => Number((await t.sql('SELECT count(*) AS n FROM doctors'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'cms-cli-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });
  const capture = (): void => {
    stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(chunk.toString());
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  };
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('--json prints exactly one JSON object with the counts, and a rerun counts nothing new', async () => {
    const file = await writeCmsFile(
      dir,
      'cli.csv',
      cmsLongFile(
        { NPI: npiFrom(500_000_001), adrs_id: 'A1' },
        { NPI: npiFrom(500_000_001), adr_ln_1: '2 ELM ST', adrs_id: 'A2', phone: '2.12689E+12' },
        { NPI: npiFrom(500_000_002), last: 'MORENO', adrs_id: 'B1' },
      ),
    );
    capture();
    await runCmsImportCommand(t.app, file, { json: true });
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0])).toEqual({ rows: 3, doctorsCreated: 2, doctorsUpdated: 0, locations: 3, warnings: 1 });

    capture();
    await runCmsImportCommand(t.app, file, { json: true, chunkSize: '1', concurrency: '1' });
    expect(stdout.map((line) => JSON.parse(line) as unknown)).toEqual([{ rows: 3, doctorsCreated: 0, doctorsUpdated: 0, locations: 0, warnings: 1 }]);
  });

  it('prints a readable summary without --json', async () => {
    const file = await writeCmsFile(dir, 'summary.csv', cmsShortFile({ NPI: npiFrom(500_000_011), adrs_id: 'S1' }));
    capture();
    const summary = await runCmsImportCommand(t.app, file, {});
    expect(summary.doctorsCreated).toBe(1);
    expect(stdout.join('')).toMatch(/1 rows \(0 rejected\)\n {2}doctors created 1, updated 0; locations written 1/);
  });

  it('refuses bad options, missing files and files that are not CMS files, writing nothing', async () => {
    const before = await countDoctors();
    const file = await writeCmsFile(dir, 'never.csv', cmsShortFile({ NPI: npiFrom(500_000_021), adrs_id: 'N1' }));
    await expect(runCmsImportCommand(t.app, file, { chunkSize: '0' })).rejects.toThrow(new CliError('--chunk-size must be a positive whole number', 2));
    await expect(runCmsImportCommand(t.app, file, { concurrency: 'two' })).rejects.toThrow(/--concurrency must be a positive whole number/);
    await expect(runCmsImportCommand(t.app, join(dir, 'missing.csv'), {})).rejects.toThrow(/Cannot read .*missing\.csv/);
    const notCms = await writeCmsFile(dir, 'people.csv', 'first,last\nAnn,Lee');
    await expect(runCmsImportCommand(t.app, notCms, {})).rejects.toSatisfy((error) => error instanceof CliError && /Not a CMS Doctors and Clinicians file/.test(error.message));
    await expect(countDoctors()).resolves.toBe(before);
  });

  describeWithShared('on the shared 40-row sample of the real file', ['fixtures', 'cms-dac', 'national-sample-40.csv'], () => {
    it('imports all 40 clinicians, and nothing on the second run', async () => {
      const file = sharedPath('fixtures', 'cms-dac', 'national-sample-40.csv');
      capture();
      await runCmsImportCommand(t.app, file, { json: true });
      await runCmsImportCommand(t.app, file, { json: true });
      expect(stdout.map((line) => JSON.parse(line) as unknown)).toEqual([
        { rows: 40, doctorsCreated: 40, doctorsUpdated: 0, locations: 40, warnings: 0 },
        { rows: 40, doctorsCreated: 0, doctorsUpdated: 0, locations: 0, warnings: 0 },
      ]);
      const sanJuan = await t.api.get('/v1/doctors?npi=1215907381');
      expect(sanJuan.body.items[0].locations[0]).toMatchObject({ city: 'San Juan', postalCode: '00921-1981', geocode: { status: 'matched' } });
    });
  });
});

import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCmsDacFile } from '../../bench/cms-dac-generator.js';
import { qaPage } from '../factories/qa-page.factory.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';
import { TEST_JWT_SECRET } from '../utils/test-app.js';
import { atScale } from './scale.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const KILLS = atScale(2, 10);

/** What an import must leave the same however often it was killed: rows keyed by natural keys, no ids or timestamps. */
const DUMPS = {
  cms: `SELECT json_agg(x ORDER BY x.npi) FROM (
          SELECT d.npi, d.display_name, d.credentials, d.clinician_type, d.medical_school, d.graduation_year, d.hospital_affiliations,
                 (SELECT json_agg(json_build_object('code', s.specialty_code, 'raw', s.raw_name) ORDER BY s.position) FROM doctor_specialties s WHERE s.doctor_id = d.id) AS specialties,
                 (SELECT json_agg(json_build_object('ext', l.external_id, 'line1', l.address_line1, 'city', l.city, 'zip', l.postal_code, 'phone', l.phone) ORDER BY l.position)
                    FROM practice_locations l WHERE l.doctor_id = d.id) AS locations
            FROM doctors d WHERE d.deleted_at IS NULL) x`,
  qa: `SELECT json_agg(x ORDER BY x.source_url, x.position) FROM (
         SELECT q.source_url, q.title, a.position, a.body, a.signature, d.display_name AS author,
                (SELECT json_agg(json_build_object('source', r.source, 'value', r.value, 'count', r.review_count)) FROM external_ratings r WHERE r.doctor_id = d.id AND r.is_current) AS ratings
           FROM questions q JOIN answers a ON a.question_id = q.id LEFT JOIN doctors d ON d.id = a.author_doctor_id) x`,
} as const;

/** Rows an interrupted import must never leave: a profile without its location, a question without its answers. */
const PARTIAL_ROWS = `SELECT (SELECT count(*) FROM doctors d WHERE d.npi IS NOT NULL AND NOT EXISTS (SELECT 1 FROM practice_locations l WHERE l.doctor_id = d.id))
                           + (SELECT count(*) FROM questions q WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id)) AS n`;

async function query<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] as Record<string, unknown>)[0] as T;
  } finally {
    await client.end();
  }
}

describe(`kill -9 of an import at random points (${KILLS} times each), then a rerun`, () => {
  let dir: string;
  let cmsFile: string;
  let qaFiles: string[];
  const databases: TestDatabase[] = [];

  const cliEnv = (database: TestDatabase): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const run = (database: TestDatabase, args: string[]) => promisify(execFile)(process.execPath, [CLI, ...args], { env: cliEnv(database), cwd: ROOT });
  /** Starts the import and kills it with SIGKILL after `afterMs`; resolves when it is gone (or finished first). */
  const killAfter = (database: TestDatabase, args: string[], afterMs: number) =>
    new Promise<void>((done) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(database), cwd: ROOT, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      child.on('exit', () => {
        clearTimeout(timer);
        done();
      });
    });
  const freshDatabase = async (): Promise<TestDatabase> => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crash-'));
    // The CLI is spawned as users run it: compiled.
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], { cwd: ROOT });
    cmsFile = join(dir, 'cms.csv');
    await writeCmsDacFile(cmsFile, { rows: atScale(3_000, 20_000), seed: 7 });
    qaFiles = [];
    for (let page = 0; page < atScale(40, 200); page += 1) {
      const file = join(dir, `page-${page}.txt`);
      await writeFile(
        file,
        qaPage({ title: `Crash question ${page}?`, body: `Does page ${page} survive a kill?` }, [
          { title: 'Yes', body: `Page ${page} is written in one transaction.`, signature: [`Ada Crash${page % 13}, MD`, 'Seattle Dermatologist', `4.${page % 10} out of 5 stars ${page + 1} reviews`] },
          { title: 'Indeed', body: `Nothing half-written on page ${page}.`, signature: [`Ben Crash${page % 7}, DO`, 'Toronto Family Physician'] },
        ]),
      );
      qaFiles.push(file);
    }
  }, 300_000);
  afterAll(async () => {
    for (const database of databases) await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'import:cms', dump: DUMPS.cms, args: () => ['import:cms', cmsFile, '--chunk-size', '250'] },
    { name: 'import:qa', dump: DUMPS.qa, args: () => ['import:qa', ...qaFiles, '--source', 'realself'] },
  ];

  it.each(cases)('$name: every rerun ends as an uninterrupted import, and no kill leaves partial rows', async ({ dump, args }) => {
    const reference = await freshDatabase();
    const started = performance.now();
    await run(reference, args());
    const fullMs = performance.now() - started;
    const expected = await query<unknown[]>(reference.url, dump);
    expect(expected.length).toBeGreaterThan(0);

    for (let kill = 0; kill < KILLS; kill += 1) {
      const database = await freshDatabase();
      // Anywhere from start-up to the end of a whole run.
      await killAfter(database, args(), Math.round(Math.random() * fullMs));
      expect(await query<string>(database.url, PARTIAL_ROWS), `partial rows after kill ${kill}`).toBe('0');
      await run(database, args());
      expect(await query<unknown[]>(database.url, dump), `after kill ${kill} and a rerun`).toEqual(expected);
    }
  }, atScale(240_000, 1_800_000));
});

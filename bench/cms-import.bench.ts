import 'reflect-metadata';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createAppContext } from '../src/app.setup.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { acquireEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { CmsImportService } from '../src/import/cms/cms-import.service.js';
import { writeCmsDacFile } from './cms-dac-generator.js';

/**
 * `npm run bench:cms-import -- [--rows 100000] [--file data.csv] [--chunk-size 5000] [--concurrency 2]`: imports a CMS file into a
 * fresh database and compares it with two raw COPYs in the same database: of the file into a table of text
 * columns, and of the rows the import wrote into copies of the same tables with the same indexes and foreign
 * keys. Prints one JSON report on stdout. Uses DATABASE_URL's server when set (the database named there is
 * dropped and created), else a throwaway embedded cluster.
 */
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    file: { type: 'string' },
    'chunk-size': { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '2' },
  },
});

const seconds = (from: number): number => Math.round(performance.now() - from) / 1000;

async function rawCopy(url: string, file: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const header = await new Promise<string>((resolve, reject) => {
      let text = '';
      const stream = createReadStream(file, { encoding: 'utf8', end: 64 * 1024 });
      stream.on('data', (chunk: string | Buffer) => (text += chunk.toString()));
      stream.on('end', () => resolve(text.slice(0, text.indexOf('\n'))));
      stream.on('error', reject);
    });
    const columns = header.split(',').map((_, index) => `c${index} text`);
    await client.query(`DROP TABLE IF EXISTS cms_raw_copy`);
    await client.query(`CREATE TABLE cms_raw_copy (${columns.join(', ')})`);
    const started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom('COPY cms_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const elapsed = seconds(started);
    const [{ n }] = (await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM cms_raw_copy')).rows;
    await client.query('DROP TABLE cms_raw_copy');
    return { rows: n, seconds: elapsed };
  } finally {
    await client.end();
  }
}

/** The tables an import writes, parents first, with the foreign keys among them. */
const WRITTEN_TABLES: readonly { table: string; references: readonly string[] }[] = [
  { table: 'doctors', references: [] },
  { table: 'doctor_specialties', references: ['(doctor_id) REFERENCES baseline.doctors (id)', '(specialty_code) REFERENCES public.specialties (code)'] },
  { table: 'practice_locations', references: ['(doctor_id) REFERENCES baseline.doctors (id)'] },
  { table: 'doctor_source_records', references: ['(doctor_id) REFERENCES baseline.doctors (id)'] },
  { table: 'search_outbox', references: [] },
];

/**
 * The other baseline: COPY the rows the import wrote back into empty copies of the same tables, with the same
 * indexes and foreign keys (schema `baseline`). This is what writing the result costs, without reading the file.
 */
async function resultCopy(url: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const dumps = await mkdtemp(join(tmpdir(), 'cms-bench-result-'));
  try {
    let rows = 0;
    for (const { table } of WRITTEN_TABLES) {
      await pipeline(client.query(copyTo(`COPY public.${table} TO STDOUT`)), createWriteStream(join(dumps, table)));
      rows += (await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM public.${table}`)).rows[0]?.n ?? 0;
    }
    await client.query('DROP SCHEMA IF EXISTS baseline CASCADE');
    await client.query('CREATE SCHEMA baseline');
    for (const { table, references } of WRITTEN_TABLES) {
      await client.query(`CREATE TABLE baseline.${table} (LIKE public.${table} INCLUDING ALL)`);
      for (const reference of references) await client.query(`ALTER TABLE baseline.${table} ADD FOREIGN KEY ${reference}`);
    }
    const started = performance.now();
    for (const { table } of WRITTEN_TABLES) {
      await pipeline(createReadStream(join(dumps, table)), client.query(copyFrom(`COPY baseline.${table} FROM STDIN`)));
    }
    const elapsed = seconds(started);
    await client.query('DROP SCHEMA baseline CASCADE');
    return { rows, seconds: elapsed };
  } finally {
    await client.end();
    await rm(dumps, { recursive: true, force: true });
  }
}

async function freshDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    const name = url.pathname.slice(1);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    await admin.end();
    return { url: url.toString(), close: async () => undefined };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'docfinder-bench-'));
  await chmod(dataDir, 0o755);
  const cluster = await acquireEmbeddedPostgres({ dataDir, password: 'bench-password', database: 'docfinder_bench' });
  return {
    url: cluster.url,
    close: async () => {
      await cluster.release();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const file = values.file ?? join(tmpdir(), `cms-bench-${values.rows}.csv`);
if (!values.file) await writeCmsDacFile(file, { rows: Number.parseInt(values.rows, 10) });
const database = await freshDatabase();
try {
  const config = loadConfiguration('cli', { DATABASE_URL: database.url, JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123', LOG_LEVEL: 'warn' });
  const context = await createAppContext({ config });
  try {
    const copy = await rawCopy(database.url, file);
    const importer = context.get(CmsImportService);
    const options = { chunkSize: Number.parseInt(values['chunk-size'], 10), concurrency: Number.parseInt(values.concurrency, 10) };
    let started = performance.now();
    const first = await importer.importFile(file, options);
    const firstSeconds = seconds(started);
    process.stderr.write(`import: ${firstSeconds} s ${JSON.stringify(first)}\n`);
    const result = await resultCopy(database.url);
    // A second run of the same file: nothing changed, so nothing is written.
    started = performance.now();
    const second = await importer.importFile(file, options);
    const secondSeconds = seconds(started);
    const rowsPerSecond = (rows: number, elapsed: number): number => Math.round(rows / elapsed);
    const report = {
      file,
      bytes: (await stat(file)).size,
      rows: first.rows,
      rawCopy: { seconds: copy.seconds, rowsPerSecond: rowsPerSecond(copy.rows, copy.seconds) },
      // File rows per second when only the import's result is COPYed into the same tables and indexes.
      resultCopy: { seconds: result.seconds, tableRows: result.rows, rowsPerSecond: rowsPerSecond(copy.rows, result.seconds) },
      import: { seconds: firstSeconds, rowsPerSecond: rowsPerSecond(first.rows, firstSeconds), summary: first },
      reimport: { seconds: secondSeconds, rowsPerSecond: rowsPerSecond(second.rows, secondSeconds), phases: second.seconds, doctorsUpdated: second.doctorsUpdated },
      importVsCopy: Math.round((copy.seconds / firstSeconds) * 1000) / 1000,
      importVsResultCopy: Math.round((result.seconds / firstSeconds) * 1000) / 1000,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await context.close();
  }
} finally {
  await database.close();
}

import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** The baselines of the `import-cms` scenario: what COPY alone does with the same rows. */
const seconds = (from: number): number => Math.round(performance.now() - from) / 1000;

/** Raw COPY of the CSV file into a table of text columns: the fastest a file of these rows can enter PostgreSQL. */
export async function rawCopy(url: string, file: string): Promise<{ rows: number; seconds: number }> {
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
export async function resultCopy(url: string): Promise<{ rows: number; seconds: number }> {
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


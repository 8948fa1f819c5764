import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataSource, MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** `migrations/` at the top of the repository (or of dist/ once compiled). */
const MIGRATIONS_DIR = resolve(import.meta.dirname, '..', '..', 'migrations');
const MIGRATION_FILE = /^\d{13}-[A-Za-z0-9]+\.(js|ts)$/;

/** Every migration class, in timestamp order; loaded from the directory so adding a migration is adding a file. */
export async function loadMigrations(): Promise<MigrationClass[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).sort();
  const classes: MigrationClass[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as Record<string, unknown>;
    const exported = Object.values(module).filter((v): v is MigrationClass => typeof v === 'function');
    if (exported.length !== 1) throw new Error(`Migration ${file} must export exactly one class`);
    classes.push(exported[0]);
  }
  return classes;
}

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_262_301;

/** Applies pending migrations under an advisory lock, so an API and a CLI starting together do not race. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { DatabaseConfig } from '../../src/config/configuration.js';
import { acquireEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/database/embedded-postgres.js';
import { loadMigrations, runMigrations } from '../../src/database/migrations.js';
import { buildDataSourceOptions } from '../../src/database/typeorm-options.js';
import { TEMPLATE_DATABASE, databaseUrl } from '../utils/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test cluster (database `postgres`). */
    pgAdminUrl: string;
  }
}

/**
 * One Postgres per test run: embedded (fsync off) unless TEST_DATABASE_URL points at a server. Migrations are applied
 * once to a template database; each test file clones it (test/utils/test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: EmbeddedPostgresHandle | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'docfinder-test-'));
    // mkdtemp makes the directory 0700; the postgres system user must be able to enter it.
    await chmod(dataDir, 0o755);
    cluster = await acquireEmbeddedPostgres({
      dataDir,
      password: 'test-password',
      database: 'postgres',
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = cluster.url;
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const dataSource = new DataSource(
    buildDataSourceOptions(new DatabaseConfig(databaseUrl(adminUrl, TEMPLATE_DATABASE), false, undefined, undefined, 2), await loadMigrations()),
  );
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await cluster?.release();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

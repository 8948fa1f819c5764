import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { acquireEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

export interface BenchCluster {
  /** A URL of the server with `database` as the database. */
  urlOf(database: string): string;
  /** Drops (if it exists) and creates a database. */
  recreate(database: string): Promise<string>;
  close(): Promise<void>;
}

const withDatabase = (url: string, database: string): string => Object.assign(new URL(url), { pathname: `/${database}` }).toString();

/** DATABASE_URL's server when set, else a throwaway embedded PostgreSQL in a temporary DATA_DIR. */
export async function startBenchCluster(): Promise<BenchCluster> {
  let serverUrl = process.env.DATABASE_URL;
  let release = async (): Promise<void> => undefined;
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'docfinder-bench-'));
    await chmod(dataDir, 0o755);
    const cluster = await acquireEmbeddedPostgres({ dataDir, password: 'bench-password', database: 'postgres' });
    serverUrl = cluster.url;
    release = async () => {
      await cluster.release();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const server = serverUrl;
  return {
    urlOf: (database) => withDatabase(server, database),
    recreate: async (database) => {
      const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      } finally {
        await admin.end();
      }
      return withDatabase(server, database);
    },
    close: release,
  };
}

/** Runs `work` with a client on `url`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

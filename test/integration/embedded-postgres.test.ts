import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireEmbeddedPostgres, pidAlive } from '../../src/database/embedded-postgres.js';

const postmasterPid = async (dataDir: string): Promise<number | undefined> => {
  const content = await readFile(join(dataDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return content ? Number.parseInt(content.split('\n')[0] ?? '', 10) : undefined;
};
const canQuery = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

describe('embedded Postgres lifecycle in DATA_DIR', () => {
  let dataDir: string;
  let otherProcess: ChildProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docfinder-embedded-'));
    await chmod(dataDir, 0o755);
    otherProcess = spawn('sleep', ['600']);
  });
  afterAll(async () => {
    otherProcess.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('initialises a cluster on first use, reuses it, and stops it when the last user leaves', async () => {
    const first = await acquireEmbeddedPostgres({ dataDir, password: 'pw', settings: { fsync: 'off' } });
    expect(await canQuery(first.url)).toBe(true);
    const pid = await postmasterPid(dataDir);
    await first.release();
    expect(pid !== undefined && pidAlive(pid)).toBe(false);

    const second = await acquireEmbeddedPostgres({ dataDir, password: 'pw', settings: { fsync: 'off' } });
    expect(await canQuery(second.url)).toBe(true);
    await second.release();
  });

  it('never stops a cluster another live process is using', async () => {
    const handle = await acquireEmbeddedPostgres({ dataDir, password: 'pw' });
    // Another process (the API, say) registered as a user of the same cluster.
    await writeFile(join(dataDir, 'postgres-clients', String(otherProcess.pid)), 'api');
    await handle.release();
    expect(await canQuery(handle.url)).toBe(true);

    // It goes away: the next process to leave stops the cluster.
    otherProcess.kill();
    await new Promise((resolve) => otherProcess.once('exit', resolve));
    const again = await acquireEmbeddedPostgres({ dataDir, password: 'pw' });
    expect(again.url).toBe(handle.url);
    await again.release();
    expect(await canQuery(handle.url)).toBe(false);
  });

  it('joins a cluster left running by a crashed process, then stops it', async () => {
    const crashed = await acquireEmbeddedPostgres({ dataDir, password: 'pw' });
    // Simulate kill -9 of its owner: a stale client file for a dead pid and the postmaster still running.
    const clients = join(dataDir, 'postgres-clients');
    await rm(join(clients, String(process.pid)));
    await writeFile(join(clients, '999999'), 'crashed');
    const pid = await postmasterPid(dataDir);

    const next = await acquireEmbeddedPostgres({ dataDir, password: 'pw' });
    expect(next.url).toBe(crashed.url);
    expect(await postmasterPid(dataDir)).toBe(pid);
    await next.release();
    expect(pid !== undefined && pidAlive(pid)).toBe(false);
    expect(await readdir(dataDir)).not.toContain('postgres.lock');
  });
});

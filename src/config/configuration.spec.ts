import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from './configuration.js';
import { ConfigError, ENV_NAMES } from './environment.js';

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'docfinder-config-'));
const load = (env: Record<string, string>) => loadConfiguration('api', { DATA_DIR: dataDir(), ...env });

describe('configuration', () => {
  it('starts with no variables at all on the embedded default, generating secrets once into DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfiguration('api', { DATA_DIR: dir, DATABASE_URL: '', JWT_SECRET: '', ADMIN_TOKEN: '' });
    expect(first.database.embedded).toBe(true);
    expect(first.app.port).toBe(3000);
    expect(first.app.demoData).toBe(true);
    expect(first.generatedAdminToken).toBe(true);
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const second = loadConfiguration('api', { DATA_DIR: dir, DATABASE_URL: '', JWT_SECRET: '', ADMIN_TOKEN: '' });
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    expect(second.auth.adminToken).toBe(first.auth.adminToken);
    expect(second.generatedAdminToken).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DEMO_DATA', 'maybe'],
    ['SEARCH_ENGINE', 'elastic'],
    ['DATABASE_URL', 'mysql://x'],
    ['RATE_LIMIT_AUTH', '0'],
    ['MEILISEARCH_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s stops the app with a message naming it', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    expect(() => load({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it('needs JWT_SECRET when DATABASE_URL is set, and never echoes secret values', () => {
    expect(() => load({ DATABASE_URL: 'postgres://u:p@db/x', JWT_SECRET: '' })).toThrow(/JWT_SECRET: is required when DATABASE_URL is set/);
    try {
      load({ DATABASE_URL: 'postgres://u:p@db/x', JWT_SECRET: 'short-secret-value' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/JWT_SECRET/);
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });

  it('turns demo data off with DEMO_DATA=false and always when DATABASE_URL is set', () => {
    expect(load({ DEMO_DATA: 'false' }).app.demoData).toBe(false);
    expect(load({ DATABASE_URL: 'postgres://u:p@db/x', JWT_SECRET: 'x'.repeat(32) }).app.demoData).toBe(false);
  });

  it('requires MEILISEARCH_URL for the meilisearch engine and SMTP_URL for the smtp mailer', () => {
    expect(() => load({ SEARCH_ENGINE: 'meilisearch' })).toThrow(/MEILISEARCH_URL/);
    expect(() => load({ MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL/);
    expect(load({ SMTP_URL: 'smtp://mail:25' }).mail.transport).toBe('smtp');
  });

  it('declares every variable README documents', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const name of ENV_NAMES) expect(readme, name).toContain(`\`${name}\``);
  });
});

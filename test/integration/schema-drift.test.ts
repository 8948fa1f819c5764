import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSchemaChanges } from '../../src/database/schema-drift.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('leave nothing for TypeORM to change: entities and migrations have not drifted', async () => {
    const pending = await pendingSchemaChanges(t.app.get(DataSource));
    expect(pending.up).toEqual([]);
  });

  it('every migration has a down and a <unix-ms>-PascalName name', async () => {
    const migrations = t.app.get(DataSource).migrations;
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) {
      expect(migration.name).toMatch(/^[A-Z][A-Za-z0-9]*\d{13}$/);
      expect(typeof migration.down).toBe('function');
    }
  });
});

import { expect } from 'vitest';
import { SearchEngine } from '../../src/search/search-engine.js';
import { SearchSyncService } from '../../src/search/sync/search-sync.service.js';
import { makeDoctor } from '../factories/doctor.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

export const admin = { token: TEST_ADMIN_TOKEN };

/** Postgres always; a real Meilisearch too when MEILISEARCH_URL is set (see README, "Search"). */
export function enginesUnderTest(): { name: string; env: Record<string, string> }[] {
  const url = process.env.MEILISEARCH_URL;
  const meilisearch = url
    ? [{
        name: 'meilisearch',
        env: {
          SEARCH_ENGINE: 'meilisearch',
          MEILISEARCH_URL: url,
          ...(process.env.MEILISEARCH_API_KEY ? { MEILISEARCH_API_KEY: process.env.MEILISEARCH_API_KEY } : {}),
          MEILISEARCH_INDEX_PREFIX: `test_${process.pid}_${Date.now()}`,
        },
      }]
    : [];
  return [{ name: 'postgres', env: {} }, ...meilisearch];
}

/** A test app (whose sync runs only when the test drains it) with the search services at hand. */
export async function createSearchTestApp(env: Record<string, string> = {}): Promise<SearchTestApp> {
  const t = await createTestApp(env);
  return Object.assign(t, {
    sync: t.app.get(SearchSyncService),
    engine: t.app.get(SearchEngine),
    async createDoctor(overrides: Record<string, unknown> = {}): Promise<{ id: string; slug: string; version: number }> {
      const response = await t.api.post('/v1/doctors', makeDoctor(overrides), admin);
      expect(response.status, response.text).toBe(201);
      return response.body;
    },
  });
}

export type SearchTestApp = TestApp & {
  sync: SearchSyncService;
  engine: SearchEngine;
  createDoctor(overrides?: Record<string, unknown>): Promise<{ id: string; slug: string; version: number }>;
};

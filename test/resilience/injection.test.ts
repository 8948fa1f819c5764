import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount } from '../factories/account.factory.js';
import { createProfile } from '../factories/profile.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';
import { fingerprint } from './fingerprint.js';

/** SQL, Meilisearch-filter and encoding tricks; each goes into every string query parameter of every list and search. */
const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE doctors; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM accounts --",
  'city = "x" OR id EXISTS',
  'x" OR specialtyCodes IN ["207N00000X"] OR city = "',
  '\\" OR 1 = 1 \\',
  '%27%20OR%201%3D1',
  "Saint-Jérôme'); SELECT pg_sleep(5); --",
  '${7*7}{{7*7}}',
];

const LEAKS = /syntax error|QueryFailedError|pg_sleep|password_hash|relation "|column "|\bat .+\.(?:js|ts):\d+/;

describe('injection strings in every string query parameter', () => {
  let t: TestApp;
  let routes: { path: string; params: string[] }[];

  beforeAll(async () => {
    t = await createTestApp();
    await createProfile(t, { givenName: 'Ada', familyName: "O'Neil" });
    const doc = (await t.api.get('/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: { type?: string } }[] }>>;
    };
    routes = Object.entries(doc.paths)
      .filter(([path, methods]) => methods.get && !path.includes('{'))
      .map(([path, methods]) => ({
        path,
        params: (methods.get.parameters ?? []).filter((p) => p.in === 'query' && p.schema?.type === 'string' && p.name !== 'after').map((p) => p.name),
      }))
      .filter((route) => route.params.length > 0);
  });
  afterAll(async () => {
    await t.close();
  });

  it('changes nothing and leaks nothing: a normal answer or a 400', async () => {
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/v1/doctors', '/v1/search/doctors', '/v1/search/answers', '/v1/questions']));
    const moderator = await makeAccount(t, 'moderator');
    const before = await fingerprint(t);
    let requests = 0;
    for (const { path, params } of routes) {
      for (const param of params) {
        for (const injection of INJECTIONS) {
          const started = performance.now();
          const token = path.startsWith('/v1/moderation') || path.startsWith('/v1/admin') || path === '/v1/audit' ? TEST_ADMIN_TOKEN : moderator.accessToken;
          const response = await t.api.get(`${path}?${new URLSearchParams({ [param]: injection }).toString()}`, { token });
          requests += 1;
          expect([200, 400], `${path}?${param}=${injection} → ${response.status} ${response.text.slice(0, 300)}`).toContain(response.status);
          // A problem may echo the value it refused (`instance`, `detail`); beyond the echo nothing may show what a query did.
          const { instance: _echo, ...rest } = (response.body ?? {}) as Record<string, unknown>;
          expect(JSON.stringify(rest).replaceAll(JSON.stringify(injection).slice(1, -1), '<input>')).not.toMatch(LEAKS);
          expect(performance.now() - started, 'pg_sleep ran').toBeLessThan(4_000);
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    expect(await fingerprint(t)).toBe(before);
    // The name with a quote is still found: quotes are data, not syntax.
    expect((await t.api.get(`/v1/doctors?limit=100`)).body.items.some((d: { familyName: string }) => d.familyName === "O'Neil")).toBe(true);
  });
});

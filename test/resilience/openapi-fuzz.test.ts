import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount } from '../factories/account.factory.js';
import { createProfile, giveOwnership } from '../factories/profile.factory.js';
import { postReview } from '../factories/review.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';
import { fingerprint } from './fingerprint.js';
import { atScale } from './scale.js';

type Schema = {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  example?: unknown;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const REQUESTS = atScale(400, 10_000);

/** Strings that break naive code: SQL and filter injection, traversal, unicode, control characters. */
const nastyShortString = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE doctors; --',
    'city = "x" OR id EXISTS',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '\\',
    '𝔡𝔯 👩‍⚕️ Zoë Ñúñez',
    '‮evil',
    '',
    ' ',
    'null',
    'undefined',
    '-1',
    '1e309',
    'NaN',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** In bodies also huge ones (in URLs they only meet the server's 414/431 limits). */
const nastyString = fc.oneof({ weight: 5, arbitrary: nastyShortString }, { weight: 1, arbitrary: fc.string({ minLength: 5_000, maxLength: 20_000 }) });

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, -2_147_483_649, 2 ** 53, 1e308, -0, 0.5),
  nastyString,
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
);

function resolve(schema: Schema, doc: OpenApi): Schema {
  return schema.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').at(-1)!], doc) : schema;
}

/** Plausible values for a schema, so requests get past the first check often enough to reach deeper code. */
function plausible(schema: Schema, doc: OpenApi, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'email') return fc.emailAddress();
      return s.example !== undefined ? fc.oneof(fc.constant(s.example), nastyString) : nastyString;
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.ceil(s.minimum ?? -10), max: Math.floor(s.maximum ?? 1000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(plausible(s.items ?? {}, doc, depth + 1), { maxLength: 3 });
    case 'object':
      if (!s.properties) return s.example !== undefined ? fc.constantFrom(s.example, null) : wrongValue;
      if (depth > 3) return fc.constant({});
      return fc.record(
        Object.fromEntries(Object.entries(s.properties).map(([key, property]) => [key, plausible(property, doc, depth + 1)])),
        { requiredKeys: s.required ?? [] },
      );
    case undefined:
      return wrongValue;
  }
}

/** A body: plausible with some fields broken, extra or missing; any JSON; or not JSON at all. */
function body(schema: Schema | undefined, doc: OpenApi): fc.Arbitrary<{ text: string; contentType: string }> {
  const json = (value: fc.Arbitrary<unknown>) => value.map((v) => ({ text: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  const broken = schema
    ? fc
        .tuple(plausible(schema, doc), fc.dictionary(fc.string({ maxLength: 12 }), wrongValue, { maxKeys: 2 }))
        .map(([valid, overrides]) => (valid !== null && typeof valid === 'object' && !Array.isArray(valid) ? { ...valid, ...overrides } : valid))
    : fc.jsonValue();
  return fc.oneof(
    { weight: 4, arbitrary: json(schema ? plausible(schema, doc) : fc.jsonValue()) },
    { weight: 4, arbitrary: json(broken) },
    { weight: 1, arbitrary: json(fc.jsonValue()) },
    { weight: 1, arbitrary: fc.constantFrom('{"givenName": ', '{]', 'nul', '\u0000', '[[[[[[[[[[').map((text) => ({ text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(fc.string(), fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded')).map(([text, contentType]) => ({ text, contentType })) },
  );
}

describe(`${REQUESTS} requests generated from the app's own OpenAPI document`, () => {
  let t: TestApp;
  let doc: OpenApi;
  let tokens: string[];
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.api.get('/docs-json')).body;
    const [patient, doctor, moderator] = await Promise.all([makeAccount(t, 'patient'), makeAccount(t, 'doctor'), makeAccount(t, 'moderator')]);
    const profile = await createProfile(t);
    await giveOwnership(t, profile.id, doctor);
    const review = await postReview(t, profile.id, patient.accessToken);
    const question = (await t.api.post('/v1/questions', { title: 'Fuzz question?', body: 'Is this robust?' }, { token: patient.accessToken })).body;
    const answer = (await t.api.post(`/v1/questions/${question.id}/answers`, { body: 'It should be.' }, { token: doctor.accessToken })).body;
    tokens = [patient.accessToken, doctor.accessToken, moderator.accessToken, TEST_ADMIN_TOKEN, 'not-a-token'];
    ids = [profile.id, profile.slug, review.id, question.id, answer.id, patient.id];
  });
  afterAll(async () => {
    await t.close();
  });

  it('never answers 5xx, and a refused request changes nothing', async () => {
    // Signing out and deleting the account would end the sessions the other requests use; the auth tests cover them.
    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
      .filter(({ path, method }) => !(path === '/v1/auth/logout' || (path === '/v1/me' && method === 'delete')));
    expect(operations.length).toBeGreaterThan(40);
    const pathValue = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: nastyShortString });

    const request: fc.Arbitrary<FuzzRequest> = fc.constantFrom(...operations).chain(({ path, method, operation }) => {
      const parameters = operation.parameters ?? [];
      const query = parameters.filter((p) => p.in === 'query');
      const schema = operation.requestBody?.content['application/json']?.schema;
      return fc.record({
        pathValues: fc.tuple(...parameters.filter((p) => p.in === 'path').map(() => pathValue)),
        query: fc.record(
          Object.fromEntries(query.map((p) => [p.name, fc.oneof(plausible(p.schema ?? {}, doc), nastyShortString)])),
          { requiredKeys: [] },
        ),
        extraQuery: fc.option(fc.tuple(fc.string({ maxLength: 10 }), nastyShortString), { nil: undefined }),
        token: fc.option(fc.constantFrom(...tokens), { nil: undefined }),
        ifMatch: fc.option(fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"999999999999999999999"', 'garbage'), { nil: undefined }),
        body: schema || method !== 'get' ? fc.option(body(schema, doc), { nil: undefined, freq: 8 }) : fc.constant(undefined),
      }).map(({ pathValues, query: values, extraQuery, token, ifMatch, body: payload }) => {
        let index = 0;
        const concretePath = path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(pathValues[index++])));
        const search = new URLSearchParams();
        for (const [key, value] of Object.entries(values)) search.append(key, typeof value === 'string' ? value : JSON.stringify(value));
        if (extraQuery) search.append(extraQuery[0], extraQuery[1]);
        const headers: Record<string, string> = {};
        if (token) headers.authorization = `Bearer ${token}`;
        if (ifMatch) headers['if-match'] = ifMatch;
        if (payload) headers['content-type'] = payload.contentType;
        const queryString = search.toString();
        return { method: method.toUpperCase(), path: `${concretePath}${queryString ? `?${queryString}` : ''}`, headers, body: payload?.text };
      });
    });

    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, headers, body: payload }) => {
        const write = method !== 'GET';
        const before = write ? await fingerprint(t) : '';
        const response = await fetch(`${t.api.baseUrl}${path}`, { method, headers, body: method === 'GET' ? undefined : payload, redirect: 'manual' });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${method} ${path}\n${payload?.slice(0, 300)}\n→ ${text.slice(0, 500)}`).toBeLessThan(500);
        // Problem documents never leak SQL or stack traces.
        expect(text).not.toMatch(/syntax error at|QueryFailedError|\bat .+\.(?:js|ts):\d+/);
        if (write && response.status >= 400) expect(await fingerprint(t), `${method} ${path} was refused (${response.status}) but wrote`).toBe(before);
      }),
      { numRuns: REQUESTS, seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
    );
    console.info(`[resilience] fuzz: ${REQUESTS} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
  }, 600_000 * (REQUESTS / 400));
});

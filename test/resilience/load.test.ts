import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount } from '../factories/account.factory.js';
import { createProfile } from '../factories/profile.factory.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';
import { atScale, FULL_SCALE } from './scale.js';

const CONNECTIONS = atScale(10, 50);
const SECONDS = atScale(5, 60);

describe(`${CONNECTIONS} connections for ${SECONDS} s of mixed reads, searches and writes`, () => {
  let t: TestApp;
  let doctor: { id: string; slug: string };
  let patientToken: string;

  beforeAll(async () => {
    // Loopback load, not an attack: the rate limits are raised through their settings.
    t = await createTestApp({ RATE_LIMIT_WRITE: '1000000', RATE_LIMIT_AUTH: '1000000', DB_POOL_SIZE: '10' });
    doctor = await createProfile(t, { givenName: 'Load', familyName: 'Tester' });
    patientToken = (await makeAccount(t, 'patient')).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every request without an error (429s counted apart) and records p99', async () => {
    let sequence = 0;
    const result = await autocannon({
      url: t.api.baseUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        { method: 'GET', path: `/v1/doctors/${doctor.id}` },
        { method: 'GET', path: '/v1/search/doctors?q=dermatologist&city=Seattle' },
        { method: 'GET', path: `/v1/doctors/${doctor.slug}/answers` },
        {
          method: 'POST',
          path: '/v1/questions',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${patientToken}` },
          setupRequest: (request) => {
            sequence += 1;
            return { ...request, body: JSON.stringify({ title: `Load question ${sequence}?`, body: 'Asked under load.' }) };
          },
        },
        { method: 'GET', path: '/v1/search/suggest?q=derm' },
      ],
    });
    const byStatus = result.statusCodeStats as Record<string, { count: number }>;
    const counts = Object.fromEntries(Object.entries(byStatus).map(([status, { count }]) => [status, count]));
    const unexpected = Object.entries(counts).filter(([status]) => !/^2\d\d$/.test(status) && status !== '429');
    console.info(
      `[resilience] load: ${CONNECTIONS} connections × ${SECONDS} s: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, statuses ${JSON.stringify(counts)}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    expect({ errors: result.errors, timeouts: result.timeouts, unexpected }).toEqual({ errors: 0, timeouts: 0, unexpected: [] });
    expect(result.requests.total).toBeGreaterThan(FULL_SCALE ? 1000 : 50);
  }, (SECONDS + 60) * 1000);
});

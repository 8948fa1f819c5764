import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness', async () => {
    await expect(t.api.get('/health/live')).resolves.toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database.status).toBe('up');
  });

  it('answers unknown routes with a 404 problem document', async () => {
    const response = await t.api.get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'REQUEST.NOT_FOUND', instance: '/v1/nothing-here' });
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('serves the OpenAPI document', async () => {
    const response = await t.api.get('/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
  });
});

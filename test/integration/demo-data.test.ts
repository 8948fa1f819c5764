import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoDataService } from '../../src/doctors/demo/demo-data.service.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds an empty directory once, servable through the API, and purges it again', async () => {
    const demo = t.app.get(DemoDataService);
    expect(await demo.seedIfEmpty(600)).toBe(600);
    expect(await demo.seedIfEmpty(600)).toBe(0);

    const response = await t.api.get('/v1/doctors?city=Toronto&specialty=dermatology');
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    const doctor = response.body.items[0];
    expect(doctor).toMatchObject({ isDemo: true, npi: null, specialties: [expect.objectContaining({ code: '207N00000X', primary: true })] });
    expect(doctor.locations[0].coordinates.lat).toBeCloseTo(43.65, 0);
    const byslug = await t.api.get(`/v1/doctors/${doctor.slug}`);
    expect(byslug.body.id).toBe(doctor.id);
    expect(Number((await t.sql("SELECT count(*) AS n FROM search_outbox WHERE document_type = 'doctor'"))[0].n)).toBe(600);

    await expect(demo.seed(10)).rejects.toThrow(/demo:purge/);
    expect(await demo.purge()).toBe(600);
    expect(Number((await t.sql('SELECT count(*) AS n FROM doctors'))[0].n)).toBe(0);
    expect(Number((await t.sql('SELECT count(*) AS n FROM practice_locations'))[0].n)).toBe(0);
  });
});

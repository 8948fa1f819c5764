import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeWithShared } from '../utils/shared.js';
import { OPENAPI_SEGMENTS, startFakeMeilisearch, type FakeMeilisearch } from './fake-meilisearch/fake-meilisearch.js';
import { admin, createSearchTestApp, type SearchTestApp } from './search-test-kit.js';

const MASTER_KEY = 'adapter-test-key';
const DOCTORS_INDEX = 'df_doctors';

/**
 * The Meilisearch adapter and the sync worker against the strict fake: settings, task waiting, failures, retries,
 * an outage, two workers, and a reindex. Relevance is the conformance suite's job.
 */
describeWithShared('Meilisearch adapter', OPENAPI_SEGMENTS, () => {
  let fake: FakeMeilisearch;
  let t: SearchTestApp;

  const startApp = async (env: Record<string, string> = {}): Promise<void> => {
    t = await createSearchTestApp({
      SEARCH_ENGINE: 'meilisearch',
      MEILISEARCH_URL: fake.url,
      MEILISEARCH_API_KEY: MASTER_KEY,
      MEILISEARCH_INDEX_PREFIX: 'df',
      ...env,
    });
  };
  /** Lets rows waiting out a backoff run now (as if the delay had passed). */
  const skipBackoff = async (): Promise<void> => {
    await t.sql('UPDATE search_outbox SET available_at = now()');
  };
  const indexedDoctorIds = (): string[] => [...new Set(fake.documents(DOCTORS_INDEX).map((d) => d.id as string))].sort();
  const liveDoctors = async (): Promise<{ id: string; display_name: string }[]> =>
    t.sql('SELECT id, display_name FROM doctors WHERE deleted_at IS NULL ORDER BY id');

  beforeAll(async () => {
    fake = await startFakeMeilisearch({ masterKey: MASTER_KEY });
  });
  beforeEach(async () => {
    await startApp();
  });
  afterEach(async () => {
    await t.close();
    const { violations, responseViolations } = fake;
    fake.reset();
    await fake.up();
    expect({ violations, responseViolations }).toEqual({ violations: [], responseViolations: [] });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('applies the settings (awaited) before any document, and indexes one document per located practice', async () => {
    const doctor = await t.createDoctor({
      locations: [
        { city: 'New York', region: 'NY', country: 'US' },
        { city: 'Seattle', region: 'WA', country: 'US' },
        { city: 'Nowhere Known', country: 'US' },
      ],
    });
    await expect(t.sync.drain()).resolves.toEqual({ indexed: 1, removed: 0, failedBatches: 0 });

    const writes = fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes.indexOf(`PATCH /indexes/${DOCTORS_INDEX}/settings`)).toBeGreaterThan(writes.indexOf('POST /indexes'));
    expect(writes.indexOf(`POST /indexes/${DOCTORS_INDEX}/documents`)).toBeGreaterThan(writes.indexOf(`PATCH /indexes/${DOCTORS_INDEX}/settings`));
    expect(fake.settings(DOCTORS_INDEX)).toMatchObject({
      searchableAttributes: ['nameText', 'specialtyText', 'cityText', 'bioText'],
      distinctAttribute: 'id',
      sortableAttributes: expect.arrayContaining(['_geo', 'ratingScore', 'sortName']),
      filterableAttributes: expect.arrayContaining(['_geo', 'cityKeys', 'specialtyCodes', 'ratingMean']),
      synonyms: expect.objectContaining({ 'skin doctor': expect.arrayContaining(['dermatology', 'dermatologist']) }),
      pagination: { maxTotalHits: 1000 },
    });
    expect(fake.settings('df_answers')).toMatchObject({ searchableAttributes: ['titleText', 'bodyText'] });

    const documents = fake.documents(DOCTORS_INDEX);
    expect(documents.map((d) => d.key).sort()).toEqual([`${doctor.id}-0`, `${doctor.id}-1`]);
    expect(documents.map((d) => d._geo)).toEqual([
      { lat: expect.closeTo(40.71, 1), lng: expect.closeTo(-74.0, 1) },
      { lat: expect.closeTo(47.6, 1), lng: expect.closeTo(-122.33, 1) },
    ]);
    expect(documents[0]).toMatchObject({ id: doctor.id, cityNames: ['New York', 'Seattle', 'Nowhere Known'] });
  });

  it('sends every filter as escaped data, and reads hits, totals and facets', async () => {
    const doctor = await t.createDoctor({ languages: ['en'], telehealth: false });
    await t.sync.drain();
    const response = await t.api.get(
      '/v1/search/doctors?specialty=facial%20plastic%20surgeon&city=Seattle&region=WA&country=US&language=en&acceptingNewPatients=true' +
        '&telehealth=false&clinicianType=physician&lat=47.6&lng=-122.33&radiusKm=25&sort=distance&facets=specialty,city,acceptingNewPatients',
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.items.map((hit: { id: string }) => hit.id)).toEqual([doctor.id]);
    expect(response.body).toMatchObject({ estimatedTotal: 1, facets: { city: { Seattle: 1 }, acceptingNewPatients: { true: 1 } } });
    const tricky = await t.api.get(`/v1/search/doctors?city=${encodeURIComponent('Seattle" OR _geoRadius(0, 0, 1) OR city = "x')}`);
    expect(tricky.status, tricky.text).toBe(200);
    expect(tricky.body.items).toEqual([]);
  });

  it('answers an empty page before the first document, when no index exists yet', async () => {
    const response = await t.api.get('/v1/search/doctors?q=anyone&facets=city');
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ items: [], estimatedTotal: 0, facets: {} });
    const suggestions = await t.api.get('/v1/search/suggest?q=an');
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.items.every((item: { type: string }) => item.type === 'specialty')).toBe(true);
    expect(fake.indexes()).toEqual([]);
    expect(fake.requests.filter((r) => r.path === `/indexes/${DOCTORS_INDEX}/search`)).toHaveLength(3);
  });

  it('a failed task is an error: the batch stays in the outbox with the reason and is sent again later', async () => {
    await t.engine.prepare();
    const doctor = await t.createDoctor();
    fake.failNextTasks(1, { code: 'invalid_document_fields', type: 'invalid_request', message: 'refused by the test' });
    await expect(t.sync.drain()).resolves.toEqual({ indexed: 0, removed: 0, failedBatches: 1 });
    const [row] = await t.sql('SELECT attempts, last_error, available_at > now() AS waiting FROM search_outbox WHERE document_id = $1', [doctor.id]);
    expect(row).toMatchObject({ attempts: 1, waiting: true, last_error: expect.stringContaining('invalid_document_fields') });
    await expect(t.sync.drain()).resolves.toEqual({ indexed: 0, removed: 0, failedBatches: 0 });

    await skipBackoff();
    await expect(t.sync.drain()).resolves.toEqual({ indexed: 1, removed: 0, failedBatches: 0 });
    expect(indexedDoctorIds()).toEqual([doctor.id]);
    await expect(t.sql('SELECT * FROM search_outbox')).resolves.toEqual([]);
  });

  it('retries transient failures (Meilisearch internal errors) with backoff inside the batch', async () => {
    await t.engine.prepare();
    const doctor = await t.createDoctor();
    fake.failNextTasks(2);
    await expect(t.sync.drain()).resolves.toEqual({ indexed: 1, removed: 0, failedBatches: 0 });
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === `/indexes/${DOCTORS_INDEX}/documents`)).toHaveLength(3);
    expect(indexedDoctorIds()).toEqual([doctor.id]);
  });

  it('keeps every write through an outage: 1,000 writes while down, then the index equals the database', async () => {
    const before = await Promise.all(Array.from({ length: 100 }, () => t.createDoctor()));
    await t.sync.drain();
    await fake.down();

    // 1,000 writes: 400 creates, 400 updates, 200 deletions, 8 at a time.
    const created: { id: string; version: number }[] = [];
    const writes = [
      ...Array.from({ length: 400 }, () => async () => void created.push(await t.createDoctor())),
      ...before.map((doctor) => async () => {
        const response = await t.api.patch(`/v1/doctors/${doctor.id}`, { bio: 'Updated during the outage.' }, { ...admin, headers: { 'if-match': '"1"' } });
        expect(response.status, response.text).toBe(200);
      }),
    ];
    for (let i = 0; i < writes.length; i += 8) await Promise.all(writes.slice(i, i + 8).map((write) => write()));
    const updates = Array.from({ length: 300 }, (_, i) => async () => {
      const doctor = created[i];
      const response = await t.api.patch(`/v1/doctors/${doctor.id}`, { familyName: `Renamed${i}` }, { ...admin, headers: { 'if-match': '"1"' } });
      expect(response.status, response.text).toBe(200);
    });
    const deletions = created.slice(200, 400).map((doctor) => async () => expect((await t.api.delete(`/v1/doctors/${doctor.id}`, admin)).status).toBe(204));
    for (const batch of [updates, deletions]) for (let i = 0; i < batch.length; i += 8) await Promise.all(batch.slice(i, i + 8).map((write) => write()));

    await expect(t.sync.drain()).resolves.toMatchObject({ indexed: 0, failedBatches: 1 });
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.search).toMatchObject({ status: 'degraded', engine: 'meilisearch', engineAvailable: false, backlog: 500 });

    await fake.up();
    await skipBackoff();
    await expect(t.sync.drain()).resolves.toMatchObject({ indexed: 300, removed: 200, failedBatches: 0 });
    const live = await liveDoctors();
    expect(indexedDoctorIds()).toEqual(live.map((d) => d.id));
    const names = new Map(fake.documents(DOCTORS_INDEX).map((d) => [d.id, d.displayName]));
    expect(live.every((d) => names.get(d.id) === d.display_name)).toBe(true);
    expect((await t.api.get('/health/ready')).body.checks.search).toMatchObject({ status: 'up', backlog: 0 });
  }, 120_000);

  it('answers readiness quickly when Meilisearch hangs: degraded, not failed', async () => {
    fake.hangRequests(10_000);
    const started = Date.now();
    const ready = await t.api.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.search).toMatchObject({ status: 'degraded', engineAvailable: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    fake.hangRequests(0);
  });

  it('the in-process worker waits out an outage, delivers after it, and stops promptly even while failing', async () => {
    await t.close();
    await startApp({ SEARCH_SYNC_WORKER: 'true', SEARCH_SYNC_INTERVAL_MS: '20' });
    await fake.down();
    const doctor = await t.createDoctor();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await fake.up();
    await expect.poll(() => (fake.indexes().includes(DOCTORS_INDEX) ? indexedDoctorIds() : []), { timeout: 15_000, interval: 100 }).toEqual([doctor.id]);

    await fake.down();
    await t.createDoctor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopping = Date.now();
    await t.close();
    // At most the batch in flight (its retries) is waited for.
    expect(Date.now() - stopping).toBeLessThan(5_000);
    await startApp();
  }, 40_000);

  it('two workers side by side share the outbox (SKIP LOCKED): every document is sent exactly once', async () => {
    await t.close();
    await startApp({ SEARCH_SYNC_BATCH_SIZE: '10' });
    await t.engine.prepare();
    const doctors = await Promise.all(Array.from({ length: 60 }, () => t.createDoctor()));
    fake.setTaskDelay(5);
    const [first, second] = await Promise.all([t.sync.drain(), t.sync.drain()]);
    expect(first.indexed + second.indexed).toBe(60);
    expect(first.indexed).toBeGreaterThan(0);
    expect(second.indexed).toBeGreaterThan(0);
    const sent = fake.requests
      .filter((r) => r.method === 'POST' && r.path === `/indexes/${DOCTORS_INDEX}/documents`)
      .flatMap((r) => (r.body as { key: string }[]).map((d) => d.key));
    expect(sent.sort()).toEqual(doctors.map((d) => `${d.id}-0`).sort());
  });

  it('reindexes without downtime: fills a new index beside the live one, swaps it in, and keeps writes made meanwhile', async () => {
    const doctors = await Promise.all(Array.from({ length: 20 }, () => t.createDoctor()));
    await t.sync.drain();
    fake.setTaskDelay(20);
    const reindex = t.sync.reindex('doctor');
    await expect.poll(() => fake.indexes(), { interval: 5, timeout: 5_000 }).toContain(`${DOCTORS_INDEX}_reindex`);
    // The live index still answers in full while the new one fills.
    expect(indexedDoctorIds()).toHaveLength(20);
    const renamed = await t.api.patch(`/v1/doctors/${doctors[0]?.id}`, { familyName: 'Meanwhile' }, { ...admin, headers: { 'if-match': '"1"' } });
    expect(renamed.status, renamed.text).toBe(200);
    await expect(reindex).resolves.toBe(20);
    await t.sync.drain();

    expect(fake.requests.some((r) => r.path === '/swap-indexes')).toBe(true);
    expect(fake.indexes().sort()).toEqual(['df_answers', DOCTORS_INDEX]);
    const live = await liveDoctors();
    expect(indexedDoctorIds()).toEqual(live.map((d) => d.id));
    expect(fake.documents(DOCTORS_INDEX).find((d) => d.id === doctors[0]?.id)?.displayName).toMatch(/Meanwhile/);
    await expect(t.sql('SELECT * FROM search_reindexes')).resolves.toEqual([]);
  });
});

import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, type Index } from 'meilisearch';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { and, eq, geoRadius, gte, inList, lte, not, or } from '../../../src/search/engines/meilisearch/meili-filter.js';
import { describeWithShared } from '../../utils/shared.js';
import { OPENAPI_SEGMENTS, startFakeMeilisearch, type FakeMeilisearch } from './fake-meilisearch.js';

const MASTER_KEY = 'test-master-key';
const PARIS = [48.8566, 2.3522] as const;
const LYON = [45.764, 4.8357] as const;

type Doctor = {
  id: string;
  name: string;
  specialty: string;
  city: string;
  rating: number;
  languages: string[];
  accepts_new_patients: boolean;
  _geo: { lat: number; lng: number };
};

// The client's hit type does not declare the distance Meilisearch adds for geo filters and sorts.
type GeoHit = Doctor & { _geoDistance?: number };

const doctor = (id: string, name: string, specialty: string, city: string, rating: number, geo: readonly [number, number], languages = ['fr']): Doctor => ({
  id,
  name,
  specialty,
  city,
  rating,
  languages,
  accepts_new_patients: rating >= 4,
  _geo: { lat: geo[0], lng: geo[1] },
});

const DOCTORS: Doctor[] = [
  doctor('d1', 'Alice Martin', 'Cardiology', 'Paris', 4.8, [48.8606, 2.3376], ['fr', 'en']),
  doctor('d2', 'Bruno Petit', 'Dermatology', 'Paris', 3.9, [48.8449, 2.3736]),
  doctor('d3', 'Chloé Durand', 'Cardiology', 'Lyon', 4.2, [45.7578, 4.832], ['fr', 'es']),
  doctor('d4', 'David Moreau', 'Pediatrics', 'Lyon', 4.9, [45.7485, 4.8467]),
  doctor('d5', 'Emma Laurent', 'Cardiology', 'Marseille', 3.5, [43.2965, 5.3698], ['en']),
];

const ids = (hits: readonly Record<string, unknown>[]): unknown[] => hits.map((hit) => hit.id);

describeWithShared('fake Meilisearch driven by the official client', OPENAPI_SEGMENTS, () => {
  let fake: FakeMeilisearch;
  let client: Meilisearch;

  beforeAll(async () => {
    fake = await startFakeMeilisearch({ masterKey: MASTER_KEY });
    client = new Meilisearch({ host: fake.url, apiKey: MASTER_KEY, defaultWaitOptions: { interval: 5, timeout: 2_000 } });
  });

  afterEach(() => {
    const { violations, responseViolations } = fake;
    fake.reset();
    // No test leaves a request Meilisearch would refuse, and the fake's own answers match the published schemas.
    expect({ violations, responseViolations }).toEqual({ violations: [], responseViolations: [] });
  });

  afterAll(async () => {
    await fake?.close();
  });

  async function seedDoctors(): Promise<Index<Doctor>> {
    await client.createIndex('doctors', { primaryKey: 'id' }).waitTask();
    const index = client.index<Doctor>('doctors');
    const settings = await index
      .updateSettings({
        searchableAttributes: ['name', 'specialty', 'city'],
        filterableAttributes: ['specialty', 'city', 'rating', 'languages', 'accepts_new_patients', '_geo'],
        sortableAttributes: ['rating', 'name', '_geo'],
        synonyms: { cardiologist: ['cardiology'] },
        typoTolerance: { minWordSizeForTypos: { oneTypo: 4 } },
        faceting: { maxValuesPerFacet: 50, sortFacetValuesBy: { '*': 'count' } },
        pagination: { maxTotalHits: 100 },
      })
      .waitTask();
    expect(settings.status).toBe('succeeded');
    const added = await index.addDocuments(DOCTORS).waitTask();
    expect(added).toMatchObject({ status: 'succeeded', type: 'documentAdditionOrUpdate', details: { receivedDocuments: 5, indexedDocuments: 5 } });
    return index;
  }

  it('creates an index, stores settings and documents through asynchronous tasks', async () => {
    await expect(client.health()).resolves.toEqual({ status: 'available' });
    await expect(client.getVersion()).resolves.toMatchObject({ pkgVersion: '1.53.0' });

    const enqueued = await client.createIndex('doctors', { primaryKey: 'id' });
    expect(enqueued).toMatchObject({ indexUid: 'doctors', status: 'enqueued', type: 'indexCreation' });
    const created = await client.tasks.waitForTask(enqueued.taskUid);
    expect(created).toMatchObject({ uid: enqueued.taskUid, status: 'succeeded', details: { primaryKey: 'id' }, error: null });
    expect(created.duration).toMatch(/^PT\d+\.\d+S$/);
    expect(Date.parse(created.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(created.startedAt!));

    const index = await seedDoctors();
    expect(fake.settings('doctors')).toMatchObject({
      filterableAttributes: ['specialty', 'city', 'rating', 'languages', 'accepts_new_patients', '_geo'],
      sortableAttributes: ['rating', 'name', '_geo'],
      // A partial nested update keeps the other fields.
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } },
      pagination: { maxTotalHits: 100 },
    });
    await index.updateFilterableAttributes(['specialty', 'city', 'rating', 'languages', 'accepts_new_patients', '_geo']).waitTask();
    await expect(index.getFilterableAttributes()).resolves.toHaveLength(6);
    await expect(index.getSettings()).resolves.toMatchObject({ synonyms: { cardiologist: ['cardiology'] } });
    expect(fake.documents('doctors')).toEqual(DOCTORS);
    await expect(index.getStats()).resolves.toMatchObject({ numberOfDocuments: 5, isIndexing: false });
    await expect(client.getIndexes()).resolves.toMatchObject({ total: 1, results: [{ uid: 'doctors', primaryKey: 'id' }] });
    await expect(client.getStats()).resolves.toMatchObject({ indexes: { doctors: { numberOfDocuments: 5 } } });
    await expect(client.updateIndex('doctors', { primaryKey: 'name' }).waitTask()).resolves.toMatchObject({
      status: 'failed',
      error: { code: 'index_primary_key_already_exists' },
    });

    await index.resetSettings().waitTask();
    expect(fake.settings('doctors')).toMatchObject({ filterableAttributes: [], synonyms: {}, pagination: { maxTotalHits: 1000 } });
  });

  it('searches with filters, facets, sorting and both pagination modes', async () => {
    const index = await seedDoctors();

    const inParis = await index.search('', { filter: and(eq('city', 'PARIS'), gte('rating', 4)) });
    expect(ids(inParis.hits)).toEqual(['d1']);
    const notCardiology = await index.search(null, { filter: not(or(eq('specialty', 'cardiology'), lte('rating', 3.9))) });
    expect(ids(notCardiology.hits)).toEqual(['d4']);
    const speaksEnglish = await index.search('', { filter: [inList('languages', ['en', 'es']), eq('accepts_new_patients', true)] });
    expect(ids(speaksEnglish.hits)).toEqual(['d1', 'd3']);

    const faceted = await index.search('', { facets: ['specialty', 'rating'] });
    expect(faceted.facetDistribution).toEqual({
      specialty: { Cardiology: 3, Dermatology: 1, Pediatrics: 1 },
      rating: { '3.5': 1, '3.9': 1, '4.2': 1, '4.8': 1, '4.9': 1 },
    });
    expect(faceted.facetStats).toEqual({ rating: { min: 3.5, max: 4.9 } });

    const byRating = await index.search('', { sort: ['rating:desc'], limit: 2, offset: 1 });
    expect(byRating).toMatchObject({ limit: 2, offset: 1, estimatedTotalHits: 5 });
    expect(ids(byRating.hits)).toEqual(['d1', 'd3']);
    const paged = await index.search('', { sort: ['name:asc'], hitsPerPage: 2, page: 3 });
    expect(paged).toMatchObject({ hitsPerPage: 2, page: 3, totalPages: 3, totalHits: 5 });
    expect(ids(paged.hits)).toEqual(['d5']);

    const query = await index.search('cardio', { attributesToRetrieve: ['id', 'name'] });
    expect(query.hits).toEqual([
      { id: 'd1', name: 'Alice Martin' },
      { id: 'd3', name: 'Chloé Durand' },
      { id: 'd5', name: 'Emma Laurent' },
    ]);

    await index.updatePagination({ maxTotalHits: 2 }).waitTask();
    await expect(index.search('')).resolves.toMatchObject({ estimatedTotalHits: 2 });

    const viaGet = await index.searchGet('cardio', { filter: eq('city', 'lyon'), sort: ['rating:desc'], facets: ['city'] });
    expect(viaGet).toMatchObject({ hits: [{ id: 'd3' }], facetDistribution: { city: { Lyon: 1 } } });

    const multi = await client.multiSearch({ queries: [{ indexUid: 'doctors', q: 'lyon', limit: 1 }, { indexUid: 'doctors', filter: eq('city', 'Marseille') }] });
    expect(multi.results.map((result) => ids(result.hits))).toEqual([['d3'], ['d5']]);
  });

  it('filters and sorts by distance, returning _geoDistance', async () => {
    const index = await seedDoctors();

    const near = await index.search<GeoHit>('', { filter: geoRadius(PARIS[0], PARIS[1], 5_000) });
    expect(ids(near.hits)).toEqual(['d1', 'd2']);
    for (const hit of near.hits) expect(hit._geoDistance).toBeLessThan(5_000);

    const fromLyon = await index.search<GeoHit>('', { sort: [`_geoPoint(${LYON[0]}, ${LYON[1]}):asc`], filter: gte('rating', 4) });
    expect(ids(fromLyon.hits)).toEqual(['d3', 'd4', 'd1']);
    expect(fromLyon.hits.map((hit) => hit._geoDistance)).toEqual([...fromLyon.hits.map((hit) => hit._geoDistance)].sort((a, b) => a! - b!));
  });

  it('keeps user values inside their literal: the filter matches by meaning, whatever the value', async () => {
    const cities = ['a"b', 'a\\b', 'x" OR city = "Paris', '\\', 'Lyon) OR (city = Paris', 'NOT IN [', '_geoRadius(0, 0, 1)', 'Paris'];
    await client.createIndex('tricky', { primaryKey: 'id' }).waitTask();
    const index = client.index('tricky');
    await index.updateFilterableAttributes(['city']).waitTask();
    await index.addDocuments(cities.map((city, i) => ({ id: i, city }))).waitTask();

    for (const [i, city] of cities.entries()) {
      const result = await index.search('', { filter: eq('city', city) });
      expect(ids(result.hits), city).toEqual([i]);
      expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/indexes/tricky/search', body: { filter: eq('city', city) } });
    }
  });

  it('browses, fetches, updates and deletes documents', async () => {
    const index = await seedDoctors();

    await expect(index.getDocument('d3', { fields: ['name'] })).resolves.toEqual({ name: 'Chloé Durand' });
    const fetched = await index.getDocuments({ filter: eq('specialty', 'Cardiology'), fields: ['id'], limit: 2 });
    expect(fetched).toMatchObject({ results: [{ id: 'd1' }, { id: 'd3' }], total: 3, limit: 2, offset: 0 });
    await expect(index.getDocuments({ limit: 1, offset: 4 })).resolves.toMatchObject({ results: [{ id: 'd5' }], total: 5 });

    await index.updateDocuments([{ id: 'd2', rating: 4.5 }]).waitTask();
    expect(fake.documents('doctors').find((d) => d.id === 'd2')).toMatchObject({ name: 'Bruno Petit', rating: 4.5 });

    const byFilter = await index.deleteDocuments({ filter: and(eq('city', 'Lyon'), gte('rating', 4.5)) }).waitTask();
    expect(byFilter).toMatchObject({ status: 'succeeded', type: 'documentDeletion', details: { deletedDocuments: 1 } });
    await index.deleteDocuments(['d1', 'unknown']).waitTask();
    await index.deleteDocument('d5').waitTask();
    expect(ids(fake.documents('doctors'))).toEqual(['d2', 'd3']);
    await index.deleteAllDocuments().waitTask();
    expect(fake.documents('doctors')).toEqual([]);

    await client.deleteIndex('doctors').waitTask();
    expect(fake.indexes()).toEqual([]);
    await expect(client.deleteIndexIfExists('doctors')).resolves.toBe(true);
    const task = (await client.tasks.getTasks({ limit: 1 })).results[0];
    expect(task).toMatchObject({ type: 'indexDeletion', indexUid: 'doctors' });
    await expect(client.tasks.waitForTask(task.uid)).resolves.toMatchObject({ status: 'failed', error: { code: 'index_not_found' } });
  });

  it('swaps indexes atomically', async () => {
    await seedDoctors();
    await client.createIndex('doctors_next', { primaryKey: 'id' }).waitTask();
    await client.index('doctors_next').addDocumentsFromString('{"id": "n1", "name": "New"}\n', 'application/x-ndjson').waitTask();

    const swapped = await client.swapIndexes([{ indexes: ['doctors', 'doctors_next'], rename: false }]).waitTask();
    expect(swapped).toMatchObject({ status: 'succeeded', type: 'indexSwap', indexUid: null });
    expect(ids(fake.documents('doctors'))).toEqual(['n1']);
    expect(fake.documents('doctors_next')).toHaveLength(5);
    expect(fake.settings('doctors_next').filterableAttributes).toContain('_geo');
  });

  it('lists tasks with the filters the client uses to wait', async () => {
    await client.createIndex('a').waitTask();
    const pending = await Promise.all([client.index('a').addDocuments([{ id: 1 }]), client.index('b').addDocuments([{ id: 2 }])]);
    const done = await client.tasks.waitForTasks(pending);
    expect(done.map((task) => task.status)).toEqual(['succeeded', 'succeeded']);

    const forA = await client.tasks.getTasks({ indexUids: ['a'], statuses: ['succeeded'], types: ['documentAdditionOrUpdate'] });
    expect(forA.results.map((task) => task.uid)).toEqual([pending[0].taskUid]);
    const byUid = await client.tasks.getTasks({ uids: done.map((task) => task.uid), reverse: true });
    expect(byUid.results.map((task) => task.indexUid)).toEqual(['a', 'b']);
    const page = await client.tasks.getTasks({ limit: 1 });
    expect(page).toMatchObject({ total: 3, limit: 1, from: pending[1].taskUid, next: pending[0].taskUid });
  });

  it('rejects requests the API does not allow, like Meilisearch, and records them', async () => {
    await seedDoctors();

    const unknownField = client.httpRequest.post({ path: 'indexes/doctors/search', body: { q: 'x', limitt: 3 } });
    await expect(unknownField).rejects.toMatchObject({ name: 'MeilisearchApiError', cause: { code: 'bad_request', type: 'invalid_request' } });
    const wrongType = client.httpRequest.post({ path: 'indexes/doctors/search', body: { limit: 'ten' } });
    await expect(wrongType).rejects.toMatchObject({ response: { status: 400 }, cause: { code: 'invalid_search_limit' } });
    const unknownRoute = client.httpRequest.get({ path: 'indexes/doctors/nothing-here' });
    await expect(unknownRoute).rejects.toBeInstanceOf(MeilisearchApiError);
    await expect(client.createIndex('doctors 2')).rejects.toMatchObject({ cause: { code: 'invalid_index_uid' } });

    const violations = fake.takeViolations();
    expect(violations.map((v) => [v.kind, v.code])).toEqual([
      ['payload', 'bad_request'],
      ['payload', 'invalid_search_limit'],
      ['route', '404'],
      ['payload', 'invalid_index_uid'],
    ]);
    expect(violations[0].message).toContain('limitt');
  });

  it('rejects filters that do not parse or use attributes that are not filterable', async () => {
    const index = await seedDoctors();

    await expect(index.search('', { filter: 'city = Paris and rating > 4' })).rejects.toMatchObject({
      cause: { code: 'invalid_search_filter', message: expect.stringContaining('Found unexpected characters') },
    });
    await expect(index.search('', { filter: 'name = "Alice Martin"' })).rejects.toMatchObject({
      cause: { code: 'invalid_search_filter', message: expect.stringContaining('Attribute `name` is not filterable') },
    });
    await expect(index.search('', { sort: ['city:asc'] })).rejects.toMatchObject({ cause: { code: 'invalid_search_sort' } });
    const deletion = await index.deleteDocuments({ filter: 'name = x' }).waitTask();
    expect(deletion).toMatchObject({ status: 'failed', error: { code: 'invalid_document_filter' } });

    expect(fake.takeViolations().map((v) => [v.kind, v.code])).toEqual([
      ['filter', 'invalid_search_filter'],
      ['filter', 'invalid_search_filter'],
      ['semantic', 'invalid_search_sort'],
      ['filter', 'invalid_document_filter'],
    ]);
  });

  it('reports failed tasks as failed: the client resolves, it does not throw', async () => {
    await client.createIndex('doctors', { primaryKey: 'id' }).waitTask();
    fake.failNextTasks(1, { code: 'internal', message: 'disk on fire' });

    const failed = await client.index('doctors').addDocuments(DOCTORS).waitTask();
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'internal', message: 'disk on fire', type: 'internal' } });
    expect(fake.documents('doctors')).toEqual([]);

    const duplicate = await client.createIndex('doctors').waitTask();
    expect(duplicate).toMatchObject({ status: 'failed', error: { code: 'index_already_exists' } });
    const noPrimaryKey = await client.index('doctors').addDocuments([{ name: 'nobody' }]).waitTask();
    expect(noPrimaryKey).toMatchObject({ status: 'failed', error: { code: 'missing_document_id' } });
    expect(fake.takeViolations().map((v) => v.code)).toEqual(['missing_document_id']);
  });

  it('shows tasks enqueued, then processing, then done when tasks take time', async () => {
    fake.setTaskDelay(100);
    const enqueued = await client.createIndex('slow');
    expect(enqueued.status).toBe('enqueued');
    await expect.poll(async () => (await client.tasks.getTask(enqueued.taskUid)).status, { interval: 5 }).toBe('processing');
    await expect(client.getIndex('slow')).rejects.toMatchObject({ cause: { code: 'index_not_found' } });
    await expect(client.tasks.waitForTask(enqueued.taskUid)).resolves.toMatchObject({ status: 'succeeded' });
    await expect(client.getIndex('slow')).resolves.toMatchObject({ uid: 'slow' });
  });

  it('requires the master key', async () => {
    const anonymous = new Meilisearch({ host: fake.url });
    await expect(anonymous.health()).resolves.toEqual({ status: 'available' });
    await expect(anonymous.getIndexes()).rejects.toMatchObject({ response: { status: 401 }, cause: { code: 'missing_authorization_header' } });
    const wrongKey = new Meilisearch({ host: fake.url, apiKey: 'nope' });
    await expect(wrongKey.getIndexes()).rejects.toMatchObject({ response: { status: 403 }, cause: { code: 'invalid_api_key' } });
    expect(fake.takeViolations().map((v) => v.kind)).toEqual(['auth', 'auth']);
  });

  it('goes down and comes back on the same port', async () => {
    const url = fake.url;
    await fake.down();
    await expect(client.health()).rejects.toBeInstanceOf(MeilisearchRequestError);
    await fake.up();
    expect(fake.url).toBe(url);
    await expect(client.health()).resolves.toEqual({ status: 'available' });

    await fake.down('unavailable');
    // A proxy's 503 page is not JSON: the client fails while parsing it.
    await expect(client.health()).rejects.toThrow();
    await fake.up();
    await expect(client.isHealthy()).resolves.toBe(true);
  });

  it('hangs requests so that client timeouts fire', async () => {
    const impatient = new Meilisearch({ host: fake.url, apiKey: MASTER_KEY, timeout: 50 });
    fake.hangRequests(1_000);
    await expect(impatient.health()).rejects.toMatchObject({ name: 'MeilisearchRequestError', cause: { name: 'MeilisearchRequestTimeOutError' } });
    fake.hangRequests(0);
    await expect(impatient.health()).resolves.toEqual({ status: 'available' });
  });
});

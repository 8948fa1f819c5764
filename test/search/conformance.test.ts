import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnswerSearchDocument } from '../../src/search/search-documents.js';
import { admin, createSearchTestApp, enginesUnderTest, type SearchTestApp } from './search-test-kit.js';

const MANHATTAN = { lat: 40.7831, lng: -73.9712 };
const SEATTLE = { lat: 47.6062, lng: -122.3321 };

/**
 * The behaviour patients rely on, identical on every engine: the same documents (written through the outbox and the
 * sync worker) and the same requests must give the same answers.
 */
describe.each(enginesUnderTest())('search conformance: $name', ({ env }) => {
  let t: SearchTestApp;
  const ids: Record<string, string> = {};
  const search = async (query: string) => {
    const response = await t.api.get(`/v1/search/doctors?${query}`);
    expect(response.status, response.text).toBe(200);
    return response.body as { items: { id: string; [key: string]: any }[]; facets: Record<string, Record<string, number>>; estimatedTotal: number; page: number; pageSize: number; processingTimeMs: number };
  };
  const found = async (query: string): Promise<string[]> => (await search(query)).items.map((hit) => hit.id);
  const idsOf = (...names: string[]): string[] => names.map((name) => ids[name]);

  beforeAll(async () => {
    t = await createSearchTestApp(env);
    const doctors: Record<string, Record<string, unknown>> = {
      naficy: { givenName: 'Sam', familyName: 'Naficy', specialties: [{ code: '207YS0123X' }], languages: ['en', 'fa'] },
      dermSeattle: {
        givenName: 'Alice',
        familyName: 'Okafor',
        specialties: [{ name: 'Dermatology' }],
        bio: 'I treat acne, eczema and psoriasis in adults and teenagers.',
        acceptingNewPatients: false,
      },
      dermMontreal: {
        givenName: 'Élodie',
        familyName: 'Tremblay',
        specialties: [{ name: 'Dermatology' }],
        locations: [{ city: 'Montréal', region: 'QC', country: 'CA' }],
        languages: ['fr', 'en'],
      },
      dermStLouis: {
        givenName: 'Marcus',
        familyName: 'Bell',
        specialties: [{ name: 'Dermatology' }],
        locations: [{ city: 'St. Louis', region: 'MO', country: 'US' }],
      },
      familyManhattan: {
        givenName: 'Rosa',
        familyName: 'Alvarez',
        specialties: [{ name: 'Family Medicine' }],
        locations: [{ city: 'Manhattan', region: 'NY', country: 'US' }],
        languages: ['es', 'en'],
        telehealth: true,
      },
      cardioTwoCities: {
        givenName: 'Henry',
        familyName: 'Zhang',
        specialties: [{ name: 'Cardiology' }],
        locations: [
          { city: 'New York', region: 'NY', country: 'US' },
          { city: 'Seattle', region: 'WA', country: 'US' },
        ],
      },
      pediatricsSeattle: { givenName: 'Nora', familyName: 'Lindqvist', specialties: [{ name: 'Pediatrics' }], telehealth: true },
    };
    for (const [name, overrides] of Object.entries(doctors)) ids[name] = (await t.createDoctor(overrides)).id;
    await expect(t.sync.drain()).resolves.toMatchObject({ indexed: Object.keys(doctors).length, failedBatches: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers in the documented envelope', async () => {
    const body = await search('pageSize=2&facets=specialty');
    expect(body).toMatchObject({ estimatedTotal: 7, page: 1, pageSize: 2, facets: { specialty: expect.any(Object) } });
    expect(body.items).toHaveLength(2);
    expect(body.processingTimeMs).toBeGreaterThanOrEqual(0);
    expect(body.items[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), slug: expect.any(String), displayName: expect.any(String), rating: null, highlights: [] }),
    );
  });

  it('"Naficey" finds Naficy (a typo in a name), and highlights the name', async () => {
    const body = await search('q=Naficey');
    expect(body.items.map((hit) => hit.id)).toEqual(idsOf('naficy'));
    await expect(found('q=naf')).resolves.toEqual(idsOf('naficy'));
    expect((await search('q=naficy')).items[0]?.highlights).toEqual([{ field: 'displayName', text: 'Sam Naficy, MD, FACS', ranges: [[4, 10]] }]);
  });

  it('takes the last word typed as a prefix, and allows a typo in a city', async () => {
    await expect(found('q=sam%20naf')).resolves.toEqual(idsOf('naficy'));
    await expect(found('q=sa%20naficy')).resolves.toEqual([]);
    await expect(found('q=seatle&sort=name').then((r) => r.sort())).resolves.toEqual(idsOf('naficy', 'dermSeattle', 'cardioTwoCities', 'pediatricsSeattle').sort());
  });

  it('"dermatolgist" and "skin doctor" find the dermatologists, and only them', async () => {
    const dermatologists = idsOf('dermSeattle', 'dermMontreal', 'dermStLouis').sort();
    await expect(found('q=dermatolgist').then((r) => r.sort())).resolves.toEqual(dermatologists);
    await expect(found('q=skin%20doctor').then((r) => r.sort())).resolves.toEqual(dermatologists);
    await expect(found('specialty=dermatology').then((r) => r.sort())).resolves.toEqual(dermatologists);
  });

  it('combines a specialty and a city in one query', async () => {
    await expect(found('q=dermatologist%20seattle')).resolves.toEqual(idsOf('dermSeattle'));
    await expect(found('q=cardiologist&city=Seattle')).resolves.toEqual(idsOf('cardioTwoCities'));
    await expect(found('q=cardiologist%20new%20york')).resolves.toEqual(idsOf('cardioTwoCities'));
    await expect(found('q=skin%20doctor%20montr%C3%A9al')).resolves.toEqual(idsOf('dermMontreal'));
    await expect(found('q=dermatologist%20seatle')).resolves.toEqual(idsOf('dermSeattle'));
    await expect(found('q=dermatologist%20seattle%20teenagers')).resolves.toEqual(idsOf('dermSeattle'));
  });

  it('finds conditions a doctor names in the bio, with a snippet', async () => {
    const body = await search('q=teenagers');
    expect(body.items.map((hit) => hit.id)).toEqual(idsOf('dermSeattle'));
    const bio = 'I treat acne, eczema and psoriasis in adults and teenagers.';
    expect(body.items[0]?.highlights).toEqual([{ field: 'bio', text: bio, ranges: [[bio.indexOf('teenagers'), bio.length - 1]] }]);
  });

  it('"St. Louis" = "Saint Louis" and "Montreal" = "Montréal", as a filter and in the query', async () => {
    for (const city of ['St.%20Louis', 'Saint%20Louis', 'st%20louis']) await expect(found(`city=${city}`)).resolves.toEqual(idsOf('dermStLouis'));
    await expect(found('q=dermatologist%20saint%20louis')).resolves.toEqual(idsOf('dermStLouis'));
    for (const city of ['Montreal', 'Montr%C3%A9al']) await expect(found(`city=${city}`)).resolves.toEqual(idsOf('dermMontreal'));
    await expect(found('q=montreal')).resolves.toEqual(idsOf('dermMontreal'));
  });

  it('a city filter matches any location, and a borough matches its city', async () => {
    const newYork = idsOf('familyManhattan', 'cardioTwoCities').sort();
    await expect(found('city=New%20York').then((r) => r.sort())).resolves.toEqual(newYork);
    await expect(found('city=Manhattan').then((r) => r.sort())).resolves.toEqual(newYork);
  });

  it('radius 25 km around Manhattan includes Manhattan and excludes Seattle, with distances', async () => {
    const body = await search(`lat=${MANHATTAN.lat}&lng=${MANHATTAN.lng}&radiusKm=25&sort=distance`);
    expect(body.items.map((hit) => hit.id).sort()).toEqual(idsOf('familyManhattan', 'cardioTwoCities').sort());
    for (const hit of body.items) expect(hit.distanceKm).toBeLessThan(25);
    await expect(found(`lat=${MANHATTAN.lat}&lng=${MANHATTAN.lng}&radiusKm=25&city=Seattle`)).resolves.toEqual(idsOf('cardioTwoCities'));
    await expect(found(`lat=${MANHATTAN.lat}&lng=${MANHATTAN.lng}&radiusKm=25&q=zhang`)).resolves.toEqual(idsOf('cardioTwoCities'));
    await expect(found(`lat=${SEATTLE.lat}&lng=${SEATTLE.lng}&radiusKm=25&q=zhang`)).resolves.toEqual(idsOf('cardioTwoCities'));
    const withFacets = await search(`lat=${MANHATTAN.lat}&lng=${MANHATTAN.lng}&radiusKm=25&sort=name&facets=specialty,city`);
    expect(withFacets.items.map((hit) => hit.id)).toEqual(idsOf('familyManhattan', 'cardioTwoCities'));
    expect(withFacets.estimatedTotal).toBe(2);
    await expect(search(`lat=${SEATTLE.lat}&lng=${SEATTLE.lng}&radiusKm=25&telehealth=true`)).resolves.toMatchObject({ estimatedTotal: 1 });
    expect(withFacets.facets).toEqual({ specialty: { 'Family Medicine': 1, Cardiology: 1 }, city: { 'New York': 2, Seattle: 1 } });
  });

  it('sort=distance orders doctors by their nearest location', async () => {
    const body = await search(`lat=${SEATTLE.lat}&lng=${SEATTLE.lng}&sort=distance&pageSize=100`);
    const order = body.items.map((hit) => hit.id);
    expect(order.slice(0, 4).sort()).toEqual(idsOf('naficy', 'dermSeattle', 'pediatricsSeattle', 'cardioTwoCities').sort());
    expect(body.items[3]?.distanceKm).toBeLessThan(1);
    expect(order.slice(4)).toEqual(idsOf('dermStLouis', 'dermMontreal', 'familyManhattan'));
    const distances = body.items.map((hit) => hit.distanceKm as number);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('filters by language, telehealth, accepting new patients, clinician type, region and country', async () => {
    await expect(found('language=es')).resolves.toEqual(idsOf('familyManhattan'));
    await expect(found('telehealth=true').then((r) => r.sort())).resolves.toEqual(idsOf('familyManhattan', 'pediatricsSeattle').sort());
    await expect(found('acceptingNewPatients=false')).resolves.toEqual(idsOf('dermSeattle'));
    await expect(found('country=CA')).resolves.toEqual(idsOf('dermMontreal'));
    await expect(found('region=mo')).resolves.toEqual(idsOf('dermStLouis'));
    await expect(found('clinicianType=physician').then((r) => r.length)).resolves.toBe(7);
    await expect(found('clinicianType=nurse_practitioner')).resolves.toEqual([]);
  });

  it('counts facets over every match', async () => {
    const body = await search('facets=specialty,city,language,acceptingNewPatients,clinicianType');
    expect(body.facets).toEqual({
      specialty: { Dermatology: 3, 'Facial Plastic Surgery': 1, 'Family Medicine': 1, Cardiology: 1, Pediatrics: 1 },
      city: { Seattle: 4, 'New York': 2, Montréal: 1, 'St. Louis': 1 },
      language: { en: 7, fa: 1, fr: 1, es: 1 },
      acceptingNewPatients: { true: 6, false: 1 },
      clinicianType: { physician: 7 },
    });
    const dermatology = await search('specialty=dermatology&facets=city');
    expect(dermatology.facets).toEqual({ city: { Seattle: 1, Montréal: 1, 'St. Louis': 1 } });
  });

  it('sorts by name and pages through the results', async () => {
    const all = await found('sort=name&pageSize=100');
    expect(all).toEqual(idsOf('familyManhattan', 'dermStLouis', 'pediatricsSeattle', 'naficy', 'dermSeattle', 'dermMontreal', 'cardioTwoCities'));
    const second = await search('sort=name&page=2&pageSize=3');
    expect(second).toMatchObject({ page: 2, pageSize: 3, estimatedTotal: 7 });
    expect(second.items.map((hit) => hit.id)).toEqual(all.slice(3, 6));
    await expect(found('sort=name&page=4&pageSize=3')).resolves.toEqual([]);
  });

  it('sort=score puts 200 reviews at 4.8 above 1 review at 5.0; minRating filters on the average', async () => {
    const observe = async (name: string, value: number, reviewCount: number) => {
      const response = await t.api.post(
        `/v1/doctors/${ids[name]}/external-ratings`,
        { source: 'healthgrades', sourceUrl: `https://ratings.example/${name}`, value, scale: 5, reviewCount, observedAt: '2026-11-01T00:00:00Z' },
        admin,
      );
      expect(response.status, response.text).toBe(201);
    };
    await observe('dermSeattle', 4.8, 200);
    await observe('dermStLouis', 5, 1);
    await expect(t.sync.drain()).resolves.toMatchObject({ indexed: 2, failedBatches: 0 });

    const body = await search('specialty=dermatology&sort=score');
    expect(body.items.map((hit) => hit.id).slice(0, 2)).toEqual(idsOf('dermSeattle', 'dermStLouis'));
    expect(body.items[0]?.rating).toEqual({ score: expect.any(Number), mean: 4.8, count: 200 });
    expect(body.items[0]?.rating.score).toBeGreaterThan(body.items[1]?.rating.score);
    await expect(found('minRating=4.9')).resolves.toEqual(idsOf('dermStLouis'));
    await expect(found('minRating=4.5&sort=score')).resolves.toEqual(idsOf('dermSeattle', 'dermStLouis'));
  });

  it('suggests specialties, cities and doctors', async () => {
    const suggest = async (q: string) => (await t.api.get(`/v1/search/suggest?q=${encodeURIComponent(q)}`)).body.items;
    await expect(suggest('derma')).resolves.toContainEqual({ type: 'specialty', label: 'Dermatology', id: '207N00000X' });
    await expect(suggest('seat')).resolves.toContainEqual({ type: 'city', label: 'Seattle' });
    await expect(suggest('st lou')).resolves.toContainEqual({ type: 'city', label: 'St. Louis' });
    await expect(suggest('nafi')).resolves.toEqual([{ type: 'doctor', label: 'Sam Naficy, MD, FACS', id: ids.naficy, slug: expect.any(String) }]);
    const tooShort = await t.api.get('/v1/search/suggest?q=e');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors).toEqual({ q: [expect.stringContaining('2')] });
  });

  it('reflects updates and deletions once synced', async () => {
    const doctor = await t.createDoctor({ givenName: 'Quentin', familyName: 'Vasquez', specialties: [{ name: 'Neurology' }] });
    await t.sync.drain();
    await expect(found('q=vasquez')).resolves.toEqual([doctor.id]);
    const renamed = await t.api.patch(`/v1/doctors/${doctor.id}`, { familyName: 'Vasconcelos' }, { ...admin, headers: { 'if-match': `"${doctor.version}"` } });
    expect(renamed.status, renamed.text).toBe(200);
    await t.sync.drain();
    await expect(found('q=vasquez')).resolves.toEqual([]);
    await expect(found('q=vasconcelos')).resolves.toEqual([doctor.id]);
    expect((await t.api.delete(`/v1/doctors/${doctor.id}`, admin)).status).toBe(204);
    await expect(t.sync.drain()).resolves.toMatchObject({ removed: 1 });
    await expect(found('q=vasconcelos')).resolves.toEqual([]);
  });

  it('searches answers by topic, specialty and doctor', async () => {
    const answer = (id: string, title: string, body: string, author: string | null, specialty: string): AnswerSearchDocument => ({
      id,
      questionId: id.replace(/^a/, 'b'),
      questionTitle: title,
      questionSlug: title.toLowerCase().replace(/\W+/g, '-'),
      body,
      author: author ? { doctorId: ids[author], slug: author, displayName: author, profileUrl: `/v1/doctors/${author}` } : null,
      specialtyCodes: [specialty],
      titleText: title.toLowerCase(),
      bodyText: body.toLowerCase(),
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    // The Q&A tables belong to another feature: answers are written through the engine's document API.
    await t.engine.applyAnswers({
      upserts: [
        answer('a0000000-0000-4000-8000-000000000001', 'Is my rash eczema', 'Eczema often flares in winter; moisturise twice a day.', 'dermSeattle', '207N00000X'),
        answer('a0000000-0000-4000-8000-000000000002', 'Chest pain after running', 'See a cardiologist before you run again.', 'cardioTwoCities', '207RC0000X'),
        answer('a0000000-0000-4000-8000-000000000003', 'Eczema in babies', 'Unscented creams help with eczema in infants.', null, '208000000X'),
      ],
      deletedIds: [],
    });
    const answers = async (query: string) => {
      const response = await t.api.get(`/v1/search/answers?${query}`);
      expect(response.status, response.text).toBe(200);
      return response.body;
    };
    const body = await answers('q=eczema');
    expect(body.items.map((hit: { id: string }) => hit.id).sort()).toEqual(['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000003']);
    expect(body).toMatchObject({ estimatedTotal: 2, page: 1, pageSize: 20, facets: {} });
    const [first] = (await answers(`q=eczema&doctor=${ids.dermSeattle}`)).items;
    expect(first).toEqual({
      id: 'a0000000-0000-4000-8000-000000000001',
      questionId: 'b0000000-0000-4000-8000-000000000001',
      questionTitle: 'Is my rash eczema',
      questionSlug: 'is-my-rash-eczema',
      snippet: { field: 'body', text: 'Eczema often flares in winter; moisturise twice a day.', ranges: [[0, 6]] },
      author: { doctorId: ids.dermSeattle, slug: 'dermSeattle', displayName: 'dermSeattle', profileUrl: '/v1/doctors/dermSeattle' },
    });
    expect((await answers('specialty=cardiology')).items.map((hit: { id: string }) => hit.id)).toEqual(['a0000000-0000-4000-8000-000000000002']);
    expect((await answers('q=eczema&specialty=pediatrics')).items.map((hit: { author: unknown }) => hit.author)).toEqual([null]);
  });
});

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOMINANT_POPULATION_RATIO, Gazetteer } from './gazetteer.js';

let gazetteer: Gazetteer;

/** A full collection, so that the heap delta counts what the gazetteer keeps rather than what it dropped. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

beforeAll(() => {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  gazetteer = Gazetteer.shared();
  const citiesMs = performance.now() - started;
  gazetteer.geocode({ postalCode: '10001' });
  const totalMs = performance.now() - started;
  collectGarbage();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `Gazetteer: cities in ${citiesMs.toFixed(0)} ms, with postal codes ${totalMs.toFixed(0)} ms, keeping ${heapMb.toFixed(1)} MB of heap`,
  );
  // Loose bounds: the targets are ~1.5 s and ~80 MB; these only catch a change of magnitude.
  expect(totalMs).toBeLessThan(10_000);
  expect(heapMb).toBeLessThan(160);
});

const namesOf = (matches: readonly { name: string; region: string | null; country: string }[]): string[] =>
  matches.map((match) => `${match.name}, ${match.region}, ${match.country}`);

describe('Gazetteer.shared', () => {
  it('is built once', () => {
    expect(Gazetteer.shared()).toBe(gazetteer);
  });
});

describe('lookupCity', () => {
  it('ignores case, accents, punctuation and St./Saint', () => {
    for (const name of ['Saint Louis', 'St. Louis', 'st louis', 'ST LOUIS']) {
      expect(namesOf(gazetteer.lookupCity(name, { region: 'MO' })), name).toEqual(['St. Louis, MO, US']);
    }
    expect(namesOf(gazetteer.lookupCity('Montreal', { country: 'CA' }))).toEqual(['Montréal, QC, CA']);
    expect(namesOf(gazetteer.lookupCity('Ft. Lauderdale'))).toEqual(['Fort Lauderdale, FL, US']);
  });

  it('sorts by population, largest first, with coordinates and population', () => {
    const matches = gazetteer.lookupCity('Springfield');
    expect(matches.length).toBeGreaterThan(3);
    expect(matches.map((match) => match.population)).toEqual([...matches.map((match) => match.population)].sort((a, b) => b - a));
    const [toronto] = gazetteer.lookupCity('Toronto');
    expect(toronto).toMatchObject({ name: 'Toronto', country: 'CA', region: 'ON' });
    expect(toronto?.latitude).toBeCloseTo(43.7, 1);
    expect(toronto?.longitude).toBeCloseTo(-79.42, 1);
    expect(toronto?.population).toBeGreaterThan(2_000_000);
  });

  it.each([
    ['Seattle', { region: 'WA' }],
    ['Seattle', { region: 'Washington' }],
    ['Seattle', { region: 'wa', country: 'US' }],
    ['Seattle', { country: 'USA' }],
    ['Seattle', { country: 'United States' }],
    ['Toronto', { region: 'ON' }],
    ['Toronto', { region: 'Ontario', country: 'Canada' }],
    ['Sydney', { region: 'NSW' }],
    ['Sydney', { country: 'Australia' }],
    ['London', { region: 'England' }],
    ['London', { country: 'UK' }],
    ['Dublin', { country: 'Ireland' }],
  ])('narrows %s by %j', (name, options) => {
    const [first] = gazetteer.lookupCity(name, options);
    expect(first?.name).toBe(name);
    const [other] = gazetteer.lookupCity(name, { country: first?.country === 'US' ? 'CA' : 'US' });
    expect(other?.country).not.toBe(first?.country);
  });

  it('narrows by a raw GeoNames admin-1 code given with its country', () => {
    expect(namesOf(gazetteer.lookupCity('Paris', { region: '11', country: 'France' }))).toEqual(['Paris, 11, FR']);
  });

  it('finds nothing in an unknown region or country', () => {
    expect(gazetteer.lookupCity('Toronto', { region: 'Narnia' })).toEqual([]);
    expect(gazetteer.lookupCity('Toronto', { country: 'Narnia' })).toEqual([]);
    expect(gazetteer.lookupCity('Toronto', { region: 'BC' })).toEqual([]);
    expect(gazetteer.lookupCity('Nowhereville')).toEqual([]);
    expect(gazetteer.lookupCity('')).toEqual([]);
  });

  it('maps New York City boroughs to New York unless the region says otherwise', () => {
    for (const borough of ['Manhattan', 'Brooklyn', 'Queens', 'The Bronx', 'Bronx', 'Staten Island', 'NYC', 'New York City']) {
      expect(namesOf(gazetteer.lookupCity(borough)).at(0), borough).toBe('New York, NY, US');
    }
    expect(namesOf(gazetteer.lookupCity('Manhattan', { country: 'US' })).slice(0, 2)).toEqual(['New York, NY, US', 'Manhattan, KS, US']);
    expect(namesOf(gazetteer.lookupCity('Manhattan', { region: 'KS' }))).toEqual(['Manhattan, KS, US']);
    expect(namesOf(gazetteer.lookupCity('Brooklyn', { region: 'OH' }))).toEqual(['Brooklyn, OH, US']);
    expect(namesOf(gazetteer.lookupCity('Manhattan', { region: 'NY' }))).toEqual(['New York, NY, US']);
  });

  it('knows Washington DC and Irish cities GeoNames names in Irish', () => {
    expect(namesOf(gazetteer.lookupCity('Washington DC'))).toEqual(['Washington, DC, US']);
    expect(namesOf(gazetteer.lookupCity('Galway'))).toEqual(['Galway, C, IE']);
    expect(namesOf(gazetteer.lookupCity('Limerick', { country: 'IE' }))).toEqual(['Limerick, M, IE']);
  });

  it('counts Puerto Rico as part of the US', () => {
    expect(namesOf(gazetteer.lookupCity('San Juan', { region: 'PR', country: 'US' }))).toEqual(['San Juan, PR, PR']);
  });
});

describe('geocode', () => {
  it('prefers a ZIP code that agrees with the given state', () => {
    const result = gazetteer.geocode({ city: 'Naples', region: 'FL', country: 'US', postalCode: '34108-1869' });
    expect(result).toMatchObject({ status: 'matched', source: 'postal_code', city: 'Naples', region: 'FL', country: 'US', warning: null });
    expect(result.latitude).toBeCloseTo(26.24, 1);
    expect(result.longitude).toBeCloseTo(-81.81, 1);
  });

  it('names the city of a ZIP code given alone, canonically', () => {
    expect(gazetteer.geocode({ postalCode: '11201' })).toMatchObject({ status: 'matched', city: 'New York', region: 'NY', country: 'US' });
    expect(gazetteer.geocode({ postalCode: '63101' })).toMatchObject({ city: 'St. Louis', region: 'MO' });
  });

  it('uses Canadian postal codes, with the province from the code', () => {
    const result = gazetteer.geocode({ city: 'Toronto', postalCode: 'M5V 3L9' });
    expect(result).toMatchObject({ status: 'matched', source: 'postal_code', city: 'Toronto', region: 'ON', country: 'CA' });
    expect(result.latitude).toBeCloseTo(43.65, 1);
    expect(gazetteer.geocode({ postalCode: 'h2x1y4' })).toMatchObject({ source: 'postal_code', city: null, region: 'QC', country: 'CA' });
  });

  it('falls back to the city, with a warning, when the postal code disagrees or is unknown', () => {
    const disagreeing = gazetteer.geocode({ city: 'Toronto', country: 'CA', postalCode: '10001' });
    expect(disagreeing).toMatchObject({ status: 'matched', source: 'city', city: 'Toronto', country: 'CA' });
    expect(disagreeing.warning).toContain('10001');
    const unknown = gazetteer.geocode({ city: 'Seattle', region: 'WA', postalCode: '99999' });
    expect(unknown).toMatchObject({ status: 'matched', source: 'city', city: 'Seattle' });
    expect(unknown.warning).toContain('99999');
  });

  it('keeps the postal code when the city is not in the data, and says so', () => {
    const result = gazetteer.geocode({ city: 'Huntingdon Valley', region: 'PA', postalCode: '190065307' });
    expect(result).toMatchObject({ status: 'matched', source: 'postal_code', city: 'Huntingdon Valley', region: 'PA' });
    expect(result.warning).toContain('Huntingdon Valley');
  });

  it('takes a dominant city as matched and reports real ambiguity', () => {
    expect(gazetteer.geocode({ city: 'Toronto' })).toMatchObject({ status: 'matched', city: 'Toronto', region: 'ON', warning: null });
    expect(gazetteer.geocode({ city: 'Manhattan' })).toMatchObject({ status: 'matched', city: 'New York', region: 'NY' });
    const portland = gazetteer.geocode({ city: 'Portland' });
    expect(portland).toMatchObject({ status: 'ambiguous', source: 'city', city: 'Portland', region: 'OR', country: 'US' });
    const count = gazetteer.lookupCity('Portland').length;
    expect(portland.warning).toContain(`${count} places`);
    const [oregon, maine] = gazetteer.lookupCity('Portland');
    expect((oregon?.population ?? 0) / (maine?.population ?? 1)).toBeLessThan(DOMINANT_POPULATION_RATIO);
  });

  it('resolves ambiguity with a region', () => {
    expect(gazetteer.geocode({ city: 'Portland', region: 'ME' })).toMatchObject({ status: 'matched', region: 'ME', warning: null });
  });

  it.each([
    [{ city: 'Nowhereville' }, 'Nowhereville'],
    [{ city: 'Toronto', country: 'Narnia' }, 'Narnia'],
    [{ city: 'Toronto', region: 'Narnia' }, 'Narnia'],
    [{ region: 'ON', country: 'CA' }, 'No city'],
    [{}, 'No city'],
  ])('answers unknown for %j', (query, mentioned) => {
    const result = gazetteer.geocode(query);
    expect(result).toMatchObject({ status: 'unknown', source: null, city: null, region: null, country: null, latitude: null, longitude: null });
    expect(result.warning).toContain(mentioned);
  });

  it('never throws and answers a consistent shape', () => {
    const text = fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Portland', 'Toronto', 'ON', 'US', '10001')), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.record({ city: text, region: text, country: text, postalCode: text }), (query) => {
        const result = gazetteer.geocode(query);
        const located = [result.source, result.country, result.latitude, result.longitude];
        if (result.status === 'unknown') {
          expect(located.every((value) => value === null)).toBe(true);
          expect(result.warning).not.toBeNull();
        } else {
          expect(located.every((value) => value !== null)).toBe(true);
          expect(Math.abs(result.latitude ?? 0)).toBeLessThanOrEqual(90);
          expect(Math.abs(result.longitude ?? 0)).toBeLessThanOrEqual(180);
        }
        if (result.status === 'ambiguous') expect(result.warning).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('classifyPlace', () => {
  it.each([
    ['Toronto', 'city'],
    ['Seattle', 'city'],
    ['Saint Louis', 'city'],
    ['Ontario', 'region'],
    ['California', 'region'],
    ['England', 'region'],
    ['CA', 'region'],
    ['NSW', 'region'],
    ['Canada', 'country'],
    ['Australia', 'country'],
    ['USA', 'country'],
    ['United Kingdom', 'country'],
    ['New York', 'region'],
    ['ca', null],
    ['Dermatologist', null],
    ['', null],
  ])('classifies %j as %j', (text, kind) => {
    expect(gazetteer.classifyPlace(text)).toBe(kind);
  });
});

describe('findCityPrefix', () => {
  it.each([
    ['Saint Louis Dermatologic Surgeon', 'Saint Louis', 'Dermatologic Surgeon'],
    ['New York Plastic Surgeon', 'New York', 'Plastic Surgeon'],
    ['Seattle Facial Plastic Surgeon', 'Seattle', 'Facial Plastic Surgeon'],
    ['Los Angeles Plastic Surgeon', 'Los Angeles', 'Plastic Surgeon'],
    ['Manhattan Dermatologic Surgeon', 'Manhattan', 'Dermatologic Surgeon'],
    ['MONTREAL, Dermatologist', 'MONTREAL', 'Dermatologist'],
    ['St. Louis', 'St. Louis', ''],
    ['Salt Lake City Dermatologist', 'Salt Lake City', 'Dermatologist'],
  ])('splits %j', (text, city, rest) => {
    expect(gazetteer.findCityPrefix(text)).toEqual({ city, rest });
  });

  it('finds nothing when the text does not start with a city', () => {
    expect(gazetteer.findCityPrefix('Plastic Surgeon')).toBeUndefined();
    expect(gazetteer.findCityPrefix('')).toBeUndefined();
  });

  it('cuts city and rest out of the input, in order', () => {
    fc.assert(
      fc.property(fc.constantFrom('Toronto', 'New York', 'Saint Louis', 'Sydney'), fc.string({ maxLength: 20 }), (city, tail) => {
        const text = `${city} ${tail}`;
        const match = gazetteer.findCityPrefix(text);
        expect(match).toBeDefined();
        expect(text.startsWith(match!.city)).toBe(true);
        expect(text.slice(match!.city.length)).toContain(match!.rest);
      }),
    );
  });
});

describe('repairZip', () => {
  it.each([
    ['64844660', 'CT', '06484-4660'],
    ['6484', 'CT', '06484'],
    ['06484-4660', 'Connecticut', '06484-4660'],
    ['53012965', 'VT', '05301-2965'],
    ['79312437', 'NJ', '07931-2437'],
    ['659', 'PR', '00659'],
    ['9211981', 'PR', '00921-1981'],
    ['501', 'NY', '00501'],
    ['341081869', 'FL', '34108-1869'],
    ['36207', 'AL', '36207'],
    [' 98101 ', 'wa', '98101'],
    ['12345', 'ZZ', '12345'],
  ])('repairs %j in %s to %j', (zip, state, repaired) => {
    expect(gazetteer.repairZip(zip, state)).toBe(repaired);
  });

  it.each([
    ['64844', 'CT'],
    ['5011', 'NY'],
    ['90210', 'CT'],
    ['123456', 'CA'],
    ['12', 'CA'],
    ['1234', 'ZZ'],
    ['abcde', 'CT'],
    ['', 'CT'],
  ])('gives up on %j in %s', (zip, state) => {
    expect(gazetteer.repairZip(zip, state)).toBeNull();
  });
});

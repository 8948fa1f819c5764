import { foldForMatch } from '../common/text/fold.js';

export interface RegionDefinition {
  /** ISO 3166-1 alpha-2 code of the country GeoNames files the region's places under. */
  country: string;
  /** GeoNames admin-1 code; null when GeoNames lists the region as a country of its own (Puerto Rico). */
  admin1: string | null;
  /** What we show and store: the postal abbreviation where one exists (US, CA, AU), else the GeoNames admin-1 code. */
  code: string;
  name: string;
  aliases: readonly string[];
}

// GeoNames uses the USPS abbreviations as US admin-1 codes.
const US_STATES: readonly (readonly [code: string, name: string])[] = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'],
  ['CO', 'Colorado'], ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'],
  ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'],
  ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'],
  ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'],
  ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'],
  ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'],
  ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'],
  ['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
];

/** US territories with a USPS abbreviation that GeoNames (and ISO 3166-1) list as countries. */
const US_TERRITORIES: readonly (readonly [code: string, name: string])[] = [
  ['PR', 'Puerto Rico'], ['VI', 'U.S. Virgin Islands'], ['GU', 'Guam'], ['AS', 'American Samoa'], ['MP', 'Northern Mariana Islands'],
];

/** [GeoNames admin-1, postal abbreviation or GeoNames code, name, other names] per country. */
const OTHER_REGIONS: Readonly<Record<string, readonly (readonly [string, string, string, ...string[]])[]>> = {
  CA: [
    ['01', 'AB', 'Alberta'], ['02', 'BC', 'British Columbia'], ['03', 'MB', 'Manitoba'], ['04', 'NB', 'New Brunswick'],
    ['05', 'NL', 'Newfoundland and Labrador', 'Newfoundland'], ['07', 'NS', 'Nova Scotia'], ['08', 'ON', 'Ontario'],
    ['09', 'PE', 'Prince Edward Island', 'PEI'], ['10', 'QC', 'Quebec'], ['11', 'SK', 'Saskatchewan'], ['12', 'YT', 'Yukon'],
    ['13', 'NT', 'Northwest Territories'], ['14', 'NU', 'Nunavut'],
  ],
  AU: [
    ['01', 'ACT', 'Australian Capital Territory'], ['02', 'NSW', 'New South Wales'], ['03', 'NT', 'Northern Territory'],
    ['04', 'QLD', 'Queensland'], ['05', 'SA', 'South Australia'], ['06', 'TAS', 'Tasmania'], ['07', 'VIC', 'Victoria'],
    ['08', 'WA', 'Western Australia'],
  ],
  GB: [['ENG', 'ENG', 'England'], ['SCT', 'SCT', 'Scotland'], ['WLS', 'WLS', 'Wales'], ['NIR', 'NIR', 'Northern Ireland']],
  IE: [['C', 'C', 'Connacht', 'Connaught'], ['L', 'L', 'Leinster'], ['M', 'M', 'Munster'], ['U', 'U', 'Ulster']],
  NZ: [
    ['E7', 'E7', 'Auckland'], ['E8', 'E8', 'Bay of Plenty'], ['E9', 'E9', 'Canterbury'], ['F1', 'F1', 'Gisborne'],
    ['F2', 'F2', "Hawke's Bay"], ['F3', 'F3', 'Manawatu-Wanganui', 'Manawatu-Whanganui'], ['F4', 'F4', 'Marlborough'],
    ['F5', 'F5', 'Nelson'], ['F6', 'F6', 'Northland'], ['F7', 'F7', 'Otago'], ['F8', 'F8', 'Southland'],
    ['F9', 'F9', 'Taranaki'], ['G1', 'G1', 'Waikato'], ['G2', 'G2', 'Wellington'], ['G3', 'G3', 'West Coast'],
    ['TAS', 'TAS', 'Tasman'], ['10', '10', 'Chatham Islands'],
  ],
};

export const REGIONS: readonly RegionDefinition[] = [
  ...US_STATES.map(([code, name]) => ({ country: 'US', admin1: code, code, name, aliases: [] })),
  ...US_TERRITORIES.map(([code, name]) => ({ country: code, admin1: null, code, name, aliases: [] })),
  ...Object.entries(OTHER_REGIONS).flatMap(([country, regions]) =>
    regions.map(([admin1, code, name, ...aliases]) => ({ country, admin1, code, name, aliases })),
  ),
];

export const US_TERRITORY_COUNTRIES: ReadonlySet<string> = new Set(US_TERRITORIES.map(([code]) => code));

/** Whether a place GeoNames files under `placeCountry` lies in `country`; US territories lie in the US. */
export function isInCountry(placeCountry: string, country: string): boolean {
  return placeCountry === country || (country === 'US' && US_TERRITORY_COUNTRIES.has(placeCountry));
}

const REGIONS_BY_NAME = new Map<string, RegionDefinition[]>();
for (const region of REGIONS) {
  for (const name of [region.name, ...region.aliases]) {
    const key = foldForMatch(name);
    REGIONS_BY_NAME.set(key, [...(REGIONS_BY_NAME.get(key) ?? []), region]);
  }
}

/**
 * Regions named or abbreviated by the text ("WA" is Washington and Western Australia; "Ontario",
 * "ON" and "08" with country CA are Ontario), limited to one country (ISO code) when given.
 * Names compare folded; codes compare case-insensitively.
 */
export function findRegions(text: string, country?: string): RegionDefinition[] {
  const code = text.trim().toUpperCase();
  const byName = REGIONS_BY_NAME.get(foldForMatch(text)) ?? [];
  const byCode = REGIONS.filter((region) => region.code === code || (country !== undefined && region.admin1 === code));
  return [...new Set([...byName, ...byCode])].filter((region) => country === undefined || isInCountry(region.country, country));
}

const DISPLAY_CODES: ReadonlyMap<string, string> = new Map(REGIONS.map((region) => [`${region.country}:${region.admin1 ?? ''}`, region.code]));

/** The region code we show for a GeoNames place: postal abbreviation where known, else the admin-1 code, else null. */
export function regionCode(country: string, admin1: string): string | null {
  if (US_TERRITORY_COUNTRIES.has(country)) return country;
  return DISPLAY_CODES.get(`${country}:${admin1}`) ?? (admin1 || null);
}

/** The region definition behind a shown code in a country ("ON" in CA), if we know it. */
export function regionByCode(country: string, code: string): RegionDefinition | undefined {
  return REGIONS.find((region) => region.country === country && region.code === code);
}

// Canada Post assigns the first letter of a postal code by province; X splits between NU and NT.
const PROVINCE_BY_POSTAL_LETTER: Readonly<Record<string, string>> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', X: 'NT', Y: 'YT',
};
const NUNAVUT_FORWARD_SORTATION_AREAS = new Set(['X0A', 'X0B', 'X0C']);

/** The province of a Canadian postal code or its first three characters (forward sortation area). */
export function canadianProvinceForPostalCode(postalCode: string): RegionDefinition | undefined {
  const area = postalCode.trim().toUpperCase().slice(0, 3);
  const code = NUNAVUT_FORWARD_SORTATION_AREAS.has(area) ? 'NU' : PROVINCE_BY_POSTAL_LETTER[area.charAt(0)];
  return code ? regionByCode('CA', code) : undefined;
}

const ENGLISH_REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** Names people use besides the English ICU name (which Node ships, so we keep no country list of our own). */
const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['USA', 'U.S.', 'U.S.A.', 'America', 'United States of America'],
  GB: ['UK', 'U.K.', 'Great Britain', 'Britain'],
  NZ: ['Aotearoa'],
  IE: ['Republic of Ireland', 'Eire'],
  AE: ['UAE'],
  NL: ['Holland', 'The Netherlands'],
  CZ: ['Czech Republic'],
  TR: ['Turkey'],
  CI: ['Ivory Coast'],
  MM: ['Burma'],
  KR: ['Korea', 'Republic of Korea'],
  RU: ['Russian Federation'],
  HK: ['Hong Kong'],
  MO: ['Macau', 'Macao'],
  CD: ['Democratic Republic of the Congo', 'DR Congo'],
  CG: ['Republic of the Congo'],
  PS: ['Palestine'],
  VA: ['Vatican'],
};

/** Every name we accept for a country given by ISO code: its English name and common aliases. */
export function countryNames(isoCode: string): string[] {
  const english = ENGLISH_REGION_NAMES.of(isoCode);
  return [...(english && english !== isoCode ? [english] : []), ...(COUNTRY_ALIASES[isoCode] ?? [])];
}

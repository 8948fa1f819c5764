import { createHash } from 'node:crypto';
import { Gazetteer } from '../../geo/gazetteer.js';
import type { ClinicianType } from '../clinician-type.js';
import { displayNameOf, slugBase } from '../profile-names.js';
import type { ProfileLocation } from './directory-update.js';
import { geocodeLocation } from '../location-geocoding.js';

/**
 * One row of an outside directory keyed by NPI: a clinician at one practice address. A person with several
 * addresses has several rows; each becomes one location of the same profile.
 */
export interface DirectoryRow {
  /** Position in the source file, so the first row decides what a person's rows disagree on. */
  row: number;
  npi: string;
  givenName: string;
  middleName: string | null;
  familyName: string;
  nameSuffix: string | null;
  gender: 'female' | 'male' | null;
  credentials: string[];
  credentialsRaw: string | null;
  clinicianType: ClinicianType;
  medicalSchool: string | null;
  graduationYear: number | null;
  hospitalAffiliations: string[];
  telehealth: boolean | null;
  /** Primary first; `rawName` for a specialty without a catalog code. */
  specialties: { code: string | null; rawName: string | null }[];
  /** As written; geocoding fills in the rest. `externalId` is the directory's id for the address, so the same address keeps its location on re-imports. */
  location: Pick<ProfileLocation, 'addressLine1' | 'addressLine2' | 'city' | 'region' | 'postalCode' | 'country' | 'phone'> & { externalId: string };
}

/** The staging table's columns, in COPY order, with their types. The bulk writer's SQL reads them by name. */
export const STAGING_COLUMNS = [
  ['row', 'integer'],
  // md5 of the row's other values: an NPI's rows hashed together tell whether its record changed.
  ['row_hash', 'text'],
  ['npi', 'text'],
  ['given_name', 'text'],
  ['middle_name', 'text'],
  ['family_name', 'text'],
  ['name_suffix', 'text'],
  ['display_name', 'text'],
  ['slug_base', 'text'],
  ['gender', 'text'],
  ['credentials', 'text[]'],
  ['credentials_raw', 'text'],
  ['clinician_type', 'text'],
  ['medical_school', 'text'],
  ['graduation_year', 'smallint'],
  ['hospital_affiliations', 'text[]'],
  ['telehealth', 'boolean'],
  ['specialty_codes', 'text[]'],
  ['specialty_names', 'text[]'],
  ['address_key', 'text'],
  ['address_line1', 'text'],
  ['address_line2', 'text'],
  ['city', 'text'],
  ['city_key', 'text'],
  ['region', 'text'],
  ['postal_code', 'text'],
  ['country', 'text'],
  ['phone', 'text'],
  ['latitude', 'double precision'],
  ['longitude', 'double precision'],
  ['geocode_status', 'text'],
  ['geocode_note', 'text'],
] as const;

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value in COPY's text format: `\N` for null, backslash escapes for the characters COPY gives meaning to. */
export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (character) => COPY_ESCAPES[character] ?? character) : text;
}

/** A text[] as a COPY value: an array literal with every element quoted, then escaped for COPY. */
export function copyArray(values: readonly (string | null)[]): string {
  const literal = values.map((value) => (value === null ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`)).join(',');
  return copyValue(`{${literal}}`);
}

type Geocoded = Pick<ReturnType<typeof geocodeLocation>, 'city' | 'cityKey' | 'region' | 'latitude' | 'longitude' | 'geocodeStatus' | 'geocodeNote'>;

/**
 * Turns directory rows into COPY lines for the staging table, geocoding each place once (rows repeat the
 * same ZIP and city thousands of times).
 */
export class StagingEncoder {
  private readonly places = new Map<string, Geocoded>();
  private readonly gazetteer = Gazetteer.shared();

  private geocode(location: DirectoryRow['location']): Geocoded {
    // A ZIP+4 is placed by its first five digits, so the addresses of one ZIP share a result.
    const postalCode = location.country === 'US' ? (location.postalCode?.slice(0, 5) ?? null) : location.postalCode;
    const key = `${postalCode ?? ''}|${location.city ?? ''}|${location.region ?? ''}|${location.country}`;
    let place = this.places.get(key);
    if (!place) {
      if (this.places.size >= 100_000) this.places.clear();
      const { city, cityKey, region, latitude, longitude, geocodeStatus, geocodeNote } = geocodeLocation({ ...location, postalCode }, 0, this.gazetteer);
      place = { city, cityKey, region, latitude, longitude, geocodeStatus, geocodeNote };
      this.places.set(key, place);
    }
    return place;
  }

  line(row: DirectoryRow): string {
    const place = this.geocode(row.location);
    const { location } = row;
    const values = [
      copyValue(row.npi),
      copyValue(row.givenName),
      copyValue(row.middleName),
      copyValue(row.familyName),
      copyValue(row.nameSuffix),
      copyValue(displayNameOf(row.givenName, row.familyName, row.nameSuffix, row.credentials)),
      copyValue(slugBase(row.givenName, row.familyName, place.city)),
      copyValue(row.gender),
      copyArray(row.credentials),
      copyValue(row.credentialsRaw),
      copyValue(row.clinicianType),
      copyValue(row.medicalSchool),
      copyValue(row.graduationYear),
      copyArray(row.hospitalAffiliations),
      copyValue(row.telehealth),
      copyArray(row.specialties.map((specialty) => specialty.code)),
      copyArray(row.specialties.map((specialty) => specialty.rawName)),
      copyValue(location.externalId),
      copyValue(location.addressLine1),
      copyValue(location.addressLine2),
      copyValue(place.city),
      copyValue(place.cityKey),
      copyValue(place.region),
      copyValue(location.postalCode),
      copyValue(location.country),
      copyValue(location.phone),
      copyValue(place.latitude),
      copyValue(place.longitude),
      copyValue(place.geocodeStatus),
      copyValue(place.geocodeNote),
    ].join('\t');
    return `${row.row}\t${createHash('md5').update(values).digest('hex')}\t${values}`;
  }
}

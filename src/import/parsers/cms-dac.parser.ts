import { createHash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { titleCaseInstitution, titleCaseName } from '../../common/text/name-case.js';
import { foldForMatch } from '../../common/text/fold.js';
import type { DirectoryRow } from '../../doctors/bulk/directory-row.js';
import type { DirectoryField } from '../../doctors/bulk/directory-update.js';
import { deriveClinicianType, type ClinicianType } from '../../doctors/clinician-type.js';
import { normaliseCredentials, type NormalisedCredentials } from '../../doctors/credentials.js';
import { isValidNpi } from '../../doctors/npi.js';
import { cmsSpecialtyToCatalogCode, findMedicareSpecialty, medicareNameKey } from '../../doctors/specialties/cms-specialty-map.js';
import { Gazetteer } from '../../geo/gazetteer.js';

/**
 * The CMS "Doctors and Clinicians" National Downloadable File: one row per clinician, enrollment, group and
 * practice address. Both the 2021 short column names (`lst_nm`, `cty`, `zip`, with a space after each comma)
 * and the current long ones (`Provider Last Name`, `City/Town`, `ZIP Code`) are read; names are compared
 * without case, spaces or punctuation.
 */

type CmsColumn =
  | 'npi' | 'familyName' | 'givenName' | 'middleName' | 'suffix' | 'gender' | 'credential' | 'medicalSchool' | 'graduationYear'
  | 'primarySpecialty' | 'secondarySpecialty1' | 'secondarySpecialty2' | 'secondarySpecialty3' | 'secondarySpecialty4'
  | 'secondarySpecialties' | 'telehealth' | 'addressLine1' | 'addressLine2' | 'addressLine2Suppressed' | 'city' | 'state' | 'zip'
  | 'phone' | 'addressId' | 'hospital1' | 'hospital2' | 'hospital3' | 'hospital4' | 'hospital5';

const COLUMN_NAMES: Readonly<Record<CmsColumn, readonly string[]>> = {
  npi: ['NPI'],
  familyName: ['lst_nm', 'Provider Last Name', 'Last Name'],
  givenName: ['frst_nm', 'Provider First Name', 'First Name'],
  middleName: ['mid_nm', 'Provider Middle Name', 'Middle Name'],
  suffix: ['suff', 'Provider Suffix', 'Suffix'],
  gender: ['gndr', 'Gender'],
  credential: ['Cred', 'Credential'],
  medicalSchool: ['Med_sch', 'Medical school name', 'Medical School'],
  graduationYear: ['Grd_yr', 'Graduation year'],
  primarySpecialty: ['pri_spec', 'Primary specialty'],
  secondarySpecialty1: ['sec_spec_1', 'Secondary specialty 1'],
  secondarySpecialty2: ['sec_spec_2', 'Secondary specialty 2'],
  secondarySpecialty3: ['sec_spec_3', 'Secondary specialty 3'],
  secondarySpecialty4: ['sec_spec_4', 'Secondary specialty 4'],
  secondarySpecialties: ['sec_spec_all', 'All secondary specialties'],
  telehealth: ['Telehlth', 'Telehealth'],
  addressLine1: ['adr_ln_1', 'Line 1 Street Address', 'Address Line 1'],
  addressLine2: ['adr_ln_2', 'Line 2 Street Address', 'Address Line 2'],
  addressLine2Suppressed: ['ln_2_sprs', 'Marker of address line 2 suppression'],
  city: ['cty', 'City/Town', 'City'],
  state: ['st', 'State'],
  zip: ['zip', 'ZIP Code', 'Zip'],
  phone: ['phn_numbr', 'Telephone Number', 'Phone Number'],
  addressId: ['adrs_id', 'Address ID'],
  hospital1: ['hosp_afl_lbn_1', 'Hospital affiliation LBN 1', 'Hospital Affiliation 1'],
  hospital2: ['hosp_afl_lbn_2', 'Hospital affiliation LBN 2', 'Hospital Affiliation 2'],
  hospital3: ['hosp_afl_lbn_3', 'Hospital affiliation LBN 3', 'Hospital Affiliation 3'],
  hospital4: ['hosp_afl_lbn_4', 'Hospital affiliation LBN 4', 'Hospital Affiliation 4'],
  hospital5: ['hosp_afl_lbn_5', 'Hospital affiliation LBN 5', 'Hospital Affiliation 5'],
};

const REQUIRED_COLUMNS: readonly CmsColumn[] = ['npi', 'familyName', 'givenName', 'primarySpecialty', 'city', 'state', 'zip'];
const SECONDARY_SPECIALTY_COLUMNS = ['secondarySpecialty1', 'secondarySpecialty2', 'secondarySpecialty3', 'secondarySpecialty4'] as const;
const HOSPITAL_COLUMNS = ['hospital1', 'hospital2', 'hospital3', 'hospital4', 'hospital5'] as const;

const headerKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const COLUMN_BY_HEADER_KEY: ReadonlyMap<string, CmsColumn> = new Map(
  (Object.entries(COLUMN_NAMES) as [CmsColumn, readonly string[]][]).flatMap(([column, names]) => names.map((name) => [headerKey(name), column] as const)),
);

/** Where each known column sits in a row. */
export type CmsColumnIndex = Partial<Record<CmsColumn, number>>;

export type CmsHeaderResult = { ok: true; columns: CmsColumnIndex; width: number; fields: DirectoryField[] } | { ok: false; missing: string[] };

/** Profile fields a file carries a column for; the required columns give names, specialties and locations. */
const FIELDS_BY_COLUMNS: readonly (readonly [DirectoryField, readonly CmsColumn[]])[] = [
  ['givenName', ['givenName']],
  ['middleName', ['middleName']],
  ['familyName', ['familyName']],
  ['nameSuffix', ['suffix']],
  ['gender', ['gender']],
  ['credentials', ['credential']],
  ['medicalSchool', ['medicalSchool']],
  ['graduationYear', ['graduationYear']],
  ['hospitalAffiliations', HOSPITAL_COLUMNS],
  ['telehealth', ['telehealth']],
  ['specialties', ['primarySpecialty']],
  ['locations', ['city']],
];

/**
 * Reads the header row: every required column must be present under one of its names (first occurrence wins).
 * `fields` are the profile fields the file speaks about (the 2021 file has hospitals, the current one telehealth).
 */
export function resolveCmsColumns(header: readonly string[]): CmsHeaderResult {
  const columns: CmsColumnIndex = {};
  header.forEach((name, index) => {
    const column = COLUMN_BY_HEADER_KEY.get(headerKey(name));
    if (column !== undefined && columns[column] === undefined) columns[column] = index;
  });
  const missing = REQUIRED_COLUMNS.filter((column) => columns[column] === undefined).map((column) => COLUMN_NAMES[column].join(' / '));
  if (missing.length > 0) return { ok: false, missing };
  const fields = FIELDS_BY_COLUMNS.filter(([, needed]) => needed.some((column) => columns[column] !== undefined)).map(([field]) => field);
  return { ok: true, columns, width: header.length, fields };
}

export const CMS_ISSUE_CODES = [
  'invalid_npi',
  'missing_name',
  'malformed_row',
  'column_count',
  'phone_unrecoverable',
  'phone_invalid',
  'zip_unrepairable',
  'specialty_unmapped',
  'graduation_year_invalid',
] as const;
export type CmsIssueCode = (typeof CMS_ISSUE_CODES)[number];

export interface CmsIssue {
  /** 1-based data row (the header is row 0). */
  row: number;
  field: string;
  code: CmsIssueCode;
  message: string;
}

export interface CmsSpecialty {
  /** Catalog (NUCC) code, or null when the CMS name maps to nothing we list. */
  code: string | null;
  /** The CMS name as written. */
  cmsName: string;
}

export interface CmsAddress {
  /** The CMS address id, or a key derived from the address when the file has none. */
  key: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  /** Repaired ("06484-4660"), or null when absent or beyond repair. */
  zip: string | null;
  /** "201-417-7877", or null when absent or unrecoverable. */
  phone: string | null;
}

/** A clinician at one address, in the shape the doctors module imports, with the CMS specialty names and address. */
export interface CmsClinician extends Omit<DirectoryRow, 'specialties' | 'location'> {
  /** Primary first, no code twice. */
  specialties: CmsSpecialty[];
  address: CmsAddress;
}

export type CmsRow = { kind: 'clinician'; clinician: CmsClinician; warnings: CmsIssue[] } | { kind: 'rejected'; row: number; errors: CmsIssue[] };

/** The file cannot be read as a CMS Doctors and Clinicians file at all. */
export class CmsFormatError extends Error {
  override readonly name = 'CmsFormatError';
}

/**
 * Values remembered per distinct input: a national file repeats the same credentials, specialties and
 * hospitals hundreds of thousands of times. Memory is bounded by starting afresh. (Person names are cased
 * faster than they are looked up.)
 */
class Memo<T> {
  private memory = new Map<string, T>();

  constructor(private readonly limit = 50_000) {}

  remember(key: string, compute: () => T): T {
    let value = this.memory.get(key);
    if (value === undefined) {
      if (this.memory.size >= this.limit) this.memory = new Map();
      value = compute();
      this.memory.set(key, value);
    }
    return value;
  }
}

const institutions = new Memo<string>();
const credentialSets = new Memo<NormalisedCredentials>();
const specialtyCodes = new Memo<{ nameKey: string; code: string | null }>();
const clinicianTypes = new Memo<ClinicianType>();

const institutionCase = (text: string): string => institutions.remember(text, () => titleCaseInstitution(text));

const SCIENTIFIC_NOTATION = /^\d+(?:\.\d+)?e[+-]?\d+$/i;
const PHONE_CHARACTERS = /^[\d\s().+-]+$/;
const OTHER_SCHOOL = /^other$/i;
const MIN_GRADUATION_YEAR = 1900;

/** Row values by column, trimmed; '' for absent columns. */
class RowReader {
  constructor(
    private readonly values: readonly string[],
    private readonly columns: CmsColumnIndex,
  ) {}

  get(column: CmsColumn): string {
    const index = this.columns[column];
    return index === undefined ? '' : (this.values[index] ?? '').trim();
  }

  optional(column: CmsColumn): string | null {
    return this.get(column) || null;
  }
}

function parsePhone(written: string, row: number, warnings: CmsIssue[]): string | null {
  if (!written) return null;
  if (SCIENTIFIC_NOTATION.test(written)) {
    warnings.push({ row, field: 'phone', code: 'phone_unrecoverable', message: `Phone "${written}" lost its digits to scientific notation` });
    return null;
  }
  const digits = PHONE_CHARACTERS.test(written) ? written.replace(/\D/g, '') : '';
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length !== 10) {
    warnings.push({ row, field: 'phone', code: 'phone_invalid', message: `Phone "${written}" is not a 10-digit US number` });
    return null;
  }
  return `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
}

function parseZip(written: string, state: string, row: number, warnings: CmsIssue[]): string | null {
  if (!written) return null;
  const repaired = Gazetteer.shared().repairZip(written, state);
  if (!repaired) warnings.push({ row, field: 'zip', code: 'zip_unrepairable', message: `ZIP "${written}" does not fit ${state || 'its state'}` });
  return repaired;
}

function parseGraduationYear(written: string, row: number, warnings: CmsIssue[], thisYear: number): number | null {
  if (!written) return null;
  const year = /^\d{4}$/.test(written) ? Number(written) : Number.NaN;
  if (year >= MIN_GRADUATION_YEAR && year <= thisYear) return year;
  warnings.push({ row, field: 'graduationYear', code: 'graduation_year_invalid', message: `Graduation year "${written}" is not a year` });
  return null;
}

/**
 * `sec_spec_all` lists names separated by commas, but some names have a comma of their own
 * ("PSYCHOLOGIST, CLINICAL"): neighbouring pieces are joined when together they name a Medicare specialty.
 */
export function splitSpecialtyList(text: string): string[] {
  const pieces = text.split(/[,|]/).map((piece) => piece.trim()).filter(Boolean);
  const names: string[] = [];
  for (let index = 0; index < pieces.length; index += 1) {
    const joined = `${pieces[index]}, ${pieces[index + 1] ?? ''}`;
    if (index + 1 < pieces.length && findMedicareSpecialty(joined) && !findMedicareSpecialty(pieces[index] ?? '')) {
      names.push(joined);
      index += 1;
    } else {
      names.push(pieces[index] ?? '');
    }
  }
  return names;
}

function parseSpecialties(reader: RowReader, row: number, warnings: CmsIssue[]): CmsSpecialty[] {
  const written = [
    reader.get('primarySpecialty'),
    ...SECONDARY_SPECIALTY_COLUMNS.map((column) => reader.get(column)),
    ...splitSpecialtyList(reader.get('secondarySpecialties')),
  ].filter(Boolean);
  const seenNames = new Set<string>();
  const seenCodes = new Set<string>();
  const specialties: CmsSpecialty[] = [];
  for (const cmsName of written) {
    const { nameKey, code } = specialtyCodes.remember(cmsName, () => ({ nameKey: medicareNameKey(cmsName), code: cmsSpecialtyToCatalogCode(cmsName) ?? null }));
    if (seenNames.has(nameKey)) continue;
    seenNames.add(nameKey);
    if (code === null) {
      warnings.push({ row, field: 'specialties', code: 'specialty_unmapped', message: `Specialty "${cmsName}" has no catalog code; kept as written` });
    } else if (seenCodes.has(code)) {
      continue;
    } else {
      seenCodes.add(code);
    }
    specialties.push({ code, cmsName });
  }
  return specialties;
}

/** A stable key for an address the file gives no id for: the same address always gets the same key. */
function derivedAddressKey(parts: readonly (string | null)[]): string {
  const folded = parts.map((part) => foldForMatch(part ?? '')).join('|');
  return `addr:${createHash('sha1').update(folded).digest('hex').slice(0, 20)}`;
}

function parseAddress(reader: RowReader, row: number, warnings: CmsIssue[]): CmsAddress {
  const state = reader.get('state').toUpperCase();
  const line1 = reader.optional('addressLine1');
  const suppressed = reader.get('addressLine2Suppressed').toUpperCase() === 'Y';
  const line2 = suppressed ? null : reader.optional('addressLine2');
  const written = reader.get('city');
  const city = written ? titleCaseName(written) : null;
  const zip = parseZip(reader.get('zip'), state, row, warnings);
  return {
    key: reader.optional('addressId') ?? derivedAddressKey([line1, line2, city, state, zip?.slice(0, 5) ?? null]),
    line1,
    line2,
    city,
    state: state || null,
    zip,
    phone: parsePhone(reader.get('phone'), row, warnings),
  };
}

function clinicianTypeOf(credentials: readonly string[], specialties: readonly CmsSpecialty[]): ClinicianType {
  const codes = specialties.flatMap((specialty) => (specialty.code ? [specialty.code] : []));
  return clinicianTypes.remember(`${credentials.join(',')}|${codes.join(',')}`, () => deriveClinicianType(credentials, codes));
}

function parseGender(written: string): 'female' | 'male' | null {
  const code = written.toUpperCase();
  if (code === 'F') return 'female';
  if (code === 'M') return 'male';
  return null;
}

/**
 * One data row → a clinician with warnings, or a rejection. Unrecoverable values (a phone in scientific
 * notation, a ZIP of another state) become null with a warning; nothing is guessed. Never throws.
 */
export function parseCmsRow(values: readonly string[], row: number, columns: CmsColumnIndex, width: number, thisYear = new Date().getFullYear()): CmsRow {
  const reader = new RowReader(values, columns);
  const npi = reader.get('npi');
  const errors: CmsIssue[] = [];
  if (!isValidNpi(npi)) errors.push({ row, field: 'npi', code: 'invalid_npi', message: `NPI "${npi}" is not 10 digits with a valid check digit` });
  const familyName = reader.get('familyName');
  const givenName = reader.get('givenName');
  if (!familyName || !givenName) errors.push({ row, field: 'name', code: 'missing_name', message: 'The first or last name is empty' });
  if (errors.length > 0) return { kind: 'rejected', row, errors };

  const warnings: CmsIssue[] = [];
  if (values.length !== width) {
    warnings.push({ row, field: 'row', code: 'column_count', message: `The row has ${values.length} values for ${width} columns` });
  }
  const written = reader.get('credential');
  const credentials = credentialSets.remember(written, () => normaliseCredentials(written));
  const specialties = parseSpecialties(reader, row, warnings);
  const school = reader.get('medicalSchool');
  const middleName = reader.optional('middleName');
  const suffix = reader.optional('suffix');
  const hospitals = HOSPITAL_COLUMNS.map((column) => reader.get(column)).filter(Boolean).map(institutionCase);
  return {
    kind: 'clinician',
    clinician: {
      row,
      npi,
      givenName: titleCaseName(givenName),
      middleName: middleName && titleCaseName(middleName),
      familyName: titleCaseName(familyName),
      nameSuffix: suffix && titleCaseName(suffix),
      gender: parseGender(reader.get('gender')),
      credentials: [...credentials.credentials],
      credentialsRaw: credentials.raw || null,
      clinicianType: clinicianTypeOf(credentials.credentials, specialties),
      medicalSchool: school && !OTHER_SCHOOL.test(school) ? institutionCase(school) : null,
      graduationYear: parseGraduationYear(reader.get('graduationYear'), row, warnings, thisYear),
      specialties,
      hospitalAffiliations: [...new Set(hospitals)],
      telehealth: reader.get('telehealth').toUpperCase() === 'Y' ? true : null,
      address: parseAddress(reader, row, warnings),
    },
    warnings,
  };
}

/**
 * Streams a CMS file: the header is read first (CmsFormatError when a required column is missing), then
 * every data row becomes a CmsRow in file order. A row the CSV reader cannot split (a quoted value
 * that never closes) is rejected with what follows it in the same record; rows before it are kept.
 */
export async function* parseCmsDac(
  input: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
  onHeader?: (header: Extract<CmsHeaderResult, { ok: true }>) => void,
): AsyncGenerator<CmsRow> {
  // A skipped record is placed by how many records the reader had accepted before it.
  const skipped: { afterRecords: number; message: string }[] = [];
  const parser = parse({
    bom: true,
    // The 2021 file has a space after each comma; a quote inside an unquoted value is taken as written.
    ltrim: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      skipped.push({ afterRecords: parser.info.records, message: error?.message ?? 'The row could not be read as CSV' });
    },
  });
  const records = pipeline(Readable.from(input), parser, () => undefined);
  let row = 0;
  const skippedBefore = function* (received: number): Generator<CmsRow> {
    while ((skipped[0]?.afterRecords ?? Infinity) < received) {
      const { message } = skipped.shift() as (typeof skipped)[number];
      row += 1;
      yield { kind: 'rejected', row, errors: [{ row, field: 'row', code: 'malformed_row', message }] };
    }
  };
  let header: Extract<CmsHeaderResult, { ok: true }> | undefined;
  let received = 0;
  const thisYear = new Date().getFullYear();
  try {
    for await (const values of records as AsyncIterable<string[]>) {
      received += 1;
      if (!header) {
        const resolved = resolveCmsColumns(values);
        if (!resolved.ok) throw new CmsFormatError(`Not a CMS Doctors and Clinicians file: no column ${resolved.missing.join(', ')}`);
        header = resolved;
        onHeader?.(resolved);
        continue;
      }
      yield* skippedBefore(received);
      row += 1;
      yield parseCmsRow(values, row, header.columns, header.width, thisYear);
    }
    if (!header) throw new CmsFormatError('The file is empty: no header row');
    yield* skippedBefore(Infinity);
  } finally {
    records.destroy();
  }
}

import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { en } from '@faker-js/faker';
import { npiCheckDigit } from '../src/doctors/npi.js';

/**
 * Synthetic CMS "Doctors and Clinicians" files of any size, streamed line by line, deterministic for a seed.
 * They carry the real file's shape and damage: several rows per NPI (one per practice address, now and then
 * far apart), addresses shared by a group's clinicians, ZIPs that lost their leading zeros, phones in
 * scientific notation, empty credentials, unmapped specialty names and a few invalid NPIs.
 */
export interface CmsDacGeneratorOptions {
  /** Data rows (the header is extra). */
  rows: number;
  seed?: number;
  /** `short`: the 2021 names with a space after each comma; `long`: the current names. */
  layout?: 'short' | 'long';
  /** First nine digits of the first NPI; later NPIs count up from it. */
  firstNpi?: number;
}

const SHORT_HEADER =
  'NPI, Ind_PAC_ID, Ind_enrl_ID, lst_nm, frst_nm, mid_nm, suff, gndr, Cred, Med_sch, Grd_yr, pri_spec, sec_spec_1, sec_spec_2, sec_spec_3, sec_spec_4, sec_spec_all, org_nm, org_pac_id, num_org_mem, adr_ln_1, adr_ln_2, ln_2_sprs, cty, st, zip, phn_numbr, hosp_afl_1, hosp_afl_lbn_1, hosp_afl_2, hosp_afl_lbn_2, hosp_afl_3, hosp_afl_lbn_3, hosp_afl_4, hosp_afl_lbn_4, hosp_afl_5, hosp_afl_lbn_5, ind_assgn, grp_assgn, adrs_id';
const LONG_HEADER =
  'NPI,Ind_PAC_ID,Ind_enrl_ID,Provider Last Name,Provider First Name,Provider Middle Name,suff,gndr,Cred,Med_sch,Grd_yr,pri_spec,sec_spec_1,sec_spec_2,sec_spec_3,sec_spec_4,sec_spec_all,Telehlth,Facility Name,org_pac_id,num_org_mem,adr_ln_1,adr_ln_2,ln_2_sprs,City/Town,State,ZIP Code,Telephone Number,ind_assgn,grp_assgn,adrs_id';

/** [CMS specialty name, weight, credentials it comes with]; the last ones are names no crosswalk knows. */
const SPECIALTIES: readonly (readonly [string, number, readonly string[]])[] = [
  ['NURSE PRACTITIONER', 14, ['NP', '']],
  ['INTERNAL MEDICINE', 12, ['MD', 'DO', '']],
  ['FAMILY MEDICINE', 11, ['MD', 'DO', '']],
  ['PHYSICIAN ASSISTANT', 9, ['PA', '']],
  ['PHYSICAL THERAPY', 6, ['PT', '']],
  ['CLINICAL SOCIAL WORKER', 5, ['']],
  ['CHIROPRACTIC', 4, ['DC', '']],
  ['EMERGENCY MEDICINE', 4, ['MD', 'DO', '']],
  ['DIAGNOSTIC RADIOLOGY', 3, ['MD', '']],
  ['ANESTHESIOLOGY', 3, ['MD', 'DO', '']],
  ['CERTIFIED REGISTERED NURSE ANESTHETIST (CRNA)', 3, ['CRNA', '']],
  ['OBSTETRICS/GYNECOLOGY', 2, ['MD', '']],
  ['CARDIOVASCULAR DISEASE (CARDIOLOGY)', 2, ['MD', '']],
  ['PSYCHIATRY', 2, ['MD', 'DO', '']],
  ['ORTHOPEDIC SURGERY', 2, ['MD', '']],
  ['GENERAL SURGERY', 2, ['MD', '']],
  ['OPTOMETRY', 2, ['OD', '']],
  ['PSYCHOLOGIST, CLINICAL', 2, ['PHD', 'PSYD', '']],
  ['DERMATOLOGY', 1, ['MD', '']],
  ['OPHTHALMOLOGY', 1, ['MD', '']],
  ['GASTROENTEROLOGY', 1, ['MD', '']],
  ['NEUROLOGY', 1, ['MD', '']],
  ['PODIATRY', 1, ['DPM', '']],
  ['PEDIATRIC MEDICINE', 1, ['MD', '']],
  ['OCCUPATIONAL THERAPY', 1, ['OT', '']],
  ['HEMATOLOGY/ONCOLOGY', 1, ['MD', '']],
  ['NEPHROLOGY', 1, ['MD', '']],
  ['UROLOGY', 1, ['MD', '']],
  ['PULMONARY DISEASE', 1, ['MD', '']],
  ['REGISTERED DIETITIAN OR NUTRITION PROFESSIONAL', 0.5, ['RD', '']],
  ['UNDEFINED PHYSICIAN TYPE', 0.2, ['MD', '']],
  ['SPECIALIST', 0.1, ['']],
];
const SPECIALTY_WEIGHT = SPECIALTIES.reduce((sum, [, weight]) => sum + weight, 0);

const SCHOOLS = [
  'OTHER', 'OTHER', 'OTHER', 'TEMPLE UNIVERSITY SCHOOL OF MEDICINE', 'GEORGE WASHINGTON UNIVERSITY SCHOOL OF MEDICINE',
  'UNIVERSITY OF MICHIGAN MEDICAL SCHOOL', 'LIFE CHIROPRACTIC COLLEGE', 'ILLINOIS COLLEGE OF OPTOMETRY AT CHICAGO',
  'WEST VIRGINIA SCHOOL OF OSTEOPATHIC MEDICINE', 'BAYLOR COLLEGE OF MEDICINE',
];
const STREETS = ['MAIN ST', 'OAK AVE', 'MEDICAL CENTER DR', 'PARK BLVD', 'WASHINGTON ST', 'HOSPITAL RD', 'ELM ST', 'LAKE SHORE DR', '1ST AVE', 'HIGHWAY 78 E'];
const HOSPITAL_WORDS = ['REGIONAL MEDICAL CENTER', 'COMMUNITY HOSPITAL', 'MEMORIAL HOSPITAL', 'GENERAL HOSPITAL', 'HEALTH SYSTEM'];
const STATES = new Set([
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI',
  'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT',
  'VA', 'WA', 'WV', 'WI', 'WY', 'PR',
]);

interface Zip {
  zip: string;
  city: string;
  state: string;
}

let zipTable: Zip[] | undefined;

/** Real US ZIPs with their city and state, so that generated addresses geocode like real ones. */
function zips(): Zip[] {
  if (!zipTable) {
    const { codes } = createRequire(import.meta.url)('zipcodes') as { codes: Record<string, { zip: string; city: string; state: string }> };
    zipTable = Object.values(codes)
      .filter((record) => /^\d{5}$/.test(record.zip) && STATES.has(record.state))
      .map((record) => ({ zip: record.zip, city: record.city.toUpperCase(), state: record.state }));
  }
  return zipTable;
}

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Address {
  id: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
}

const csvValue = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

class RowFactory {
  private readonly random: () => number;
  private readonly addresses: Address[] = [];
  private npi: number;

  constructor(
    seed: number,
    firstNpi: number,
    private readonly layout: 'short' | 'long',
  ) {
    this.random = prng(seed);
    this.npi = firstNpi;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += Math.floor(this.random() * 10);
    return text;
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  private nextNpi(): string {
    const first9 = String(this.npi);
    this.npi += 1;
    const check = npiCheckDigit(first9);
    // About one in a thousand NPIs is mistyped in the file.
    return `${first9}${this.chance(0.001) ? (check + 1) % 10 : check}`;
  }

  private specialty(): readonly [string, number, readonly string[]] {
    let left = this.random() * SPECIALTY_WEIGHT;
    for (const entry of SPECIALTIES) {
      left -= entry[1];
      if (left <= 0) return entry;
    }
    return SPECIALTIES[0];
  }

  /** Half the rows share an address with an earlier clinician (a group practice). */
  private address(): Address {
    if (this.addresses.length > 0 && this.chance(0.5)) return this.pick(this.addresses);
    const place = this.pick(zips());
    const zip9 = `${place.zip}${this.digits(4)}`;
    const number = String(1 + Math.floor(this.random() * 9999));
    const street = this.pick(STREETS);
    const phoneDigits = `${2 + Math.floor(this.random() * 8)}${this.digits(9)}`;
    const address: Address = {
      id: `${place.state}${zip9}${place.city.slice(0, 2)}${number}X${street.slice(0, 3).replace(/\s/g, 'X')}${this.addresses.length}`,
      line1: `${number} ${street}`,
      line2: this.chance(0.3) ? `SUITE ${1 + Math.floor(this.random() * 400)}` : '',
      city: place.city,
      state: place.state,
      // A spreadsheet turned 06484-4660 into 64844660.
      zip: zip9.replace(/^0+/, ''),
      phone: this.chance(0.35) ? '' : this.chance(0.02) ? `${phoneDigits[0]}.${phoneDigits.slice(1, 6)}E+${phoneDigits.length - 1}` : phoneDigits,
    };
    if (this.addresses.length < 50_000) this.addresses.push(address);
    return address;
  }

  /** The rows of one clinician: one per practice address. */
  clinician(): string[] {
    const npi = this.nextNpi();
    const female = this.chance(0.5);
    const first = this.pick(female ? en.person!.first_name!.female! : en.person!.first_name!.male!).toUpperCase();
    const last = this.pick(en.person!.last_name!.generic!).toUpperCase();
    const middle = this.chance(0.6) ? this.pick(en.person!.first_name!.generic!).toUpperCase().slice(0, this.chance(0.5) ? 1 : 20) : '';
    const [primary, , credentials] = this.specialty();
    const secondary = this.chance(0.15) ? this.specialty()[0] : '';
    const credential = this.pick(credentials);
    const school = this.pick(SCHOOLS);
    const year = String(1960 + Math.floor(this.random() * 63));
    const hospitals = Array.from({ length: Math.floor(this.random() * 3) }, () => `${this.pick(zips()).city} ${this.pick(HOSPITAL_WORDS)}`);
    const count = this.chance(0.7) ? 1 : this.chance(0.75) ? 2 : 3;
    return Array.from({ length: count }, () => {
      const address = this.address();
      const person = [npi, this.digits(10), `I2004${this.digits(10)}`, last, first, middle, this.chance(0.02) ? 'JR.' : '', female ? 'F' : 'M', credential, school, year, primary, secondary, '', '', '', secondary];
      const place = [address.line1, address.line2, '', address.city, address.state, address.zip, address.phone];
      if (this.layout === 'long') {
        return [...person, this.chance(0.3) ? 'Y' : '', '', '', '', ...place, 'Y', 'M', address.id].map(csvValue).join(',');
      }
      const affiliations = Array.from({ length: 5 }, (_, index) => (hospitals[index] ? [this.digits(6), hospitals[index]] : ['', ''])).flat();
      return [...person, '', '', '', ...place, ...affiliations, 'Y', 'M', address.id].map(csvValue).join(',');
    });
  }
}

/** The file's lines, header first, each with its line break. */
export function* cmsDacLines(options: CmsDacGeneratorOptions): Generator<string> {
  const layout = options.layout ?? 'short';
  const factory = new RowFactory(options.seed ?? 20_261_125, options.firstNpi ?? 150_000_000, layout);
  yield `${layout === 'short' ? SHORT_HEADER : LONG_HEADER}\n`;
  // A seventh of the clinicians with several addresses have the later ones far from the first, as in the real file.
  const deferred: string[] = [];
  let written = 0;
  while (written < options.rows) {
    const [first, ...rest] = factory.clinician();
    const later = rest.length > 0 && factory.chance(1 / 7);
    if (later) deferred.push(...rest);
    for (const row of later ? [first] : [first, ...rest]) {
      if (written === options.rows) return;
      yield `${row}\n`;
      written += 1;
    }
    if (deferred.length >= 500) {
      for (const row of deferred.splice(0)) {
        if (written === options.rows) return;
        yield `${row}\n`;
        written += 1;
      }
    }
  }
}

/** The lines as a byte stream, in chunks of about 64 KiB. */
export function cmsDacStream(options: CmsDacGeneratorOptions): Readable {
  return Readable.from(
    (function* () {
      let chunk = '';
      for (const line of cmsDacLines(options)) {
        chunk += line;
        if (chunk.length >= 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

/** Writes a synthetic file; returns its size in bytes. */
export async function writeCmsDacFile(path: string, options: CmsDacGeneratorOptions): Promise<number> {
  const out = createWriteStream(path);
  await pipeline(cmsDacStream(options), out);
  return out.bytesWritten;
}

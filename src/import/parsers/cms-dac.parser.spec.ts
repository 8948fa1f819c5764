import { createReadStream } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CMS_LONG_HEADER, CMS_ROW, CMS_SHORT_HEADER, cmsLongFile, cmsShortFile, cmsShortRow } from '../../../test/factories/cms-file.factory.js';
import { npiFrom } from '../../../test/factories/doctor.factory.js';
import { describeWithShared, sharedPath } from '../../../test/utils/shared.js';
import { CmsFormatError, parseCmsDac, parseCmsRow, resolveCmsColumns, splitSpecialtyList, type CmsClinician, type CmsRow } from './cms-dac.parser.js';

const NPI_A = CMS_ROW.NPI;
const NPI_B = npiFrom(987_654_321);

async function parseText(text: string): Promise<CmsRow[]> {
  const rows: CmsRow[] = [];
  for await (const row of parseCmsDac([text])) rows.push(row);
  return rows;
}


async function onlyClinician(text: string): Promise<{ clinician: CmsClinician; warnings: string[] }> {
  const [row, ...rest] = await parseText(text);
  expect(rest).toEqual([]);
  if (row?.kind !== 'clinician') throw new Error(`expected a clinician, got ${JSON.stringify(row)}`);
  return { clinician: row.clinician, warnings: row.warnings.map((w) => w.code) };
}

describe('parseCmsDac', () => {
  it('reads a row of the 2021 short layout into a normalised clinician', async () => {
    const { clinician, warnings } = await onlyClinician(cmsShortFile({}));
    expect(warnings).toEqual([]);
    expect(clinician).toEqual({
      row: 1,
      npi: NPI_A,
      givenName: 'Socrates',
      middleName: 'J',
      familyName: 'Perez-Rodriguez',
      nameSuffix: null,
      gender: 'male',
      credentials: ['MD'],
      credentialsRaw: 'M.D.',
      clinicianType: 'physician',
      medicalSchool: 'George Washington University School of Medicine',
      graduationYear: 1981,
      specialties: [
        { code: '207R00000X', cmsName: 'INTERNAL MEDICINE' },
        { code: '207RC0000X', cmsName: 'CARDIOVASCULAR DISEASE (CARDIOLOGY)' },
      ],
      hospitalAffiliations: ['Naples Community Hospital'],
      telehealth: null,
      address: {
        key: 'FL341081869NA870XXNXXX405',
        line1: '870 111TH AVE N',
        line2: 'SUITE 3',
        city: 'Naples',
        state: 'FL',
        zip: '34108-1869',
        phone: '239-435-0000',
      },
    });
  });

  it('reads the current long layout the same way', async () => {
    const short = await onlyClinician(cmsShortFile({}));
    const long = await onlyClinician(cmsLongFile({ telehealth: 'Y' }));
    expect(long.warnings).toEqual([]);
    expect(long.clinician).toEqual({ ...short.clinician, hospitalAffiliations: [], telehealth: true });
  });

  it('matches header names whatever their case, spacing and punctuation', () => {
    const resolved = resolveCmsColumns(['npi', ' PROVIDER LAST NAME', 'provider_first_name', 'PRI SPEC', 'city / town', 'state', 'zip code']);
    expect(resolved).toEqual({
      ok: true,
      width: 7,
      columns: { npi: 0, familyName: 1, givenName: 2, primarySpecialty: 3, city: 4, state: 5, zip: 6 },
      fields: ['givenName', 'familyName', 'specialties', 'locations'],
    });
  });

  it('tells which profile fields a layout speaks about: hospitals in 2021, telehealth now', () => {
    const fieldsOf = (header: string[]) => {
      const resolved = resolveCmsColumns(header);
      return resolved.ok ? resolved.fields : [];
    };
    const common = ['givenName', 'middleName', 'familyName', 'nameSuffix', 'gender', 'credentials', 'medicalSchool', 'graduationYear'];
    expect(fieldsOf(CMS_SHORT_HEADER)).toEqual([...common, 'hospitalAffiliations', 'specialties', 'locations']);
    expect(fieldsOf(CMS_LONG_HEADER)).toEqual([...common, 'telehealth', 'specialties', 'locations']);
  });

  it('puts back the leading zeros a spreadsheet dropped from ZIPs, by length and state', async () => {
    const rows = await parseText(
      cmsShortFile(
        { state: 'CT', city: 'SHELTON', zip: '64844660' },
        { NPI: NPI_B, state: 'PR', city: 'HATILLO', zip: '659' },
        { state: 'NJ', city: 'FAR HILLS', zip: '7931' },
      ),
    );
    expect(rows.map((row) => row.kind === 'clinician' && row.clinician.address.zip)).toEqual(['06484-4660', '00659', '07931']);
  });

  it('drops a ZIP that does not fit its state, with a warning, instead of guessing', async () => {
    const { clinician, warnings } = await onlyClinician(cmsShortFile({ state: 'CA', zip: '64844660' }));
    expect(clinician.address.zip).toBeNull();
    expect(warnings).toEqual(['zip_unrepairable']);
  });

  it('turns a phone in scientific notation into null with a warning, never a guess', async () => {
    const { clinician, warnings } = await onlyClinician(cmsShortFile({ phone: '2.12689E+12' }));
    expect(clinician.address.phone).toBeNull();
    expect(warnings).toEqual(['phone_unrecoverable']);
  });

  it('formats 10- and 11-digit phones and refuses other lengths', async () => {
    const rows = await parseText(cmsShortFile({ phone: '1 (201) 417-7877' }, { phone: '417-7877' }));
    expect(rows.map((row) => row.kind === 'clinician' && row.clinician.address.phone)).toEqual(['201-417-7877', null]);
    expect(rows.map((row) => row.kind === 'clinician' && row.warnings.map((w) => w.code))).toEqual([[], ['phone_invalid']]);
  });

  it('derives the clinician type from the specialty when the credential is empty, as it often is', async () => {
    const { clinician } = await onlyClinician(cmsShortFile({ Cred: '', pri_spec: 'CHIROPRACTIC', sec_spec_1: '', sec_spec_all: '' }));
    expect(clinician).toMatchObject({ credentials: [], credentialsRaw: null, clinicianType: 'chiropractor' });
  });

  it('keeps an unmapped specialty by its CMS name, with a warning', async () => {
    const { clinician, warnings } = await onlyClinician(cmsShortFile({ pri_spec: 'UNDERWATER BASKET WEAVING', sec_spec_1: '', sec_spec_all: '' }));
    expect(clinician.specialties).toEqual([{ code: null, cmsName: 'UNDERWATER BASKET WEAVING' }]);
    expect(clinician.clinicianType).toBe('physician');
    expect(warnings).toEqual(['specialty_unmapped']);
  });

  it('splits sec_spec_all on commas except inside a name like "PSYCHOLOGIST, CLINICAL", without repeating a code', async () => {
    expect(splitSpecialtyList('PSYCHOLOGIST, CLINICAL, FAMILY MEDICINE')).toEqual(['PSYCHOLOGIST, CLINICAL', 'FAMILY MEDICINE']);
    const { clinician } = await onlyClinician(
      cmsShortFile({ pri_spec: 'FAMILY MEDICINE', sec_spec_1: 'FAMILY PRACTICE', sec_spec_all: 'PSYCHOLOGIST, CLINICAL, FAMILY MEDICINE' }),
    );
    expect(clinician.specialties.map((s) => s.cmsName)).toEqual(['FAMILY MEDICINE', 'PSYCHOLOGIST, CLINICAL']);
  });

  it('keeps suffixes, drops "OTHER" as a medical school, and title-cases hospital names once each', async () => {
    const { clinician } = await onlyClinician(
      cmsShortFile({ suff: 'JR.', last: 'MCDONALD', Med_sch: 'OTHER', hospital1: 'MCLAREN LAPEER REGION', hospital2: 'MCLAREN LAPEER REGION' }),
    );
    expect(clinician).toMatchObject({ familyName: 'McDonald', nameSuffix: 'Jr.', medicalSchool: null, hospitalAffiliations: ['McLaren Lapeer Region'] });
  });

  it('honours the suppression marker of address line 2 and derives a stable key when there is no address id', async () => {
    const first = await onlyClinician(cmsShortFile({ ln_2_sprs: 'Y', adrs_id: '' }));
    const second = await onlyClinician(cmsShortFile({ ln_2_sprs: 'Y', adrs_id: '', adr_ln_1: '870 111th Ave N' }));
    expect(first.clinician.address.line2).toBeNull();
    expect(first.clinician.address.key).toMatch(/^addr:[0-9a-f]{20}$/);
    expect(second.clinician.address.key).toBe(first.clinician.address.key);
  });

  it('warns about a graduation year that is not a year and leaves it empty', async () => {
    const { clinician, warnings } = await onlyClinician(cmsShortFile({ Grd_yr: '19X1' }));
    expect(clinician.graduationYear).toBeNull();
    expect(warnings).toEqual(['graduation_year_invalid']);
  });

  it('rejects rows with an invalid NPI or no name, and reads on', async () => {
    const rows = await parseText(cmsShortFile({ NPI: '1234567890' }, { NPI: NPI_B, first: '' }, {}));
    expect(rows.map((row) => (row.kind === 'rejected' ? row.errors.map((e) => `${e.row}:${e.code}`) : row.kind))).toEqual([
      ['1:invalid_npi'],
      ['2:missing_name'],
      'clinician',
    ]);
  });

  it('takes a stray quote inside a value as written', async () => {
    const { clinician } = await onlyClinician(cmsShortFile({ last: 'O"BRIEN' }));
    expect(clinician.familyName).toBe('O"Brien');
  });

  it('rejects a quoted value that never closes as one malformed row, keeping the rows before it', async () => {
    const text = [CMS_SHORT_HEADER.join(', '), cmsShortRow({}), cmsShortRow({ NPI: NPI_B }), `${NPI_B}, "unterminated, x`].join('\n');
    const rows = await parseText(text);
    expect(rows.map((row) => `${row.kind === 'clinician' ? row.clinician.row : row.row}:${row.kind}`)).toEqual([
      '1:clinician',
      '2:clinician',
      '3:rejected',
    ]);
  });

  it('warns about a row with more or fewer values than the header', async () => {
    const rows = await parseText(`${CMS_SHORT_HEADER.join(', ')}\n${cmsShortRow({})}, extra`);
    expect(rows[0]?.kind === 'clinician' && rows[0].warnings.map((w) => w.code)).toEqual(['column_count']);
  });

  it('refuses a file without the columns it needs, or without a header', async () => {
    await expect(parseText('NPI,Name\n1234567893,X')).rejects.toThrow(CmsFormatError);
    await expect(parseText('NPI,Name\n1234567893,X')).rejects.toThrow(/Provider Last Name/);
    await expect(parseText('')).rejects.toThrow(CmsFormatError);
  });

  it('never throws on a row, whatever its values', () => {
    const columns = resolveCmsColumns(CMS_SHORT_HEADER);
    if (!columns.ok) throw new Error('header');
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 40 }), (values) => {
        const row = parseCmsRow(values, 1, columns.columns, columns.width);
        expect(['clinician', 'rejected']).toContain(row.kind);
      }),
      { numRuns: 500 },
    );
  });
});

describeWithShared('parseCmsDac on the shared national sample', ['fixtures', 'cms-dac', 'national-sample-40.csv'], () => {
  it('reads all 40 rows of the real file with its damage repaired or reported', async () => {
    const rows: CmsRow[] = [];
    for await (const row of parseCmsDac(createReadStream(sharedPath('fixtures', 'cms-dac', 'national-sample-40.csv')))) rows.push(row);
    const clinicians = rows.flatMap((row) => (row.kind === 'clinician' ? [row.clinician] : []));
    expect(rows).toHaveLength(40);
    expect(clinicians).toHaveLength(40);
    expect(new Set(clinicians.map((c) => c.npi)).size).toBe(40);
    const byNpi = new Map(clinicians.map((c) => [c.npi, c]));
    expect(byNpi.get('1215911011')).toMatchObject({ familyName: 'Perez-Rodriguez', givenName: 'Socrates', credentials: ['MD'], clinicianType: 'physician' });
    expect(byNpi.get('1215325329')?.address.zip).toBe('06484-4660');
    expect(byNpi.get('1215912613')?.address.zip).toBe('00659');
    expect(byNpi.get('1215905625')?.specialties).toEqual([{ code: '103T00000X', cmsName: 'PSYCHOLOGIST, CLINICAL' }]);
    expect(clinicians.filter((c) => c.credentials.length === 0)).toHaveLength(31);
    expect(clinicians.filter((c) => c.address.zip === null)).toHaveLength(0);
    expect(clinicians.every((c) => c.specialties.length > 0 && c.specialties.every((s) => s.code !== null))).toBe(true);
    const warnings = rows.flatMap((row) => (row.kind === 'clinician' ? row.warnings : []));
    expect(warnings).toEqual([]);
  });
});

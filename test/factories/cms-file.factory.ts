import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One CMS Doctors and Clinicians row by field; anything not given takes the value of CMS_ROW. */
export type CmsRowFields = Partial<Record<keyof typeof CMS_ROW | 'ln_2_sprs' | 'hospital2' | 'telehealth', string>>;

/** A physician in Naples, FL, as the CMS file writes her: capitals, credential with dots, a ZIP+4 without dash. */
export const CMS_ROW = {
  NPI: '1234567893',
  last: 'PEREZ-RODRIGUEZ',
  first: 'SOCRATES',
  middle: 'J',
  suff: '',
  gndr: 'M',
  Cred: 'M.D.',
  Med_sch: 'GEORGE WASHINGTON UNIVERSITY SCHOOL OF MEDICINE',
  Grd_yr: '1981',
  pri_spec: 'INTERNAL MEDICINE',
  sec_spec_1: 'CARDIOVASCULAR DISEASE (CARDIOLOGY)',
  sec_spec_all: 'CARDIOVASCULAR DISEASE (CARDIOLOGY)',
  adr_ln_1: '870 111TH AVE N',
  adr_ln_2: 'SUITE 3',
  city: 'NAPLES',
  state: 'FL',
  zip: '341081869',
  phone: '2394350000',
  hospital1: 'NAPLES COMMUNITY HOSPITAL',
  adrs_id: 'FL341081869NA870XXNXXX405',
};

// The 2021 short names, with the space after each comma that the real file has in its header.
export const CMS_SHORT_HEADER = [
  'NPI', 'Ind_PAC_ID', 'Ind_enrl_ID', 'lst_nm', 'frst_nm', 'mid_nm', 'suff', 'gndr', 'Cred', 'Med_sch', 'Grd_yr', 'pri_spec',
  'sec_spec_1', 'sec_spec_2', 'sec_spec_3', 'sec_spec_4', 'sec_spec_all', 'org_nm', 'org_pac_id', 'num_org_mem', 'adr_ln_1',
  'adr_ln_2', 'ln_2_sprs', 'cty', 'st', 'zip', 'phn_numbr', 'hosp_afl_1', 'hosp_afl_lbn_1', 'hosp_afl_2', 'hosp_afl_lbn_2', 'adrs_id',
];

// The current long names.
export const CMS_LONG_HEADER = [
  'NPI', 'Ind_PAC_ID', 'Ind_enrl_ID', 'Provider Last Name', 'Provider First Name', 'Provider Middle Name', 'suff', 'gndr', 'Cred',
  'Med_sch', 'Grd_yr', 'pri_spec', 'sec_spec_1', 'sec_spec_2', 'sec_spec_3', 'sec_spec_4', 'sec_spec_all', 'Telehlth',
  'Facility Name', 'org_pac_id', 'num_org_mem', 'adr_ln_1', 'adr_ln_2', 'ln_2_sprs', 'City/Town', 'State', 'ZIP Code',
  'Telephone Number', 'ind_assgn', 'grp_assgn', 'adrs_id',
];

const csvValue = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function cmsShortRow(fields: CmsRowFields): string {
  const f = { ...CMS_ROW, ...fields };
  return [
    f.NPI, '9638060049', 'I20040324000394', f.last, f.first, f.middle, f.suff, f.gndr, f.Cred, f.Med_sch, f.Grd_yr, f.pri_spec,
    f.sec_spec_1, '', '', '', f.sec_spec_all, '', '', '', f.adr_ln_1, f.adr_ln_2, f.ln_2_sprs ?? '', f.city, f.state, f.zip, f.phone,
    '100018', f.hospital1, '', f.hospital2 ?? '', f.adrs_id,
  ].map(csvValue).join(',');
}

export function cmsLongRow(fields: CmsRowFields): string {
  const f = { ...CMS_ROW, ...fields };
  return [
    f.NPI, '9638060049', 'I20040324000394', f.last, f.first, f.middle, f.suff, f.gndr, f.Cred, f.Med_sch, f.Grd_yr, f.pri_spec,
    f.sec_spec_1, '', '', '', f.sec_spec_all, f.telehealth ?? '', 'NAPLES MEDICAL GROUP', '', '', f.adr_ln_1, f.adr_ln_2,
    f.ln_2_sprs ?? '', f.city, f.state, f.zip, f.phone, 'Y', 'M', f.adrs_id,
  ].map(csvValue).join(',');
}

/** A whole file in the 2021 layout (header with spaces after commas, as CMS wrote it). */
export const cmsShortFile = (...rows: CmsRowFields[]): string => [CMS_SHORT_HEADER.join(', '), ...rows.map(cmsShortRow)].join('\n');

/** A whole file in the current layout, with Windows line ends. */
export const cmsLongFile = (...rows: CmsRowFields[]): string => [CMS_LONG_HEADER.join(','), ...rows.map(cmsLongRow)].join('\r\n');

export async function writeCmsFile(directory: string, name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, `${text}\n`);
  return path;
}

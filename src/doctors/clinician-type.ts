import { normaliseCredentials } from './credentials.js';
import { catalogSpecialtyForCode } from './specialties/specialty-lookup.js';

export const CLINICIAN_TYPES = [
  'physician',
  'nurse_practitioner',
  'physician_assistant',
  'chiropractor',
  'podiatrist',
  'dentist',
  'optometrist',
  'psychologist',
  'therapist',
  'nurse',
  'other',
] as const;

export type ClinicianType = (typeof CLINICIAN_TYPES)[number];

/**
 * Credentials that settle the clinician type, most decisive first: "RN, FNP" is a nurse
 * practitioner and "MD, PhD" a physician. PhD alone settles nothing (psychologist or scientist).
 */
export const CREDENTIAL_CLINICIAN_TYPES: readonly (readonly [ClinicianType, readonly string[]])[] = [
  ['physician', ['MD', 'DO', 'MBBS', 'MBChB', 'MBBCh', 'BMBS']],
  [
    'nurse_practitioner',
    ['NP', 'FNP', 'FNP-BC', 'FNP-C', 'ANP', 'ANP-BC', 'AGNP', 'AGNP-C', 'AGACNP', 'ACNP', 'PMHNP', 'PMHNP-BC', 'WHNP', 'PNP', 'NNP', 'CNP', 'APRN', 'APN', 'CRNA', 'CNM'],
  ],
  ['physician_assistant', ['PA', 'PA-C']],
  ['chiropractor', ['DC']],
  ['podiatrist', ['DPM']],
  ['dentist', ['DDS', 'DMD', 'BDS']],
  ['optometrist', ['OD']],
  ['psychologist', ['PsyD']],
  ['therapist', ['LCSW', 'LICSW', 'LMFT', 'LPC', 'LPCC', 'LMHC', 'PT', 'DPT', 'OT', 'OTR', 'OTD', 'SLP', 'CCC-SLP']],
  ['nurse', ['RN', 'LPN', 'LVN']],
];

/**
 * Credentials first (in the order above), then the catalog type of the first specialty code that
 * the catalog knows, directly or through its NUCC classification; 'other' when neither decides.
 * Credentials may be raw ("M.D.") or normalised.
 */
export function deriveClinicianType(credentials: readonly string[], specialtyCodes: readonly string[]): ClinicianType {
  const held = new Set(normaliseCredentials(credentials).credentials);
  const byCredential = CREDENTIAL_CLINICIAN_TYPES.find(([, typeCredentials]) => typeCredentials.some((credential) => held.has(credential)));
  if (byCredential) return byCredential[0];
  for (const code of specialtyCodes) {
    const specialty = catalogSpecialtyForCode(code);
    if (specialty) return specialty.clinicianType;
  }
  return 'other';
}

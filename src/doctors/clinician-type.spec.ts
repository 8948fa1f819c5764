import { describe, expect, it } from 'vitest';
import { CLINICIAN_TYPES, CREDENTIAL_CLINICIAN_TYPES, deriveClinicianType } from './clinician-type.js';
import { isCredentialToken } from './credentials.js';

describe('deriveClinicianType', () => {
  it.each([
    [['MD'], 'physician'],
    [['M.D.', 'FACS'], 'physician'],
    [['DO'], 'physician'],
    [['MBBS', 'FRACS'], 'physician'],
    [['MD', 'PhD'], 'physician'],
    [['RN', 'FNP-BC'], 'nurse_practitioner'],
    [['APRN'], 'nurse_practitioner'],
    [['CRNA'], 'nurse_practitioner'],
    [['CNM'], 'nurse_practitioner'],
    [['PA-C'], 'physician_assistant'],
    [['DC'], 'chiropractor'],
    [['DPM'], 'podiatrist'],
    [['DDS'], 'dentist'],
    [['DMD', 'MD'], 'physician'],
    [['OD'], 'optometrist'],
    [['PsyD'], 'psychologist'],
    [['LCSW'], 'therapist'],
    [['DPT'], 'therapist'],
    [['RN'], 'nurse'],
  ] as const)('reads credentials %j as %s', (credentials, type) => {
    expect(deriveClinicianType(credentials, [])).toBe(type);
  });

  it('lets credentials outrank the specialty', () => {
    expect(deriveClinicianType(['NP'], ['207N00000X'])).toBe('nurse_practitioner');
  });

  it.each([
    [['207N00000X'], 'physician'],
    [['363LF0000X'], 'nurse_practitioner'],
    [['363LA2200X'], 'nurse_practitioner'],
    [['111N00000X'], 'chiropractor'],
    [['103TC0700X'], 'psychologist'],
    [['1223S0112X'], 'dentist'],
    [['225100000X'], 'therapist'],
    [['332B00000X', '213E00000X'], 'podiatrist'],
  ] as const)('falls back to the catalog type of specialty %j', (codes, type) => {
    expect(deriveClinicianType(['PhD'], codes)).toBe(type);
  });

  it('answers other when neither credentials nor specialties decide', () => {
    expect(deriveClinicianType([], [])).toBe('other');
    expect(deriveClinicianType(['PhD', 'MBA'], ['332B00000X'])).toBe('other');
  });

  it('maps only known credentials, in canonical spelling, to known types', () => {
    for (const [type, credentials] of CREDENTIAL_CLINICIAN_TYPES) {
      expect(CLINICIAN_TYPES).toContain(type);
      for (const credential of credentials) expect(isCredentialToken(credential), credential).toBe(true);
    }
  });
});

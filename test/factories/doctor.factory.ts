import { npiCheckDigit } from '../../src/doctors/npi.js';

let sequence = 0;

/** A valid NPI nobody else in this test run has (9 digits from a counter + the Luhn check digit). */
export function uniqueNpi(): string {
  sequence += 1;
  const first9 = String(100_000_000 + ((process.pid * 1000 + sequence) % 800_000_000)).padStart(9, '0');
  return `${first9}${npiCheckDigit(first9)}`;
}

/** The valid NPI that starts with these nine digits (the tenth is the Luhn check digit). */
export const npiFrom = (first9: number): string => `${first9}${npiCheckDigit(String(first9))}`;

/** A create-doctor body that passes validation; override any field. */
export function makeDoctor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    givenName: 'Sam',
    familyName: `Testdoc${sequence}`,
    credentials: ['MD', 'FACS'],
    specialties: [{ code: '207YS0123X', primary: true }],
    locations: [{ city: 'Seattle', region: 'WA', country: 'US', postalCode: '98104' }],
    languages: ['en'],
    acceptingNewPatients: true,
    ...overrides,
  };
}

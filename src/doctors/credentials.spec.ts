import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCredentialToken, normaliseCredentials } from './credentials.js';

describe('normaliseCredentials', () => {
  it.each([
    ['MD, FACS', ['MD', 'FACS']],
    ['M.D., F.A.A.C.S.', ['MD', 'FAACS']],
    ['Ph.D.', ['PhD']],
    ['md phd', ['MD', 'PhD']],
    ['MD; FRCPC', ['MD', 'FRCPC']],
    ['MBBS/FRACS', ['MBBS', 'FRACS']],
    ['MBChB FRCS', ['MBChB', 'FRCS']],
    ['DO, DO, MPH', ['DO', 'MPH']],
    ['PA-C', ['PA-C']],
    ['pa-c', ['PA-C']],
    ['FNP-BC, APRN', ['FNP-BC', 'APRN']],
    ['PsyD', ['PsyD']],
    ['PHARMD', ['PharmD']],
    ['MD-PhD', ['MD', 'PhD']],
    ['MD, FAOCD', ['MD', 'FAOCD']],
    ['MD, Board Certified Dermatologist', ['MD']],
    ['MD, JR, III', ['MD']],
    [' , ;; ', []],
    ['', []],
  ])('reads %j as %j', (raw, credentials) => {
    expect(normaliseCredentials(raw).credentials).toEqual(credentials);
  });

  it('keeps the trimmed original text', () => {
    expect(normaliseCredentials('  M.D., F.A.C.S. ')).toEqual({ credentials: ['MD', 'FACS'], raw: 'M.D., F.A.C.S.' });
  });

  it('joins array input for raw and reads every item', () => {
    expect(normaliseCredentials([' MD ', '', 'Ph.D.', 'MD'])).toEqual({ credentials: ['MD', 'PhD'], raw: 'MD, Ph.D., MD' });
  });

  it('never throws, never repeats a credential, and keeps the text in raw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 4 })), (raw) => {
        const result = normaliseCredentials(raw);
        expect(new Set(result.credentials).size).toBe(result.credentials.length);
        expect(result.credentials.every(Boolean)).toBe(true);
        const items = typeof raw === 'string' ? [raw] : raw;
        for (const item of items) expect(result.raw).toContain(item.trim());
      }),
    );
  });

  it('is stable on its own output', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const { credentials } = normaliseCredentials(raw);
        expect(normaliseCredentials(credentials).credentials).toEqual(credentials);
      }),
    );
  });
});

describe('isCredentialToken', () => {
  it.each(['MD', 'FACS', 'M.D.', 'F.A.A.C.S.', 'Ph.D.', 'PhD', 'PHD', 'FRCPC', 'MBBS', 'PA-C', 'DO', 'MD,', ' FRACS '])(
    'recognises %j',
    (token) => {
      expect(isCredentialToken(token)).toBe(true);
    },
  );

  it.each(['Sam', 'Naficy', 'SAM', 'Do', 'md', 'Dr.', 'Jr', 'III', 'Seattle', '', 'MDX'])('rejects %j', (token) => {
    expect(isCredentialToken(token)).toBe(false);
  });

  it('tells credentials from name parts in a signature line', () => {
    const line = 'Sam Naficy, MD, FACS';
    expect(line.split(/[\s,]+/).filter(isCredentialToken)).toEqual(['MD', 'FACS']);
  });
});

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../../test/utils/shared.js';
import { CLINICIAN_TYPES } from '../clinician-type.js';
import { SPECIALTY_CATALOG } from './specialty-catalog.js';
import { specialtyTermKey, TAXONOMY_CODE_PATTERN } from './specialty-lookup.js';

// A specialty may be named like its practitioner ("Nurse Practitioner"); every other term must differ.
const termsOf = (entry: (typeof SPECIALTY_CATALOG)[number]): string[] => [
  ...new Set([entry.name, entry.practitionerNoun]),
  ...entry.nounVariants,
  ...entry.synonyms,
];

describe('SPECIALTY_CATALOG', () => {
  it('covers at least 70 specialties', () => {
    expect(SPECIALTY_CATALOG.length).toBeGreaterThanOrEqual(70);
  });

  it('has unique, well-formed NUCC codes', () => {
    const codes = SPECIALTY_CATALOG.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(TAXONOMY_CODE_PATTERN);
  });

  it('has unique display names and practitioner nouns after folding', () => {
    const names = SPECIALTY_CATALOG.map((entry) => specialtyTermKey(entry.name));
    expect(new Set(names).size).toBe(names.length);
    const nouns = SPECIALTY_CATALOG.flatMap((entry) => [entry.practitionerNoun, ...entry.nounVariants].map(specialtyTermKey));
    expect(nouns.filter((noun, index) => nouns.indexOf(noun) !== index)).toEqual([]);
  });

  it('gives every folded term to one specialty and lists it once', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of SPECIALTY_CATALOG) {
      for (const key of termsOf(entry).map(specialtyTermKey)) {
        const owner = owners.get(key);
        if (owner) clashes.push(`${key}: ${owner} and ${entry.code}`);
        owners.set(key, entry.code);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has no empty or padded text and a known clinician type', () => {
    for (const entry of SPECIALTY_CATALOG) {
      for (const term of termsOf(entry)) {
        expect(term.trim(), entry.code).toBe(term);
        expect(specialtyTermKey(term), `${entry.code} "${term}"`).not.toBe('');
      }
      expect(CLINICIAN_TYPES).toContain(entry.clinicianType);
    }
  });

  it.each([
    ['207N00000X', 'Dermatology', 'Dermatologist'],
    ['207ND0101X', 'Mohs Surgery', 'Mohs Surgeon'],
    ['207NS0135X', 'Procedural Dermatology', 'Dermatologic Surgeon'],
    ['208200000X', 'Plastic Surgery', 'Plastic Surgeon'],
    ['207YS0123X', 'Facial Plastic Surgery', 'Facial Plastic Surgeon'],
  ])('includes %s %s (%s)', (code, name, noun) => {
    expect(SPECIALTY_CATALOG.find((entry) => entry.code === code)).toMatchObject({ name, practitionerNoun: noun });
  });
});

interface NuccRow {
  Code: string;
  'Display Name': string;
}

describeWithShared('SPECIALTY_CATALOG against the NUCC code set', ['reference', 'nucc_taxonomy_251.csv'], () => {
  it('uses only active NUCC codes', () => {
    const rows = parse<NuccRow>(readFileSync(sharedPath('reference', 'nucc_taxonomy_251.csv'), 'utf8'), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
    });
    const active = new Set(rows.filter((row) => !row['Display Name'].startsWith('Deactivated')).map((row) => row.Code.trim()));
    expect(active.size).toBeGreaterThan(800);
    expect(SPECIALTY_CATALOG.map((entry) => entry.code).filter((code) => !active.has(code))).toEqual([]);
  });
});

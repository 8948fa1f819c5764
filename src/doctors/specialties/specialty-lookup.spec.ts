import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECIALTY_CATALOG } from './specialty-catalog.js';
import {
  catalogSpecialtyForCode,
  expandSynonyms,
  findSpecialty,
  matchPractitionerNounSuffix,
  specialtyTermKey,
} from './specialty-lookup.js';

const nameOf = (text: string): string | undefined => findSpecialty(text)?.name;

describe('specialtyTermKey', () => {
  it('unifies British spellings and -ological adjectives', () => {
    expect(specialtyTermKey('Orthopaedic Surgeon')).toBe(specialtyTermKey('Orthopedic surgeon'));
    expect(specialtyTermKey('Paediatrician')).toBe('pediatrician');
    expect(specialtyTermKey('Haematologist')).toBe('hematologist');
    expect(specialtyTermKey('Dermatological Surgeon')).toBe('dermatologic surgeon');
    expect(specialtyTermKey('Gynaecological Oncologist')).toBe('gynecologic oncologist');
  });
});

describe('findSpecialty', () => {
  it.each([
    ['207N00000X', 'Dermatology'],
    ['207nd0101x', 'Mohs Surgery'],
    [' 207YS0123X ', 'Facial Plastic Surgery'],
    ['Dermatology', 'Dermatology'],
    ['DERMATOLOGIST', 'Dermatology'],
    ['skin doctor', 'Dermatology'],
    ['Dermatologic Surgeon', 'Procedural Dermatology'],
    ['Dermatological Surgeon', 'Procedural Dermatology'],
    ['Mohs surgeon', 'Mohs Surgery'],
    ['Cosmetic Surgeon', 'Plastic Surgery'],
    ['ENT', 'Otolaryngology (ENT)'],
    ['heart doctor', 'Cardiology'],
    ['OB/GYN', 'Obstetrics & Gynecology'],
    ['ob-gyn', 'Obstetrics & Gynecology'],
    ['foot doctor', 'Podiatry'],
    ['eye doctor', 'Ophthalmology'],
    ['kids doctor', 'Pediatrics'],
    ["Children's doctor", 'Pediatrics'],
    ['shrink', 'Psychiatry'],
    ['Orthopaedic Surgeon', 'Orthopedic Surgery'],
    ['orthopedic surgery', 'Orthopedic Surgery'],
    ['Paediatrician', 'Pediatrics'],
    ['Allergy and Immunology', 'Allergy & Immunology'],
    ['Physiotherapist', 'Physical Therapy'],
  ])('finds %j', (text, name) => {
    expect(nameOf(text)).toBe(name);
  });

  it.each([
    ['dermatolgist', 'Dermatology'],
    ['dermatologists', 'Dermatology'],
    ['dermatologsit', 'Dermatology'],
    ['cardiologst', 'Cardiology'],
    ['plastic surgoen', 'Plastic Surgery'],
    ['Faical Plastic Surgeon', 'Facial Plastic Surgery'],
  ])('tolerates one typo per long word: %j', (text, name) => {
    expect(nameOf(text)).toBe(name);
  });

  it('does not correct short words or two typos in one word', () => {
    expect(findSpecialty('ENTT')).toBeUndefined();
    expect(findSpecialty('dermtolgist')).toBeUndefined();
  });

  it('matches typos only when asked to', () => {
    expect(findSpecialty('dermatolgist', { typos: false })).toBeUndefined();
  });

  it('prefers an exact term over a typo match of another', () => {
    expect(nameOf('Hematologist')).toBe('Hematology');
    expect(nameOf('Hepatologist')).toBe('Hepatology');
  });

  it.each(['', '   ', 'astronaut', '999999999X', 'near me'])('finds nothing for %j', (text) => {
    expect(findSpecialty(text)).toBeUndefined();
  });

  it('finds every catalog entry by each of its own terms', () => {
    for (const entry of SPECIALTY_CATALOG) {
      for (const term of [entry.code, entry.name, entry.practitionerNoun, ...entry.nounVariants, ...entry.synonyms]) {
        expect(findSpecialty(term)?.code, term).toBe(entry.code);
      }
    }
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        findSpecialty(text);
      }),
    );
  });
});

describe('catalogSpecialtyForCode', () => {
  it('returns the entry for a catalog code', () => {
    expect(catalogSpecialtyForCode('207RC0000X')?.name).toBe('Cardiology');
  });

  it('falls back to the base code of the same NUCC classification', () => {
    expect(catalogSpecialtyForCode('2086S0102X')?.name).toBe('General Surgery');
    expect(catalogSpecialtyForCode('363LA2200X')?.name).toBe('Nurse Practitioner');
  });

  it('falls back to any entry of the classification when its base code is not in the catalog', () => {
    expect(catalogSpecialtyForCode('2084F0202X')?.code.startsWith('2084')).toBe(true);
  });

  it('returns undefined for unknown classifications and malformed codes', () => {
    expect(catalogSpecialtyForCode('332B00000X')).toBeUndefined();
    expect(catalogSpecialtyForCode('dermatology')).toBeUndefined();
  });
});

describe('matchPractitionerNounSuffix', () => {
  it.each([
    ['Seattle Facial Plastic Surgeon', 'Facial Plastic Surgeon', 'Seattle', 'Facial Plastic Surgery'],
    ['Los Angeles Plastic Surgeon', 'Plastic Surgeon', 'Los Angeles', 'Plastic Surgery'],
    ['Saint Louis Dermatologic Surgeon', 'Dermatologic Surgeon', 'Saint Louis', 'Procedural Dermatology'],
    ['Manhattan Dermatological Surgeon', 'Dermatological Surgeon', 'Manhattan', 'Procedural Dermatology'],
    ['Toronto Dermatologist', 'Dermatologist', 'Toronto', 'Dermatology'],
    ['Dermatologist', 'Dermatologist', '', 'Dermatology'],
    ['toronto DERMATOLOGIST', 'DERMATOLOGIST', 'toronto', 'Dermatology'],
    ['Sydney Orthopaedic Surgeon', 'Orthopaedic Surgeon', 'Sydney', 'Orthopedic Surgery'],
    ['Boston OB/GYN', 'OB/GYN', 'Boston', 'Obstetrics & Gynecology'],
    ['Montréal, Dermatologist', 'Dermatologist', 'Montréal', 'Dermatology'],
    ['Toronto Dermatolgist', 'Dermatolgist', 'Toronto', 'Dermatology'],
    ['New York Nurse Practitioner', 'Nurse Practitioner', 'New York', 'Nurse Practitioner'],
  ])('splits %j', (text, noun, rest, specialty) => {
    const match = matchPractitionerNounSuffix(text);
    expect(match).toMatchObject({ noun, rest });
    expect(match?.specialty.name).toBe(specialty);
  });

  it('needs the noun to start at a word boundary and end the text', () => {
    expect(matchPractitionerNounSuffix('Toronto Nondermatologist')).toBeUndefined();
    expect(matchPractitionerNounSuffix('Dermatologist in Toronto')).toBeUndefined();
    expect(matchPractitionerNounSuffix('')).toBeUndefined();
  });

  it('cuts noun and rest out of the input, in order', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...SPECIALTY_CATALOG.map((entry) => entry.practitionerNoun)), (prefix, noun) => {
        const text = `${prefix} ${noun}`;
        const match = matchPractitionerNounSuffix(text);
        expect(match).toBeDefined();
        expect(text.endsWith(match!.noun)).toBe(true);
        expect(text.slice(0, text.length - match!.noun.length)).toContain(match!.rest);
      }),
    );
  });
});

describe('expandSynonyms', () => {
  const namesIn = (text: string): string[] => expandSynonyms(text).map((entry) => entry.name);

  it.each([
    ['skin doctor near me', ['Dermatology']],
    ['best dermatologists in Toronto', ['Dermatology']],
    ['facial plastic surgeon seattle', ['Facial Plastic Surgery']],
    ['ENT or allergist', ['Otolaryngology (ENT)', 'Allergy & Immunology']],
    ['OB/GYN accepting new patients', ['Obstetrics & Gynecology']],
    ['heart doctors', ['Cardiology']],
    ['yoga classes', []],
    ['', []],
  ])('reads %j as %j', (text, names) => {
    expect(namesIn(text)).toEqual(names);
  });
});

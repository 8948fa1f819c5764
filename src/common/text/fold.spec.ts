import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatch, matchTokens, slugify, SLUG_MAX_LENGTH } from './fold.js';

describe('foldForMatch', () => {
  it.each([
    ['Saint Louis', 'saint louis'],
    ['St. Louis', 'saint louis'],
    ['st louis', 'saint louis'],
    ['ST.LOUIS', 'saint louis'],
    ['Ste. Foy', 'sainte foy'],
    ['Sainte-Foy', 'sainte foy'],
    ['Montréal', 'montreal'],
    ['MONTREAL', 'montreal'],
    ['Allergy & Immunology', 'allergy and immunology'],
    ['OB/GYN', 'ob gyn'],
    ["Women's Health", 'womens health'],
    ['Coeur d’Alene', 'coeur dalene'],
    ['  Winston-Salem,\tNC  ', 'winston salem nc'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Ærøskøbing', 'aeroskobing'],
    ['İstanbul', 'istanbul'],
    ['1st Street', '1st street'],
    ['', ''],
    ['...', ''],
  ])('folds %j to %j', (text, folded) => {
    expect(foldForMatch(text)).toBe(folded);
  });

  it('only expands St/Ste standing as a word', () => {
    expect(foldForMatch('Stephen Stewart')).toBe('stephen stewart');
    expect(foldForMatch('East St')).toBe('east saint');
  });

  it('is idempotent and yields single-spaced lower-case letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const folded = foldForMatch(text);
        expect(folded).toMatch(/^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u);
        expect(folded).toBe(folded.toLowerCase());
        expect(foldForMatch(folded)).toBe(folded);
      }),
    );
  });
});

describe('slugify', () => {
  it.each([
    ['Dr. Sam Naficy, MD', 'dr-sam-naficy-md'],
    ['Montréal Dermatology & Skin Care', 'montreal-dermatology-and-skin-care'],
    ["O'Brien-Smith", 'obrien-smith'],
    ['  --Hello--  ', 'hello'],
    ['東京', ''],
    ['!!!', ''],
    ['', ''],
  ])('slugifies %j to %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('cuts long text at a word boundary within the limit', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith('word')).toBe(true);
  });

  it('cuts a single overlong word', () => {
    expect(slugify('a'.repeat(200))).toBe('a'.repeat(SLUG_MAX_LENGTH));
  });

  it('always yields a well-formed slug or an empty string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        const slug = slugify(text);
        expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/);
      }),
    );
  });
});

describe('matchTokens', () => {
  it('keeps token positions in the original text and folds each token', () => {
    const text = 'St. Louis, Winston-Salem & OB/GYN';
    const tokens = matchTokens(text);
    expect(tokens.map((token) => text.slice(token.start, token.end))).toEqual([
      'St.',
      'Louis',
      'Winston',
      'Salem',
      '&',
      'OB',
      'GYN',
    ]);
    expect(tokens.map((token) => token.words)).toEqual([['saint'], ['louis'], ['winston'], ['salem'], ['and'], ['ob'], ['gyn']]);
  });

  it('drops tokens that fold to nothing', () => {
    expect(matchTokens(". ' -")).toEqual([]);
  });

  it('never loses a word that foldForMatch keeps', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const folded = matchTokens(text).flatMap((token) => token.words);
        expect(folded.join(' ')).toBe(foldForMatch(text));
      }),
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../geo/gazetteer.js';
import {
  parseLocationLine,
  parseNameLine,
  parseRatingLine,
  parseTruncatedLocationLine,
  parseTruncatedNameLine,
  parseTruncatedRatingLine,
} from './signature.parser.js';

let gazetteer: Gazetteer;
beforeAll(() => {
  gazetteer = Gazetteer.shared();
});

describe('parseNameLine', () => {
  it.each([
    ['Priya Raman, MD, FRCSC', 'Priya Raman', ['MD', 'FRCSC']],
    ['Lena Marchetti, MD, FRCPC', 'Lena Marchetti', ['MD', 'FRCPC']],
    ['Oliver Whitfield, MBBS, FRACS', 'Oliver Whitfield', ['MBBS', 'FRACS']],
    ['Hugh Carrington, M.D., F.A.A.C.S.', 'Hugh Carrington', ['MD', 'FAACS']],
    ['Dr. Ines Valdor, MD', 'Ines Valdor', ['MD']],
    ['Marcus Oyelaran, Jr., MD', 'Marcus Oyelaran, Jr.', ['MD']],
    ['Maria de la Fuente, DO', 'Maria de la Fuente', ['DO']],
    ["Seán O'Brannagh, MBBCh, BAO", "Seán O'Brannagh", ['MBBCh', 'BAO']],
    ['Oliver Whitfield MBBS FRACS', 'Oliver Whitfield', ['MBBS', 'FRACS']],
  ])('reads %j', (line, name, credentials) => {
    expect(parseNameLine(line)).toEqual({ name, credentials });
  });

  it.each([
    'Dr. Raman',
    'Best, Dr. Raman',
    'Hope that helps, good luck',
    'Thanks, MD',
    'Keep the brace on, it protects the graft',
    'Priya Raman, who trained in Toronto',
    'I asked my MD',
  ])('is not a name line: %j', (line) => {
    expect(parseNameLine(line)).toBeUndefined();
  });
});

describe('parseLocationLine', () => {
  it('splits a city from the longest practitioner noun, as written', () => {
    expect(parseLocationLine('Manchester Facial Plastic Surgeon', gazetteer)).toMatchObject({
      city: 'Manchester',
      specialty: 'Facial Plastic Surgeon',
      strength: 'strong',
      warnings: [],
    });
  });

  it.each([
    ['Saint Louis Dermatological Surgeon', 'Saint Louis', 'Dermatological Surgeon'],
    ['St. Louis Dermatologic Surgeon', 'St. Louis', 'Dermatologic Surgeon'],
    ['Sydney Plastic Surgeon', 'Sydney', 'Plastic Surgeon'],
    ['Toronto Oculoplastic Surgeon', 'Toronto', 'Oculoplastic Surgeon'],
    ['Ontario Dermatologist', 'Ontario', 'Dermatologist'],
    ['Australia Dermatologist', 'Australia', 'Dermatologist'],
    ['toronto dermatologist', 'toronto', 'dermatologist'],
  ])('reads %j', (line, city, specialty) => {
    const location = parseLocationLine(line, gazetteer);
    expect(location).toMatchObject({ city, specialty, strength: 'strong' });
    expect(location?.specialtyCode).toMatch(/^[0-9A-Z]{10}$/);
  });

  it('keeps a specialty typo as written with the matched code', () => {
    const typo = parseLocationLine('Toronto Dermatolgist', gazetteer);
    expect(typo).toMatchObject({ city: 'Toronto', specialty: 'Dermatolgist' });
    expect(typo?.specialtyCode).toBe(parseLocationLine('Toronto Dermatologist', gazetteer)?.specialtyCode);
  });

  it('keeps an unknown place as written, weak and with a warning', () => {
    const location = parseLocationLine('Quillanbrook Dermatologist', gazetteer);
    expect(location).toMatchObject({ city: 'Quillanbrook', specialty: 'Dermatologist', strength: 'weak' });
    expect(location?.warnings).toEqual([expect.stringMatching(/^signature\.unknown-location: /)]);
  });

  it('reads no weak line when weak lines are not allowed', () => {
    expect(parseLocationLine('Quillanbrook Dermatologist', gazetteer, false)).toBeUndefined();
    expect(parseLocationLine('Toronto Skin Wizard', gazetteer, false)).toBeUndefined();
    expect(parseLocationLine('Toronto Dermatologist', gazetteer, false)).toMatchObject({ strength: 'strong' });
  });

  it('keeps an unknown specialty after a known city, weak and with a warning', () => {
    const location = parseLocationLine('Toronto Skin Wizard', gazetteer);
    expect(location).toMatchObject({ city: 'Toronto', specialty: 'Skin Wizard', specialtyCode: null, strength: 'weak' });
    expect(location?.warnings).toEqual([expect.stringMatching(/^signature\.unknown-specialty: /)]);
  });

  it.each(['See a dermatologist', 'Please see your Dermatologist.', 'Toronto is lovely, see a Dermatologist', 'Botox and hair loss'])(
    'is not a location line: %j',
    (line) => {
      expect(parseLocationLine(line, gazetteer)).toBeUndefined();
    },
  );
});

describe('parseRatingLine', () => {
  it.each([
    ['4.7 out of 5 stars 231 reviews', 4.7, 231],
    ['5.0 out of 5 stars 1 review', 5, 1],
    ['4.5 out of 5 stars', 4.5, null],
    ['4.9 out of 5 stars 1,204 reviews', 4.9, 1204],
    ['4.2 out of 5 stars (18 reviews)', 4.2, 18],
  ])('reads %j', (line, rating, reviewCount) => {
    expect(parseRatingLine(line)).toEqual({ rating, reviewCount });
  });

  it.each(['7.5 out of 5 stars', 'I would give it 5 out of 5 stars', '4.7 out of 10'])('is not a rating line: %j', (line) => {
    expect(parseRatingLine(line)).toBeUndefined();
  });
});

describe('cut-off signature lines', () => {
  it.each([
    ['4.7 out of 5 st', 4.7, null],
    ['4.7 out', 4.7, null],
    ['4.7 out of 5 stars 23', 4.7, null],
    ['4.7 out of 5 stars 231 rev', 4.7, 231],
  ])('reads the rating of %j', (line, rating, reviewCount) => {
    expect(parseTruncatedRatingLine(line)).toEqual({ rating, reviewCount });
  });

  it('does not read a whole name line as a cut-off one', () => {
    expect(parseTruncatedNameLine('Priya Raman, MD, FRCSC')).toBeUndefined();
  });

  it('does not read a sentence as a cut-off rating', () => {
    expect(parseTruncatedRatingLine('3 weeks is early')).toBeUndefined();
  });

  it.each([
    ['Priya Raman, MD, FR', 'Priya Raman', ['MD']],
    ['Priya Raman, M', 'Priya Raman', []],
    ['Priya Raman,', 'Priya Raman', []],
  ])('reads the name of %j', (line, name, credentials) => {
    expect(parseTruncatedNameLine(line)).toEqual({ name, credentials });
  });

  it('reads the city at the start of a cut-off location line', () => {
    expect(parseTruncatedLocationLine('Manchester Fac', gazetteer)).toMatchObject({ city: 'Manchester', specialty: null });
    expect(parseTruncatedLocationLine('Quillanb', gazetteer)).toMatchObject({ city: null, specialty: null });
  });
});

import { describe, expect, it } from 'vitest';
import { decideMatch, type DoctorMatch } from './doctor-matcher.js';
import { canonicalCityKey, nameTokens, POSSIBLE_MATCH, scoreMatch, STRONG_MATCH, type MatchProfile, type MatchQuery } from './match-score.js';

const shelton: MatchProfile = {
  givenName: 'Ronald',
  familyName: 'Shelton',
  credentials: ['MD'],
  npi: null,
  cityKeys: ['new york'],
  regions: ['NY'],
  specialtyCodes: ['207NS0135X'],
};

const score = (query: MatchQuery, profile: MatchProfile = shelton) =>
  scoreMatch({ ...query, cityKey: canonicalCityKey(query.city, query.region, query.country ?? 'US') }, profile);

describe('scoreMatch', () => {
  it('finds the Q&A "Ronald Shelton, MD, Manhattan Dermatologic Surgeon" in a CMS row for RONALD SHELTON, NEW YORK, DERMATOLOGY', () => {
    const result = score({ givenName: 'RONALD', familyName: 'SHELTON', credentials: [], city: 'NEW YORK', region: 'NY', specialtyCode: '207N00000X', npi: '1234567893' });
    expect(result.score).toBeGreaterThanOrEqual(STRONG_MATCH);
    expect(result.reasons).toEqual(['same family name', 'same given name', 'same city', 'related specialty']);
  });

  it('maps boroughs to their city on the query side too', () => {
    expect(canonicalCityKey('Manhattan', 'NY', 'US')).toBe('new york');
    expect(score({ givenName: 'Ronald', familyName: 'Shelton', city: 'Brooklyn', region: 'NY' }).reasons).toContain('same city');
  });

  it('is decisive on the same NPI and rules out a different one', () => {
    const withNpi = { ...shelton, npi: '1234567893' };
    expect(score({ givenName: 'X', familyName: 'Y', npi: '1234567893' }, withNpi)).toEqual({ score: 1, reasons: ['same NPI'], decisive: true });
    expect(score({ givenName: 'Ronald', familyName: 'Shelton', city: 'New York', npi: '1245319599' }, withNpi).score).toBe(0);
  });

  it('takes hyphens and spaces alike, and accepts joined or partial double-barrelled family names for less', () => {
    const profile = { ...shelton, familyName: 'Perez-Rodriguez', givenName: 'Socrates' };
    expect(score({ givenName: 'Socrates', familyName: 'PEREZ RODRIGUEZ' }, profile).reasons[0]).toBe('same family name');
    for (const familyName of ['Perezrodriguez', 'Perez', 'Rodriguez']) {
      expect(score({ givenName: 'Socrates', familyName }, profile).reasons[0]).toBe('family name variant');
    }
    expect(score({ givenName: 'Socrates', familyName: 'Pérez-Rodríguez' }, profile).reasons[0]).toBe('same family name');
    expect(score({ givenName: 'Socrates', familyName: 'Perezz' }, profile).score).toBe(0);
  });

  it('accepts initials and short forms of the given name, for less', () => {
    expect(score({ givenName: 'R.', familyName: 'Shelton', city: 'New York' }).reasons).toContain('given name initial');
    expect(score({ givenName: 'Ron', familyName: 'Shelton', city: 'New York' }).reasons).toContain('given name short form');
    expect(score({ givenName: 'Donald', familyName: 'Shelton', city: 'New York' }).score).toBe(0);
  });

  it('lowers the score for another region, another specialty or another kind of clinician', () => {
    const same = score({ givenName: 'Ronald', familyName: 'Shelton', region: 'NY', specialtyCode: '207N00000X' }).score;
    expect(score({ givenName: 'Ronald', familyName: 'Shelton', city: 'Dallas', region: 'TX', specialtyCode: '207N00000X' }).score).toBeLessThan(POSSIBLE_MATCH);
    expect(score({ givenName: 'Ronald', familyName: 'Shelton', region: 'NY', specialtyCode: '207RC0000X' }).score).toBeLessThan(same);
    expect(score({ givenName: 'Ronald', familyName: 'Shelton', region: 'NY', specialtyCode: '207N00000X', credentials: ['NP'] }).score).toBeLessThan(same);
  });

  it('needs more than a name to be worth a look, and more than a name and a city to be certain', () => {
    expect(score({ givenName: 'Ronald', familyName: 'Shelton' }).score).toBeLessThan(POSSIBLE_MATCH);
    const nameAndCity = score({ givenName: 'Ronald', familyName: 'Shelton', city: 'New York', region: 'NY' }).score;
    expect(nameAndCity).toBeGreaterThanOrEqual(POSSIBLE_MATCH);
    expect(nameAndCity).toBeLessThan(STRONG_MATCH);
  });
});

describe('nameTokens', () => {
  it('splits like the database index does: no case, accents or apostrophes', () => {
    expect(nameTokens("O'Brien-Pérez  Jr.")).toEqual(['obrien', 'perez', 'jr', 'obrienperezjr']);
    expect(nameTokens('Shelton')).toEqual(['shelton']);
  });
});

describe('decideMatch', () => {
  const match = (doctorId: string, value: number, decisive = false): DoctorMatch =>
    ({ doctorId, slug: doctorId, displayName: doctorId, npi: null, score: value, reasons: [], decisive });

  it('takes one strong candidate alone as the same person', () => {
    expect(decideMatch([match('a', 0.95), match('b', 0.4)])).toEqual({ kind: 'same', match: match('a', 0.95) });
  });

  it('queues when a second candidate is worth a look, or the best is not strong', () => {
    expect(decideMatch([match('a', 0.95), match('b', 0.7)])).toMatchObject({ kind: 'possible', matches: [{ doctorId: 'a' }, { doctorId: 'b' }] });
    expect(decideMatch([match('a', 0.8)])).toMatchObject({ kind: 'possible', matches: [{ doctorId: 'a' }] });
  });

  it('knows no one below the threshold, and trusts a decisive match', () => {
    expect(decideMatch([match('a', 0.5)])).toEqual({ kind: 'none' });
    expect(decideMatch([match('a', 1, true)])).toMatchObject({ kind: 'same' });
  });
});

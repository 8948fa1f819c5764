import { foldForMatch, lowerAscii } from '../../common/text/fold.js';
import { Gazetteer } from '../../geo/gazetteer.js';
import { deriveClinicianType } from '../clinician-type.js';

/** What we know of a person to look for: from a directory row, a Q&A signature or a form. */
export interface MatchQuery {
  givenName: string;
  familyName: string;
  credentials?: readonly string[];
  city?: string | null;
  region?: string | null;
  country?: string | null;
  specialtyCode?: string | null;
  npi?: string | null;
}

/** A profile as the matcher compares it. */
export interface MatchProfile {
  givenName: string;
  familyName: string;
  credentials: readonly string[];
  npi: string | null;
  /** Folded canonical cities of its locations (`city_key`). */
  cityKeys: readonly string[];
  regions: readonly string[];
  specialtyCodes: readonly string[];
}

export interface MatchScore {
  /** 0 (not the same person) to 1 (certainly the same). */
  score: number;
  reasons: string[];
  /** An identifier settled it (same NPI). */
  decisive: boolean;
}

/** At or above: the same person, when no other profile comes close. */
export const STRONG_MATCH = 0.9;
/** At or above: worth a moderator's look. */
export const POSSIBLE_MATCH = 0.6;

const NO_MATCH: MatchScore = { score: 0, reasons: [], decisive: false };

/**
 * Words of a name for looking profiles up: lower case, no accents or apostrophes, split on anything else, and
 * all of them as one word when there are several ("Garcia-Marquez" also finds "Garciamarquez"). The database's
 * doctor_name_tokens() computes the same for the index.
 */
export function nameTokens(name: string): string[] {
  const words = lowerAscii(name)
    .replace(/['’‘ʼ`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 1 ? [...words, words.join('')] : words;
}

const words = (name: string): string[] => foldForMatch(name.replace(/['’‘ʼ`]/g, '')).split(' ').filter(Boolean);

/** Family names: the same words; or a double-barrelled name against one of its parts, or written as one word. */
function compareFamilyNames(query: string, profile: string): 'same' | 'variant' | 'different' {
  const a = words(query);
  const b = words(profile);
  if (a.length === 0 || b.length === 0) return 'different';
  if (a.join(' ') === b.join(' ')) return 'same';
  if (a.join('') === b.join('')) return 'variant';
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.every((word) => longer.includes(word)) ? 'variant' : 'different';
}

/** Given names: the same; a short form of at least three letters ("Ron" for "Ronald"); or an initial. */
function compareGivenNames(query: string, profile: string): 'same' | 'short' | 'initial' | 'different' {
  const a = words(query)[0] ?? '';
  const b = words(profile)[0] ?? '';
  if (!a || !b) return 'different';
  if (a === b) return 'same';
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  if (shorter.length === 1) return longer.startsWith(shorter) ? 'initial' : 'different';
  return shorter.length >= 3 && longer.startsWith(shorter) ? 'short' : 'different';
}

/** The query's city as profiles store it: canonical and folded ("Manhattan" → "new york"). */
export function canonicalCityKey(city: string | null | undefined, region?: string | null, country?: string | null): string | null {
  if (!city?.trim()) return null;
  const match = Gazetteer.shared().geocode({ city, region: region ?? undefined, country: country ?? undefined });
  return foldForMatch(match.status === 'unknown' || !match.city ? city : match.city);
}

const clinicianTypeOf = (credentials: readonly string[]): string | null => (credentials.length > 0 ? deriveClinicianType(credentials, []) : null);

/**
 * How likely a profile is the person of the query. Names must agree (family name exactly or as a
 * double-barrelled variant, given name exactly, as a short form or an initial); then the place (same city,
 * same region, or another region), the specialty (same code, or the same NUCC classification such as
 * Dermatology and Procedural Dermatology) and credentials of another kind of clinician move the score.
 * The same NPI is decisive; a different NPI is another person.
 */
export function scoreMatch(query: MatchQuery & { cityKey: string | null }, profile: MatchProfile): MatchScore {
  if (query.npi && profile.npi) {
    return query.npi === profile.npi ? { score: 1, reasons: ['same NPI'], decisive: true } : NO_MATCH;
  }
  const family = compareFamilyNames(query.familyName, profile.familyName);
  const given = compareGivenNames(query.givenName, profile.givenName);
  if (family === 'different' || given === 'different') return NO_MATCH;
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(reason);
  };
  add(family === 'same' ? 0.3 : 0.2, family === 'same' ? 'same family name' : 'family name variant');
  if (given === 'same') add(0.2, 'same given name');
  else if (given === 'short') add(0.15, 'given name short form');
  else add(0.05, 'given name initial');

  const region = query.region?.trim().toUpperCase();
  if (query.cityKey && profile.cityKeys.includes(query.cityKey)) add(0.3, 'same city');
  else if (region && profile.regions.some((r) => r.toUpperCase() === region)) add(0.1, 'same region');
  else if (region && profile.regions.length > 0) add(-0.3, 'another region');

  const code = query.specialtyCode?.toUpperCase();
  if (code && profile.specialtyCodes.length > 0) {
    if (profile.specialtyCodes.includes(code)) add(0.2, 'same specialty');
    else if (profile.specialtyCodes.some((other) => other.slice(0, 4) === code.slice(0, 4))) add(0.15, 'related specialty');
    else add(-0.1, 'another specialty');
  }

  const queryType = clinicianTypeOf(query.credentials ?? []);
  const profileType = clinicianTypeOf(profile.credentials);
  if (queryType && profileType && queryType !== profileType) add(-0.3, 'credentials of another kind of clinician');

  return { score: Math.max(0, Math.min(1, Math.round(score * 100) / 100)), reasons, decisive: false };
}

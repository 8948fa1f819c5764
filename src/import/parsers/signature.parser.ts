import { isCredentialToken, normaliseCredentials } from '../../doctors/credentials.js';
import { matchPractitionerNounSuffix } from '../../doctors/specialties/specialty-lookup.js';
import type { Gazetteer } from '../../geo/gazetteer.js';
import { isCourtesyLine } from './qa-text.js';
import { QA_WARNING } from './qa-warnings.js';

/**
 * The lines of an answer's signature block, each parsed on its own:
 *
 *     Sam Naficy, MD, FACS              name line
 *     Seattle Facial Plastic Surgeon    location line
 *     4.7 out of 5 stars 231 reviews    rating line
 */

export interface NameLine {
  /** As written, without a leading "Dr.". */
  name: string;
  credentials: string[];
}

export interface LocationLine {
  /** The place as written (a city, or a region or country when the page names no city). */
  city: string | null;
  /** The practitioner noun as written ("Dermatologic Surgeon"). */
  specialty: string | null;
  specialtyCode: string | null;
  /**
   * `strong`: a known specialty after a known place. `weak`: one of them unknown, or no place at all;
   * only to be trusted right below a name line, since a short capitalised body line can look the same.
   */
  strength: 'strong' | 'weak';
  warnings: string[];
}

export interface RatingLine {
  rating: number | null;
  reviewCount: number | null;
}

const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’-]*\.?|(?:\p{Lu}\.)+)$/u;
// Lower-case particles inside names: "Maria de la Cruz", "Jan van der Berg".
const NAME_PARTICLES = new Set(['de', 'del', 'della', 'der', 'den', 'di', 'da', 'do', 'dos', 'du', 'la', 'le', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'ten', 'ter', 'y']);
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;
const DR_PREFIX = /^dr\.?\s+/i;
const MAX_NAME_WORDS = 6;

function isNameWords(words: readonly string[], minimum: number): boolean {
  if (words.length < minimum || words.length > MAX_NAME_WORDS) return false;
  const first = words[0];
  const last = words.at(-1);
  if (first === undefined || last === undefined || !NAME_WORD.test(first) || !NAME_WORD.test(last)) return false;
  return words.every((word) => NAME_WORD.test(word) || NAME_PARTICLES.has(word));
}

/**
 * Credentials when every token reads as one and at least one is a known credential: "MD, FACS",
 * "M.D., F.A.A.C.S.", "MD, FABCS". Words ("who is great") make the line something else.
 */
function credentialsOf(text: string): string[] | undefined {
  const tokens = text.split(/[\s,;/]+/).filter((token) => token !== '');
  if (!tokens.some(isCredentialToken) || !tokens.every((token) => normaliseCredentials(token).credentials.length > 0)) return undefined;
  return normaliseCredentials(text).credentials;
}

/**
 * "Name, Credentials" ("Sam Naficy, MD, FACS", "Jane Roe, M.D., F.A.A.C.S.", "John Smith, Jr., MD"),
 * or credentials after the name without a comma ("Jane Roe MBBS FRACS").
 * A name without credentials is not a name line: "Dr. Roe" alone is a sign-off, not a signature.
 */
export function parseNameLine(line: string): NameLine | undefined {
  if (line.length > 120) return undefined;
  const prefix = DR_PREFIX.exec(line);
  const text = prefix === null ? line : line.slice(prefix[0].length);
  const minimumWords = prefix === null ? 2 : 1;

  const comma = text.indexOf(',');
  if (comma >= 0) {
    let nameEnd = comma;
    let credentialStart = comma + 1;
    // A generational suffix sits between name and credentials and belongs to the name.
    const next = text.indexOf(',', credentialStart);
    if (next >= 0 && NAME_SUFFIX.test(text.slice(credentialStart, next).trim())) {
      nameEnd = next;
      credentialStart = next + 1;
    }
    const name = text.slice(0, nameEnd).trim();
    const words = text.slice(0, comma).trim().split(/\s+/);
    const credentials = credentialsOf(text.slice(credentialStart));
    return credentials !== undefined && isNameWords(words, minimumWords) ? { name, credentials } : undefined;
  }

  const words = text.split(/\s+/);
  let split = words.length;
  while (split > 0 && isCredentialToken(words[split - 1] ?? '')) split -= 1;
  if (split === words.length) return undefined;
  const nameWords = words.slice(0, split);
  const credentials = credentialsOf(words.slice(split).join(' '));
  if (credentials === undefined || !isNameWords(nameWords, minimumWords)) return undefined;
  return { name: nameWords.join(' '), credentials };
}

const MAX_LOCATION_WORDS = 9;
// A location line is a short label: no clause punctuation, no period at the end ("St." inside is fine).
const LOCATION_SHAPE = /^[^!?:;,()"]*[\p{L}\p{N}]$/u;
const PLACE_WORD = /^(?:[\p{Lu}\p{N}]|(?:de|del|la|le|du|di|da|do|dos|upon|on|of|the|and|en|sur|am|im|an|d'|l')\b)/u;

/** Capitalised words ("Saint Louis", "Coeur d'Alene"), as an unknown place must be written to be taken for one. */
export function isPlaceShaped(text: string): boolean {
  return text.split(/\s+/).every((word) => PLACE_WORD.test(word));
}

function isLocationShaped(line: string): boolean {
  return LOCATION_SHAPE.test(line) && line.split(/\s+/).length <= MAX_LOCATION_WORDS;
}

/**
 * "Saint Louis Dermatologic Surgeon" → place "Saint Louis", noun "Dermatologic Surgeon": the longest
 * practitioner noun ending the line; what precedes it is the place, checked against the gazetteer
 * (any case). When that place is unknown, the longest known city at the start of the line is tried
 * instead, in case the noun match took a word that belongs to the city. An unknown place or
 * specialty is kept as written when it is capitalised like a name, and makes the line weak; with
 * `weakAllowed` false (no name line above) such lines are not location lines, and the lookups that
 * could only find weak readings are skipped.
 */
export function parseLocationLine(line: string, gazetteer: Gazetteer, weakAllowed = true): LocationLine | undefined {
  if (!isLocationShaped(line)) return undefined;
  const match = matchPractitionerNounSuffix(line);
  if (match !== undefined) {
    const place = match.rest;
    const found = { specialty: match.noun, specialtyCode: match.specialty.code };
    if (place === '') return weakAllowed ? { city: null, ...found, strength: 'weak', warnings: [] } : undefined;
    if (gazetteer.classifyPlace(place) !== null) return { city: place, ...found, strength: 'strong', warnings: [] };
    const prefix = gazetteer.findCityPrefix(line);
    const noun = prefix === undefined ? undefined : matchPractitionerNounSuffix(prefix.rest);
    if (prefix !== undefined && noun !== undefined && noun.rest === '') {
      return { city: prefix.city, specialty: noun.noun, specialtyCode: noun.specialty.code, strength: 'strong', warnings: [] };
    }
    if (!weakAllowed || !isPlaceShaped(place)) return undefined;
    // A place the gazetteer lacks (a suburb, a misspelling) is still the place the doctor wrote.
    return { city: place, ...found, strength: 'weak', warnings: [`${QA_WARNING.unknownLocation}: "${place}" in "${line}"`] };
  }
  if (!weakAllowed) return undefined;
  const prefix = gazetteer.findCityPrefix(line);
  if (prefix === undefined || prefix.rest === '' || !isPlaceShaped(prefix.rest)) return undefined;
  return {
    city: prefix.city,
    specialty: prefix.rest,
    specialtyCode: null,
    strength: 'weak',
    warnings: [`${QA_WARNING.unknownSpecialty}: "${prefix.rest}" in "${line}"`],
  };
}

const RATING_LINE = /^(\d(?:\.\d{1,2})?)\s*(?:out\s+of\s+5(?:\.0)?|\/\s*5)(?:\s+stars?)?(?:\s*[,·|(-]?\s*(\d{1,3}(?:,\d{3})+|\d+)\s+reviews?\)?)?$/i;

/** "4.7 out of 5 stars 231 reviews", "5.0 out of 5 stars 1 review", "4.5 out of 5 stars". */
export function parseRatingLine(line: string): RatingLine | undefined {
  const match = RATING_LINE.exec(line);
  if (match === null) return undefined;
  const rating = Number(match[1]);
  if (rating > 5) return undefined;
  const reviews = match[2];
  return { rating, reviewCount: reviews === undefined ? null : Number(reviews.replaceAll(',', '')) };
}

const RATING_WORDS = 'out of 5 stars';
const RATING_START = /^(\d(?:\.\d{1,2})?)\s+(\S.*)$/;

/**
 * The start of a rating line cut off by the end of the page ("4.7 out of 5 st", "4.7 out of 5 stars 23"):
 * the rating is kept; a review count is kept only when its word shows the number is complete.
 */
export function parseTruncatedRatingLine(line: string): RatingLine | undefined {
  const match = RATING_START.exec(line);
  if (match === null) return undefined;
  const rating = Number(match[1]);
  const rest = (match[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (rating > 5) return undefined;
  if (RATING_WORDS.startsWith(rest)) return { rating, reviewCount: null };
  if (!rest.startsWith(`${RATING_WORDS} `)) return undefined;
  const count = /^(\d[\d,]*)(?: (r(?:e(?:v(?:i(?:e(?:w(?:s)?)?)?)?)?)?))?$/.exec(rest.slice(RATING_WORDS.length + 1));
  if (count === null) return undefined;
  return { rating, reviewCount: count[2] === undefined ? null : Number((count[1] ?? '').replaceAll(',', '')) };
}

/**
 * The start of a name line cut off by the end of the page ("Jane Roe," or "Jane Roe, MD, FR"):
 * the name and the credentials that are complete tokens; undefined for a line that is whole.
 */
export function parseTruncatedNameLine(line: string): NameLine | undefined {
  const prefix = DR_PREFIX.exec(line);
  const text = prefix === null ? line : line.slice(prefix[0].length);
  const comma = text.indexOf(',');
  if (comma < 0) return undefined;
  const name = text.slice(0, comma).trim();
  // "Best Regards, Jane" ends many unsigned answers.
  if (isCourtesyLine(name) || !isNameWords(name.split(/\s+/), prefix === null ? 2 : 1)) return undefined;
  const tokens = text.slice(comma + 1).split(/[\s,]+/).filter((token) => token !== '');
  // Ending in a known credential, the line is whole. Otherwise the last token may be a cut-off
  // credential ("FR" of "FRCSC"); the ones before it are complete.
  if (isCredentialToken(tokens.at(-1) ?? '')) return undefined;
  const complete = tokens.slice(0, -1).join(' ');
  const credentials = complete === '' ? [] : credentialsOf(complete);
  return credentials === undefined ? undefined : { name, credentials };
}

/** A location line cut off by the end of the page: the city when one starts the line. */
export function parseTruncatedLocationLine(line: string, gazetteer: Gazetteer): LocationLine | undefined {
  if (!isLocationShaped(line) || !isPlaceShaped(line)) return undefined;
  const prefix = gazetteer.findCityPrefix(line);
  return { city: prefix?.city ?? null, specialty: null, specialtyCode: null, strength: 'weak', warnings: [] };
}

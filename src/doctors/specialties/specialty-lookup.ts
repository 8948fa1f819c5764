import { foldForMatch, matchTokens } from '../../common/text/fold.js';
import { SPECIALTY_CATALOG, type SpecialtyDefinition } from './specialty-catalog.js';

export const TAXONOMY_CODE_PATTERN = /^[0-9]{3}[0-9A-Z]{6}X$/;
/** Words at least this long may carry one typo in findSpecialty and matchPractitionerNounSuffix. */
export const TYPO_MIN_LENGTH = 6;

/**
 * One folded word in the form specialty terms are compared in: British spellings lose their extra
 * vowel (paediatric, orthopaedic, haematology, anaesthetist, oesophageal) and "-ological"
 * adjectives become "-ologic" (Dermatological = Dermatologic, Neurological = Neurologic).
 */
function termWord(word: string): string {
  return word.replace(/ae/g, 'e').replace(/^oe/, 'e').replace(/ological$/, 'ologic');
}

/** The comparison form of a specialty term or of user text; the catalog spec uses it to check terms are unique. */
export function specialtyTermKey(text: string): string {
  return termWords(text).join(' ');
}

function termWords(text: string): string[] {
  const folded = foldForMatch(text);
  return folded ? folded.split(' ').map(termWord) : [];
}

interface Term {
  words: readonly string[];
  specialty: SpecialtyDefinition;
}

const practitionerNouns = (specialty: SpecialtyDefinition): string[] => [specialty.practitionerNoun, ...specialty.nounVariants];
const toTerm = (specialty: SpecialtyDefinition) => (text: string): Term => ({ words: termWords(text), specialty });

const BY_CODE: ReadonlyMap<string, SpecialtyDefinition> = new Map(SPECIALTY_CATALOG.map((specialty) => [specialty.code, specialty]));
const NOUN_TERMS: readonly Term[] = SPECIALTY_CATALOG.flatMap((specialty) => practitionerNouns(specialty).map(toTerm(specialty)));
const ALL_TERMS: readonly Term[] = SPECIALTY_CATALOG.flatMap((specialty) =>
  [specialty.name, ...practitionerNouns(specialty), ...specialty.synonyms].map(toTerm(specialty)),
);
const BY_TERM: ReadonlyMap<string, SpecialtyDefinition> = new Map(ALL_TERMS.map((term) => [term.words.join(' '), term.specialty]));

/** True when the strings differ by at most one insertion, deletion, substitution or swap of neighbours. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start += 1;
  if (start === a.length && start === b.length) return true;
  if (a.length !== b.length) {
    const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
    return shorter.slice(start) === longer.slice(start + 1);
  }
  const swapped = a[start] === b[start + 1] && a[start + 1] === b[start];
  return a.slice(start + 1) === b.slice(start + 1) || (swapped && a.slice(start + 2) === b.slice(start + 2));
}

/** 0 for the same word, 1 for one typo in a vocabulary word of TYPO_MIN_LENGTH letters or more, else Infinity. */
function wordCost(input: string, vocabulary: string): number {
  if (input === vocabulary) return 0;
  return vocabulary.length >= TYPO_MIN_LENGTH && withinOneEdit(input, vocabulary) ? 1 : Number.POSITIVE_INFINITY;
}

function termCost(inputWords: readonly string[], offset: number, term: Term): number {
  let cost = 0;
  for (let index = 0; index < term.words.length && Number.isFinite(cost); index += 1) {
    cost += wordCost(inputWords[offset + index] ?? '', term.words[index] ?? '');
  }
  return cost;
}

/** The one specialty whose term is closest within one typo per word, or undefined when none or several tie. */
function closestByTypos(words: readonly string[]): SpecialtyDefinition | undefined {
  let bestCost = Number.POSITIVE_INFINITY;
  let best = new Set<SpecialtyDefinition>();
  for (const term of ALL_TERMS) {
    if (term.words.length !== words.length) continue;
    const cost = termCost(words, 0, term);
    if (cost < bestCost) {
      bestCost = cost;
      best = new Set([term.specialty]);
    } else if (cost === bestCost && Number.isFinite(cost)) {
      best.add(term.specialty);
    }
  }
  return best.size === 1 ? [...best][0] : undefined;
}

export interface FindSpecialtyOptions {
  /** Allow one typo per word of 6+ letters (default true). */
  typos?: boolean;
}

/**
 * The catalog specialty for a NUCC code (any case) or for a display name, practitioner noun,
 * noun variant or synonym. Text is compared folded (case, accents, punctuation), with British
 * spellings and "-ological" adjectives unified. When nothing matches exactly, each word of six
 * letters or more may differ from the catalog word by one insertion, deletion, substitution or
 * swap ("dermatolgist", "dermatologists"); the closest term wins, and a tie between two
 * specialties returns undefined rather than a guess.
 */
export function findSpecialty(codeOrText: string, options: FindSpecialtyOptions = {}): SpecialtyDefinition | undefined {
  const code = codeOrText.trim().toUpperCase();
  if (TAXONOMY_CODE_PATTERN.test(code)) return BY_CODE.get(code);
  const words = termWords(codeOrText);
  if (words.length === 0) return undefined;
  const exact = BY_TERM.get(words.join(' '));
  if (exact || options.typos === false) return exact;
  return closestByTypos(words);
}

/**
 * The catalog entry for a NUCC code; for a code outside the catalog, the entry of the same NUCC
 * classification (the code's first four characters), preferring the classification's base code
 * (`2086S0129X` falls back to `208600000X`), else the first such entry in catalog order.
 */
export function catalogSpecialtyForCode(code: string): SpecialtyDefinition | undefined {
  const normalised = code.trim().toUpperCase();
  const exact = BY_CODE.get(normalised);
  if (exact || !TAXONOMY_CODE_PATTERN.test(normalised)) return exact;
  const classification = normalised.slice(0, 4);
  return BY_CODE.get(`${classification}00000X`) ?? SPECIALTY_CATALOG.find((specialty) => specialty.code.startsWith(classification));
}

export interface PractitionerNounMatch {
  /** The noun exactly as written in the text. */
  noun: string;
  specialty: SpecialtyDefinition;
  /** The text before the noun, as written, without surrounding spaces or separators. */
  rest: string;
}

const EDGE_SEPARATORS = /^[\s,;:|/\-–—]+|[\s,;:|/\-–—]+$/g;

/**
 * The longest practitioner noun or noun variant that ends the text, e.g. "Seattle Facial Plastic
 * Surgeon" gives "Facial Plastic Surgeon" and rest "Seattle". Compared like findSpecialty (case,
 * accents, British spellings, Dermatologic = Dermatological, one typo per word of six letters or
 * more), with an exact match preferred over a typo match of the same length. The noun starts at a
 * word boundary of the original text.
 */
export function matchPractitionerNounSuffix(text: string): PractitionerNounMatch | undefined {
  const tokens = matchTokens(text);
  const words = tokens.flatMap((token, tokenIndex) =>
    token.words.map((word, index) => ({ word: termWord(word), tokenIndex, startsToken: index === 0 })),
  );
  const wordList = words.map((entry) => entry.word);
  let best: { start: number; cost: number; specialty: SpecialtyDefinition } | undefined;
  for (const term of NOUN_TERMS) {
    const start = words.length - term.words.length;
    if (start < 0 || !words[start]?.startsToken) continue;
    const cost = termCost(wordList, start, term);
    if (!Number.isFinite(cost)) continue;
    if (!best || start < best.start || (start === best.start && cost < best.cost)) best = { start, cost, specialty: term.specialty };
  }
  const firstToken = best && tokens[words[best.start]?.tokenIndex ?? 0];
  const lastToken = tokens.at(-1);
  if (!best || !firstToken || !lastToken) return undefined;
  return {
    noun: text.slice(firstToken.start, lastToken.end),
    specialty: best.specialty,
    rest: text.slice(0, firstToken.start).replace(EDGE_SEPARATORS, ''),
  };
}

/** Same word, or the word with a plural ending ("dermatologists", "skin doctors"). */
const sameOrPlural = (input: string, vocabulary: string): boolean =>
  input === vocabulary || input === `${vocabulary}s` || input === `${vocabulary}es`;

/**
 * Specialties named anywhere in a free-text query ("skin doctor near me" gives Dermatology), in the
 * order they appear. Overlapping mentions resolve to the longest ("facial plastic surgeon" is Facial
 * Plastic Surgery only, not also Plastic Surgery). Words must match exactly or as plurals: no typo
 * tolerance here, since ordinary words in a query sit one letter away from terms ("classes").
 */
export function expandSynonyms(text: string): SpecialtyDefinition[] {
  const words = matchTokens(text).flatMap((token) => token.words.map(termWord));
  const mentions: { start: number; length: number; specialty: SpecialtyDefinition }[] = [];
  for (const term of ALL_TERMS) {
    for (let start = 0; start + term.words.length <= words.length; start += 1) {
      if (term.words.every((word, index) => sameOrPlural(words[start + index] ?? '', word))) {
        mentions.push({ start, length: term.words.length, specialty: term.specialty });
      }
    }
  }
  mentions.sort((a, b) => b.length - a.length || a.start - b.start);
  const covered = new Set<number>();
  const kept: typeof mentions = [];
  for (const mention of mentions) {
    const positions = Array.from({ length: mention.length }, (_, index) => mention.start + index);
    if (positions.some((position) => covered.has(position))) continue;
    positions.forEach((position) => covered.add(position));
    kept.push(mention);
  }
  return [...new Set(kept.sort((a, b) => a.start - b.start).map((mention) => mention.specialty))];
}

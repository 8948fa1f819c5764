import { foldForMatch, matchTokens } from '../common/text/fold.js';
import { findSpecialty } from '../doctors/specialties/specialty-lookup.js';
import { Gazetteer } from '../geo/gazetteer.js';
import type { TextCriteria } from './search-engine.js';

/** The longest specialty phrase looked for ("primary care physician"); longer ones are not in the catalog. */
const MAX_PHRASE_WORDS = 4;

/** Words that carry no meaning in a directory search ("dr naficy", "dermatologist in seattle"). */
const STOP_WORDS = new Set(['a', 'an', 'and', 'at', 'doctor', 'doctors', 'dr', 'for', 'in', 'near', 'of', 'the']);

const foldedWords = (text: string | undefined): string[] => (text ? foldForMatch(text) : '').split(' ').filter(Boolean);

/** The query's folded words without stop words, each once. */
export function queryWords(text: string | undefined): string[] {
  return [...new Set(foldedWords(text).filter((word) => !STOP_WORDS.has(word)))];
}

/**
 * Splits a query into the specialties it names and the words left to match, the same way for every engine: the
 * longest phrase the catalog knows (a name, practitioner noun or patient synonym, one typo allowed in long words)
 * becomes a specialty; everything else stays a word to match in names, cities and bios.
 * "skin doctor seattle" → Dermatology + ["seattle"]; "dermatolgist" → Dermatology; "Naficey" → ["naficey"].
 */
export function understandText(text: string | undefined): TextCriteria {
  const words = foldedWords(text);
  const specialtyCodes = new Set<string>();
  const terms: string[] = [];
  let index = 0;
  while (index < words.length) {
    let consumed = 0;
    for (let length = Math.min(MAX_PHRASE_WORDS, words.length - index); length > 0 && consumed === 0; length -= 1) {
      const specialty = findSpecialty(words.slice(index, index + length).join(' '));
      if (specialty) {
        specialtyCodes.add(specialty.code);
        consumed = length;
      }
    }
    if (consumed === 0) {
      const word = words[index] ?? '';
      if (!STOP_WORDS.has(word)) terms.push(word);
      consumed = 1;
    }
    index += consumed;
  }
  return { terms: [...new Set(terms)], specialtyCodes: [...specialtyCodes] };
}

/**
 * With a specialty named, a known city at the start of the words left is where to look, not a word to match:
 * "dermatologist albuquerque" means dermatologists in Albuquerque, a filter both engines answer from their filter
 * indexes. Without a specialty, words stay words ("paris" may be a name).
 */
export function takeCity(text: TextCriteria): { text: TextCriteria; city?: string } {
  if (text.specialtyCodes.length === 0 || text.terms.length === 0) return { text };
  const found = Gazetteer.shared().findCityPrefix(text.terms.join(' '));
  if (!found) return { text };
  return { text: { ...text, terms: found.rest.split(' ').filter(Boolean) }, city: found.city };
}

export type MatchRange = [start: number, end: number];

/** Where the query's words occur in `text` (a word matches when it starts with a term), as written. */
export function matchRanges(text: string, terms: readonly string[]): MatchRange[] {
  if (terms.length === 0) return [];
  const ranges: MatchRange[] = [];
  for (const token of matchTokens(text)) {
    if (!token.words.some((word) => terms.some((term) => word.startsWith(term)))) continue;
    // Tokens keep in-word dots ("St."); a sentence's full stop is not part of the match.
    let end = token.end;
    while (end > token.start + 1 && text[end - 1] === '.') end -= 1;
    ranges.push([token.start, end]);
  }
  return ranges;
}

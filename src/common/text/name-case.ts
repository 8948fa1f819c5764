// A letter that starts a word part: at the start, or after a space, hyphen, slash, period, apostrophe, quote or parenthesis.
const WORD_PART_START = /(^|[\s\-/.'’"(])(\p{L})/gu;
const HAS_LOWER_CASE = /\p{Ll}/u;
// "McDonald", "McLaren": Mc is always a prefix. "Mac" is not (Mack, Macy, Machado), so it is left alone.
const MC_PREFIX = /(?<=^|[\s\-/])Mc(\p{Ll})/gu;
const PLAIN_CAPITAL_WORD = /^(?!(?:I{1,3}|IV|V|VI{1,3}|IX|X)$)[A-Z]+$/;
const ROMAN_NUMERAL = /^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$/i;

/** Words an institution name keeps in lower case unless they start it. */
const INSTITUTION_SMALL_WORDS = new Set(['a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'the', 'to']);
/** Abbreviations an institution name keeps in capitals ("UT Southwestern", "NYU Langone"). */
const INSTITUTION_ACRONYMS = new Set([
  'UT', 'UC', 'UCLA', 'UCSF', 'USC', 'NYU', 'SUNY', 'CUNY', 'LSU', 'UAB', 'UNC', 'UPMC', 'VA', 'HCA', 'SSM', 'OSF', 'LIJ', 'NS',
  'HS', 'MD', 'PC', 'PA', 'LLC', 'USA', 'US', 'DO', 'UMDNJ', 'UTMB', 'OHSU', 'VCU', 'MCV', 'ECU', 'UNMC',
]);

// "St. John's": a possessive s stays small.
const POSSESSIVE_S = /(['’])S(?=\s|$)/g;

const capitaliseParts = (lower: string): string =>
  lower.replace(WORD_PART_START, (_, before: string, letter: string) => before + letter.toUpperCase()).replace(POSSESSIVE_S, '$1s');

/**
 * A person's name part as it is usually written: "PEREZ-RODRIGUEZ" → "Perez-Rodriguez", "MCDONALD" →
 * "McDonald", "O'BRIEN" → "O'Brien", "JR." → "Jr.", "III" stays. Text that already has lower-case
 * letters was written by someone who chose its casing, so it is only trimmed.
 */
export function titleCaseName(text: string): string {
  // Most names are one plain capitalised word: no regular expressions needed.
  if (PLAIN_CAPITAL_WORD.test(text)) {
    const rest = text.slice(1).toLowerCase();
    return text.startsWith('MC') && text.length > 3 ? `Mc${rest.charAt(1).toUpperCase()}${rest.slice(2)}` : `${text.charAt(0)}${rest}`;
  }
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (HAS_LOWER_CASE.test(trimmed)) return trimmed;
  if (ROMAN_NUMERAL.test(trimmed)) return trimmed.toUpperCase();
  return capitaliseParts(trimmed.toLowerCase()).replace(MC_PREFIX, (_, letter: string) => `Mc${letter.toUpperCase()}`);
}

/**
 * An institution written in capitals ("GEORGE WASHINGTON UNIVERSITY SCHOOL OF MEDICINE") in title case,
 * with small words in lower case and known abbreviations kept ("UT SOUTHWESTERN" → "UT Southwestern").
 * Mixed-case text is only trimmed.
 */
export function titleCaseInstitution(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (HAS_LOWER_CASE.test(trimmed)) return trimmed;
  // Separators are kept as tokens, so "NS/LIJ" and "HEALTH-ST" are cased part by part.
  return trimmed
    .split(/([\s\-/]+)/)
    .map((token, index) => {
      if (index % 2 === 1) return token;
      const bare = token.replace(/[^\p{L}]/gu, '');
      if (INSTITUTION_ACRONYMS.has(bare) || /\d/.test(token)) return token;
      const lower = token.toLowerCase();
      if (index > 0 && INSTITUTION_SMALL_WORDS.has(lower)) return lower;
      return titleCaseName(token);
    })
    .join('');
}

/** Latin letters that NFKD leaves whole, spelled the way an English keyboard user types them. */
const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSED_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSED_LETTERS).join('')}]`, 'g');
const COMBINING_MARKS = /\p{M}+/gu;
// Apostrophes join rather than split, so "Women's" and "Womens" fold alike.
const APOSTROPHES = /['’‘ʼ`]/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const SAINT_ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** Lower case without accents. NFKD runs on both sides of lower-casing because each can expose the other's work. */
export function lowerAscii(text: string): string {
  // Most names are plain ASCII; skipping normalisation for them halves the gazetteer's build time.
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED_LETTERS[letter] ?? letter);
}

// Already single-spaced lower-case ASCII words: nothing to split (most place names).
const PLAIN_WORDS = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const SAINT_ABBREVIATION = /(?<=^| )(?:st|ste)(?= |$)/g;

/** Lower-cased text as words separated by single spaces. */
function wordsOf(lower: string): string {
  if (PLAIN_WORDS.test(lower)) return lower;
  return lower.replace(APOSTROPHES, '').replace(/&/g, ' and ').split(NON_WORD).filter(Boolean).join(' ');
}

/**
 * The form two spellings of a name share: lower case, no accents, `St`/`Ste` as words expanded to
 * `saint`/`sainte`, `&` read as `and`, every other non letter or digit a word break, single spaces.
 * "St. Louis", "Saint Louis" and "st louis" all fold to "saint louis"; "Montréal" to "montreal".
 */
export function foldForMatch(text: string): string {
  return wordsOf(lowerAscii(text)).replace(SAINT_ABBREVIATION, (word) => SAINT_ABBREVIATIONS[word] ?? word);
}

export const SLUG_MAX_LENGTH = 80;

/** What slugify() makes: anything else in a URL where a slug may stand names nothing (and never reaches a query). */
export const isSlug = (text: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);

/**
 * ASCII lower-case words joined by `-`, at most 80 characters, cut at a word boundary.
 * Returns '' when the text has no ASCII letter or digit left after folding (e.g. "東京", "!!!"):
 * callers decide the fallback, since only they know what makes a slug unique.
 */
export function slugify(text: string): string {
  const asciiWords = wordsOf(lowerAscii(text)).split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of asciiWords) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > SLUG_MAX_LENGTH) break;
    slug = longer;
  }
  return slug || (asciiWords[0]?.slice(0, SLUG_MAX_LENGTH) ?? '');
}

/** One run of letters, digits, symbols and in-word punctuation, with where it sits and how it folds. */
export interface MatchToken {
  start: number;
  end: number;
  /** The folded words of this token; `Winston-Salem` is two tokens, `St.` one token folding to `saint`. */
  words: string[];
}

// Whitespace and punctuation separate tokens, except the in-word marks `.`, `&` and apostrophes.
const TOKEN = /(?:[^\s\p{P}]|['’‘ʼ.&])+/gu;

/**
 * Splits text into tokens so that a matcher can compare folded words and still cut the
 * original text at token boundaries ("as written" results). Tokens that fold to nothing
 * (a lone "." or apostrophe) are dropped.
 */
export function matchTokens(text: string): MatchToken[] {
  const tokens: MatchToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const folded = foldForMatch(match[0]);
    if (folded) tokens.push({ start: match.index, end: match.index + match[0].length, words: folded.split(' ') });
  }
  return tokens;
}

import { foldForMatch } from '../../common/text/fold.js';
import { isSignOffLine } from './qa-text.js';
import { QA_WARNING } from './qa-warnings.js';

export interface QaMention {
  /** As written: "Dr. Barankin". */
  text: string;
  /** 0-based index of the answer on the same page whose author this is; null when none is. */
  answerIndex: number | null;
}

/** What mention resolution needs to know about one answer. */
export interface MentionSource {
  /** The author's name from the signature, or null for an unsigned answer. */
  authorName: string | null;
  /** Title and body paragraphs. */
  paragraphs: readonly string[];
}

// "Dr." or "Dr" then up to three capitalised words; lower-case words, punctuation and line ends stop it.
const MENTION = /\b[Dd]r(?:\.[ ]?|[ ])(\p{Lu}[\p{L}\p{M}'’-]*(?:[ ]\p{Lu}[\p{L}\p{M}'’-]*){0,2})/gu;
// A cheap first look, since most lines name nobody.
const DR_HINT = /\b[Dd]r\b/;
const POSSESSIVE = /['’]s$/;
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv)$/;

interface AuthorKey {
  index: number;
  /** Folded full name without generational suffix: "benjamin barankin". */
  full: string;
  family: string;
}

// Folding can split a written word ("Smith-Jones" → "smith jones"): compare folded word lists.
const foldWords = (text: string): string[] => foldForMatch(text).split(' ').filter((word) => word !== '');

function authorKey(name: string, index: number): AuthorKey | undefined {
  const words = foldWords(name).filter((word) => !NAME_SUFFIX.test(word));
  const family = words.at(-1);
  return family === undefined ? undefined : { index, full: words.join(' '), family };
}

/**
 * "Dr. Benjamin Barankin", "Dr. Barankin" (any tail of the full name, so multi-word family names
 * work), and "Dr. Ben Barankin" (a given name the signature spells differently).
 */
function matches(key: AuthorKey, candidate: string): boolean {
  return candidate === key.full || key.full.endsWith(` ${candidate}`) || (candidate.includes(' ') && candidate.endsWith(` ${key.family}`));
}

type Resolution = { kind: 'author'; index: number; words: number } | { kind: 'self' | 'ambiguous' | 'none' };

function resolve(written: readonly string[], keys: readonly AuthorKey[], self: number): Resolution {
  // Longest run of capitalised words first: "Dr. Barankin Botox …" falls back to "Dr. Barankin".
  for (let length = written.length; length > 0; length -= 1) {
    const candidate = foldWords(written.slice(0, length).join(' ')).join(' ');
    if (candidate === '') continue;
    const found = keys.filter((key) => matches(key, candidate));
    if (found.length === 0) continue;
    const others = found.filter((key) => key.index !== self);
    const only = others[0];
    if (others.length === 1 && only !== undefined) return { kind: 'author', index: only.index, words: length };
    return { kind: others.length === 0 ? 'self' : 'ambiguous' };
  }
  return { kind: 'none' };
}

/**
 * Doctors named in each answer ("Dr. Barankin answers this question as I would have"), resolved to
 * the answer on the same page whose author has that family or full name.
 *
 * Not mentions: a line that is only a sign-off ("Best, Dr. Roe"), since a doctor signing their own
 * text is not pointing at a colleague, and a name that resolves to the answer's own author. Repeats
 * within one answer are reported once.
 */
export function findMentions(answers: readonly MentionSource[], warnings: string[]): QaMention[][] {
  const keys = answers.flatMap((answer, index) => {
    const key = answer.authorName === null ? undefined : authorKey(answer.authorName, index);
    return key === undefined ? [] : [key];
  });
  return answers.map((answer, self) => {
    const mentions: QaMention[] = [];
    const seen = new Set<string>();
    for (const line of answer.paragraphs.flatMap((paragraph) => paragraph.split('\n'))) {
      if (!DR_HINT.test(line) || isSignOffLine(line)) continue;
      for (const match of line.matchAll(MENTION)) {
        const written = (match[1] ?? '').split(' ');
        const last = written.length - 1;
        written[last] = (written[last] ?? '').replace(POSSESSIVE, '');
        const resolution = resolve(written, keys, self);
        if (resolution.kind === 'self') continue;
        const kept = resolution.kind === 'author' ? written.slice(0, resolution.words) : written;
        const prefix = match[0].slice(0, match[0].length - (match[1] ?? '').length);
        const text = `${prefix}${kept.join(' ')}`;
        const answerIndex = resolution.kind === 'author' ? resolution.index : null;
        const id = `${text}\u0000${answerIndex}`;
        if (seen.has(id)) continue;
        seen.add(id);
        if (resolution.kind === 'ambiguous') warnings.push(`${QA_WARNING.ambiguousMention}: "${text}" in answer ${self} matches several authors`);
        mentions.push({ text, answerIndex });
      }
    }
    return mentions;
  });
}

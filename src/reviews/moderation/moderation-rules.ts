import { PROFANITY_SUFFIXES, PROFANITY_WORDS } from './profanity.js';

/** Why a review waits for a moderator instead of going live. */
export const MODERATION_FLAGS = ['link', 'phone', 'email', 'profanity', 'burst'] as const;
export type ModerationFlag = (typeof MODERATION_FLAGS)[number];

const LINK_TLDS = [
  'com', 'net', 'org', 'info', 'biz', 'io', 'ly', 'ca', 'uk', 'au', 'fr', 'ru', 'cn',
  'health', 'clinic', 'md', 'app', 'site', 'online', 'xyz', 'top', 'link', 'click', 'shop', 'store', 'ws', 'tk',
];
// Short TLDs that are also words ("everything.In short", "see.me") are left out: a missing space is not a link.
const LINK = new RegExp(
  String.raw`(?:https?:\/\/|\bwww\.)\S+|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:${LINK_TLDS.join('|')})\b(?:[/?#]\S*)?`,
  'i',
);

const EMAILS = [
  /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi,
  // Addresses spelled out to get past a filter: "jane[at]gmail[dot]com", "jane (at) gmail.com", "jane at gmail dot com".
  /\b[a-z0-9._%+-]+\s*[[(]at[\])]\s*[a-z0-9-]+\s*(?:[[(]dot[\])]|\.|\sdot\s)\s*[a-z]{2,}\b/gi,
  new RegExp(String.raw`\b[a-z0-9._%+-]+\s+at\s+[a-z0-9-]+\s+dot\s+(?:${LINK_TLDS.join('|')})\b`, 'gi'),
];

// North American numbers in the usual shapes, international numbers with a leading +, and 7-digit local numbers
// with a separator; digits glued to other digits (dates, NPIs inside longer numbers) do not count.
const PHONE_PATTERNS = [
  /(?<![\d+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\d)/,
  /(?<![\d\w])\+\d[\d\s().-]{7,}\d(?!\d)/,
  /(?<![\d.-])\d{3}[.-]\d{4}(?![\d.-])/,
];

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

const PROFANITY = new Set(PROFANITY_WORDS.flatMap((word) => PROFANITY_SUFFIXES.map((suffix) => word + suffix)));
const MASKED_PROFANITY = [...PROFANITY].filter((word) => word.length >= 3);

/** Lower case, accents stripped, look-alike digits and symbols read as letters. */
function wordsOf(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return (folded.match(/[a-z0-9@$!*]+/g) ?? []).map((token) =>
    // A "!" ends a sentence more often than it stands for an i.
    token.replace(/^!+|!+$/g, '').replace(/[013457@$!]/g, (c) => LEET[c] ?? c),
  );
}

/** "fuuuck" → "fuck" and "fuuck": stretched letters must not hide a word, nor invent one ("ass" stays "ass"). */
function variantsOf(word: string): string[] {
  if (!/(.)\1\1/.test(word)) return [word];
  return [word, word.replace(/(.)\1+/g, '$1'), word.replace(/(.)\1\1+/g, '$1$1')];
}

/** "f*ck", "sh**": a masked word whose visible letters fit a listed one. */
function matchesMasked(word: string): boolean {
  if (!word.includes('*') || !/[a-z]/.test(word)) return false;
  return MASKED_PROFANITY.some((candidate) => candidate.length === word.length && [...word].every((c, i) => c === '*' || c === candidate[i]));
}

function hasProfanity(text: string): boolean {
  return wordsOf(text).some((word) => matchesMasked(word) || variantsOf(word.replaceAll('*', '')).some((variant) => PROFANITY.has(variant)));
}

/** The text rules: links, phone numbers, e-mail addresses and profanity, in MODERATION_FLAGS order. */
export function textFlags(text: string): ModerationFlag[] {
  const flags: ModerationFlag[] = [];
  const withoutEmails = EMAILS.reduce((rest, pattern) => rest.replace(pattern, ' '), text);
  if (LINK.test(withoutEmails)) flags.push('link');
  if (PHONE_PATTERNS.some((pattern) => pattern.test(text))) flags.push('phone');
  if (withoutEmails !== text) flags.push('email');
  if (hasProfanity(text)) flags.push('profanity');
  return flags;
}

/**
 * The burst rule: many reviews of one doctor from freshly created accounts within a short window look like a
 * campaign (for or against), so each of them waits for a moderator.
 */
export const BURST_RULE = {
  /** Accounts younger than this are new. */
  newAccountDays: 7,
  windowHours: 24,
  /** Reviews from new accounts on one doctor within the window, this one included, that make a burst. */
  threshold: 3,
} as const;

export function isBurst(reviewsFromNewAccountsInWindow: number): boolean {
  return reviewsFromNewAccountsInWindow >= BURST_RULE.threshold;
}

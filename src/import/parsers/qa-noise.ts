/**
 * Crawl noise on "ask a doctor" pages: site chrome that a text dump keeps between the answers.
 * Every pattern matches a whole, trimmed line, so a sentence that merely contains these words stays.
 */

const NOISE_LINES: readonly RegExp[] = [
  // Vote counters: "+2", "-1", "− 3", or both on one line.
  /^(?:[+\-−–]\s?\d{1,5}\s*)+$/,
  /^ask a doctor[.!]?$/i,
  /^(?:(?:helpful|share|report|reply|flag)(?:\s*\(\d+\))?\s*)+$/i,
  /^was this (?:answer )?helpful\??$/i,
  // Disclaimers appended to each answer.
  /^disclaimer\b/i,
  /^this (?:answer|information|response) is (?:provided )?(?:for (?:general )?informational purposes|not (?:intended as |a substitute for )?(?:medical advice|professional))/i,
];

// "Doctor Answers (20)" / "20 Doctor Answers": also marks where the question ends.
const ANSWERS_HEADER = /^(?:(?:\d+\s+)?doctor answers?(?:\s*\(\d+\))?|\d+\s+answers?)$/i;

// "You might also like…": related questions follow; they are not answers.
const TAIL_MARKER = /^(?:you (?:might|may) also like|related questions)\b/i;

export type NoiseKind = 'noise' | 'answers-header' | 'tail';

/** What kind of crawl noise a trimmed line is, or `undefined` for page text. */
export function classifyNoise(line: string): NoiseKind | undefined {
  if (ANSWERS_HEADER.test(line)) return 'answers-header';
  if (TAIL_MARKER.test(line)) return 'tail';
  return NOISE_LINES.some((pattern) => pattern.test(line)) ? 'noise' : undefined;
}

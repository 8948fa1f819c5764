import { htmlToPlainText, looksLikeHtml } from './html-to-text.js';

// Characters that render as nothing; crawls leave them between words and at line starts.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const LINE_BREAK = /\r\n?|[\v\f\u0085\u2028\u2029]/g;
// Tabs, no-break spaces and the other Unicode spaces each become one plain space (not collapsed).
const SPACE = /[\t\p{Zs}]/gu;

/**
 * The text every parse result is taken from: HTML converted to text, invisible characters removed,
 * every line ending turned into "\n", every tab and Unicode space turned into " ", and each line
 * trimmed. Titles, body paragraphs, signature lines and mention texts are all substrings of it.
 */
export function normaliseQaInput(input: string): string {
  const text = looksLikeHtml(input) ? htmlToPlainText(input) : input;
  return text
    .replace(INVISIBLE, '')
    .replace(LINE_BREAK, '\n')
    .replace(SPACE, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

const MAX_TITLE_WORDS = 14;
const MAX_TITLE_LENGTH = 150;
// A sentence or clause ends here, ignoring closing quotes and brackets.
const CLAUSE_END = /[.,;:]["'”’)\]]*$/;
const ELLIPSIS_END = /(?:\.\.\.|…)["'”’)\]]*$/;
const SENTENCE_END = /[.!?…:]["'”’)\]]*$/;
const LIST_ITEM = /^(?:[-*•·–—>]|\d{1,2}[.)](?:\s|$))/;
const STARTS_LOWER = /^\p{Ll}/u;
const HAS_LETTER = /\p{L}/u;

// Closing and opening courtesies: short lines without a period that are never answer titles.
const COURTESY =
  /^(?:hope (?:this|that|it) helps?|(?:good|best(?: of)?) luck|best(?: wishes| regards)?|(?:kind|warm|warmest) regards|regards|sincerely|cheers|thanks?(?: you)?|thanks (?:for|again)\b.*|thank you (?:for|again)\b.*|take care|all the best|respectfully|yours truly|hi|hello|hi there|hello there|dear\b.*|(?:great|good|excellent) question)(?: (?:to you|and good luck|again))?[\s!.,:;)(\-–—~]*$/i;

const VALEDICTION = /^(?:best|regards|kind regards|best regards|warm regards|sincerely|cheers|thanks|thank you|all the best|best wishes|good luck|yours truly|respectfully)[,!.]?\s+/i;
const SIGN_OFF_NAME = /^[-–—~]?\s*[Dd][Rr](?:\.\s*|\s+)\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2}[.,!]?$/u;

/** "Dr. Roe", "Best, Dr. Jane Roe", "— Dr. Roe": a doctor signing their own text, not a signature block. */
export function isSignOffLine(line: string): boolean {
  return SIGN_OFF_NAME.test(line.replace(VALEDICTION, ''));
}

/** "Hope this helps", "Good luck!", "Thanks for your question". */
export function isCourtesyLine(line: string): boolean {
  return COURTESY.test(line);
}

/**
 * Could this line be an answer title: short, starts with a capital or a digit, not a list item, and
 * not ending like a clause ("." unless an ellipsis, ",", ";", ":"); not a courtesy or a sign-off.
 * Whether it *is* a title depends on what follows it (see the page parser).
 */
export function isTitleShaped(line: string): boolean {
  if (line.length === 0 || line.length > MAX_TITLE_LENGTH) return false;
  if (line.split(' ').filter((word) => word !== '').length > MAX_TITLE_WORDS) return false;
  if (!HAS_LETTER.test(line) || STARTS_LOWER.test(line) || LIST_ITEM.test(line)) return false;
  if (CLAUSE_END.test(line) && !ELLIPSIS_END.test(line)) return false;
  return !isCourtesyLine(line) && !isSignOffLine(line);
}

/** Whether a paragraph ends as a finished sentence would; used to spot a page cut off mid-answer. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

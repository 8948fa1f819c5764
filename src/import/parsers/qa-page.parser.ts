import { Gazetteer } from '../../geo/gazetteer.js';
import { findMentions, type QaMention } from './qa-mentions.js';
import { classifyNoise } from './qa-noise.js';
import { endsSentence, isCourtesyLine, isSignOffLine, isTitleShaped, normaliseQaInput } from './qa-text.js';
import { QA_WARNING } from './qa-warnings.js';
import {
  isPlaceShaped,
  parseLocationLine,
  parseNameLine,
  parseRatingLine,
  parseTruncatedLocationLine,
  parseTruncatedNameLine,
  parseTruncatedRatingLine,
  type LocationLine,
  type NameLine,
  type RatingLine,
} from './signature.parser.js';

export type { QaMention } from './qa-mentions.js';
export { normaliseQaInput } from './qa-text.js';
export { QA_WARNING } from './qa-warnings.js';

/** Recorded with imported rows; bump when a change to the heuristics can change a parse. */
export const QA_PARSER_VERSION = 'qa-page@1.0.0';

export interface QaAuthor {
  name: string | null;
  credentials: string[];
  /** The place as written: a city, or a region or country when the signature names no city. */
  city: string | null;
  /** The practitioner noun as written ("Dermatologic Surgeon"). */
  specialty: string | null;
  specialtyCode: string | null;
  rating: number | null;
  reviewCount: number | null;
  /** The signature lines as on the page, joined by "\n". */
  signature: string;
}

export interface QaAnswer {
  title: string | null;
  /** Paragraphs without title and signature, joined by a blank line. */
  body: string;
  author: QaAuthor | null;
  mentions: QaMention[];
}

export interface QaPageParse {
  question: { title: string; body: string };
  answers: QaAnswer[];
  /** Each starts with a stable code from `QA_WARNING`, then ": " and details. */
  warnings: string[];
}

export interface QaPageParseOptions {
  /** Defaults to `Gazetteer.shared()`. */
  gazetteer?: Gazetteer;
}

interface SignatureBlock {
  /** Line indexes of the first and last signature line. */
  start: number;
  end: number;
  lines: string[];
  name?: NameLine;
  location?: LocationLine;
  rating?: RatingLine;
  truncated: boolean;
}

type Item = { kind: 'paragraph'; text: string; single: boolean } | { kind: 'signature'; block: SignatureBlock } | { kind: 'answers-header' };

interface Draft {
  title: string | null;
  paragraphs: string[];
  signature?: SignatureBlock;
}

/** The lines of the page with crawl noise blanked out, and what the noise told us. */
interface CleanPage {
  lines: string[];
  answersHeader: number | undefined;
}

function removeNoise(text: string, warnings: string[]): CleanPage {
  const lines = text.split('\n');
  let answersHeader: number | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const kind = classifyNoise(lines[index] ?? '');
    if (kind === undefined) continue;
    if (kind === 'tail') {
      // Related questions follow: their titles would read as answers.
      const dropped = lines.slice(index + 1).filter((line) => line !== '' && classifyNoise(line) === undefined).length;
      if (dropped > 0) warnings.push(`${QA_WARNING.tailDropped}: ${dropped} lines after "${lines[index]}"`);
      lines.length = index;
      break;
    }
    if (kind === 'answers-header') answersHeader ??= index;
    // Noise becomes a blank line: it separated what was on either side of it.
    lines[index] = '';
  }
  return { lines, answersHeader };
}

/**
 * The signature block ending at line `end`, matched backwards: optional rating line, optional
 * location line, optional name line, in that order, blank lines allowed between them (noise that
 * was removed) except next to a weak location line. At the end of the page (`atPageEnd`) the last
 * line may be a signature line cut off by the crawl.
 */
function matchSignature(lines: readonly string[], end: number, floor: number, gazetteer: Gazetteer, atPageEnd: boolean): SignatureBlock | undefined {
  const block: SignatureBlock = { start: end, end, lines: [], truncated: false };
  let cursor = end;
  let crossedBreak = false;
  const advance = (): void => {
    block.start = cursor;
    block.lines.unshift(lines[cursor] ?? '');
    crossedBreak = false;
    cursor -= 1;
    while (cursor > floor && lines[cursor] === '') {
      crossedBreak = true;
      cursor -= 1;
    }
  };
  const current = (): string | undefined => (cursor > floor ? lines[cursor] : undefined);
  const cutOff = (): boolean => atPageEnd && cursor === end;

  const ratingLine = current();
  if (ratingLine !== undefined) {
    const cut = cutOff() ? parseTruncatedRatingLine(ratingLine) : undefined;
    block.rating = parseRatingLine(ratingLine) ?? cut;
    block.truncated = block.rating !== undefined && block.rating === cut;
    if (block.rating !== undefined) advance();
  }

  const locationLine = current();
  if (locationLine !== undefined) {
    // A weak reading (unknown place or specialty) is only believed right under a name line, and
    // not across a blank line from the rating line.
    const above = cursor - 1 > floor ? lines[cursor - 1] : undefined;
    const belowName = above !== undefined && above !== '' && parseNameLine(above) !== undefined;
    // Alone (no name line above, no rating line below) a location line reads like a label, every
    // word capitalised; sentence-case titles skip the lookups, which are most of the parse time.
    const alone = !belowName && block.rating === undefined;
    let location = alone && !isPlaceShaped(locationLine) ? undefined : parseLocationLine(locationLine, gazetteer, belowName && !crossedBreak);
    // At the end of the page an unknown specialty after a known city is more likely cut off than real.
    if (cutOff() && belowName && (location === undefined || location.specialtyCode === null)) {
      location = parseTruncatedLocationLine(locationLine, gazetteer);
      block.truncated = location !== undefined;
    }
    block.location = location;
    if (location !== undefined) advance();
  }

  const nameLine = current();
  if (nameLine !== undefined) {
    const cut = cutOff() ? parseTruncatedNameLine(nameLine) : undefined;
    block.name = cut ?? parseNameLine(nameLine);
    block.truncated ||= cut !== undefined;
    if (block.name !== undefined) advance();
  }

  return block.name !== undefined || block.location !== undefined ? block : undefined;
}

/** Every signature block: each ends a paragraph; a later block that reaches back over an earlier one replaces it. */
function findSignatures(lines: readonly string[], floor: number, gazetteer: Gazetteer, warnings: string[]): SignatureBlock[] {
  const blocks: SignatureBlock[] = [];
  const push = (block: SignatureBlock): void => {
    while (blocks.length > 0 && (blocks.at(-1)?.end ?? -1) >= block.start) blocks.pop();
    blocks.push(block);
  };
  let last = lines.length - 1;
  while (last > floor && lines[last] === '') last -= 1;
  for (let index = floor + 1; index <= last; index += 1) {
    if (lines[index] === '' || (index < last && lines[index + 1] !== '')) continue;
    // The page's last line may be the start of a signature line, if the crawl was cut off there.
    const block = matchSignature(lines, index, floor, gazetteer, index === last);
    if (block !== undefined) push(block);
  }
  for (const block of blocks) {
    warnings.push(...(block.location?.warnings ?? []));
    if (block.truncated) warnings.push(`${QA_WARNING.truncatedSignature}: page ends inside a signature at "${lines[block.end]}"`);
  }
  return blocks;
}

function toItems(lines: readonly string[], from: number, blocks: readonly SignatureBlock[], answersHeader: number | undefined): Item[] {
  const items: Item[] = [];
  const starts = new Map(blocks.map((block) => [block.start, block]));
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) items.push({ kind: 'paragraph', text: paragraph.join('\n'), single: paragraph.length === 1 });
    paragraph = [];
  };
  for (let index = from; index < lines.length; index += 1) {
    const block = starts.get(index);
    if (block !== undefined) {
      flush();
      items.push({ kind: 'signature', block });
      index = block.end;
    } else if (index === answersHeader) {
      flush();
      items.push({ kind: 'answers-header' });
    } else if (lines[index] === '') {
      flush();
    } else {
      paragraph.push(lines[index] ?? '');
    }
  }
  flush();
  return items;
}

// A question or exclamation inside a body ("Why does this happen?") is not a title mid-page.
const ASKS_OR_EXCLAIMS = /[?!]["'”’)\]]*$/;

/**
 * Title decisions for every item, computed from the end. `shaped`: a one-line paragraph that could
 * be a title. `title`: one that is a title even in the middle of a page, where it also ends the
 * answer before it: shaped, not a question or exclamation, and followed by a paragraph that is not
 * itself a title. So in a run of short lines before a body, the last one is the title and the ones
 * before it end the previous answer ("See you soon"); a short line followed by a signature or by the
 * end of the page is not a title.
 */
function titleFlags(items: readonly Item[]): { shaped: boolean[]; title: boolean[] } {
  const shaped = items.map((item) => item.kind === 'paragraph' && item.single && isTitleShaped(item.text));
  const title = new Array<boolean>(items.length).fill(false);
  for (let index = items.length - 2; index >= 0; index -= 1) {
    const item = items[index];
    const statement = item?.kind === 'paragraph' && !ASKS_OR_EXCLAIMS.test(item.text);
    title[index] = (shaped[index] ?? false) && statement && items[index + 1]?.kind === 'paragraph' && !(title[index + 1] ?? false);
  }
  return { shaped, title };
}

interface Split {
  questionBody: string[];
  drafts: Draft[];
}

function splitAnswers(items: readonly Item[], hasHeader: boolean, warnings: string[]): Split {
  const { shaped, title } = titleFlags(items);
  const questionBody: string[] = [];
  const drafts: Draft[] = [];
  let inQuestion = true;
  // Right after a signature or the answers header nothing before can own a short line, so a
  // title-shaped paragraph followed by any paragraph opens the next answer.
  let segmentStart = false;
  // A title is always followed by its body, even when the body's first line looks like a title.
  let expectBody = false;
  let current: Draft | undefined;
  const open = (heading: string | null): Draft => {
    const draft: Draft = { title: heading, paragraphs: [] };
    drafts.push(draft);
    return draft;
  };

  items.forEach((item, index) => {
    if (inQuestion) {
      if (item.kind === 'answers-header') {
        inQuestion = false;
        segmentStart = true;
        return;
      }
      if (item.kind === 'paragraph') {
        // Without a header, the first title ends the question.
        if (!hasHeader && (title[index] ?? false)) {
          inQuestion = false;
          expectBody = true;
          current = open(item.text);
        } else {
          questionBody.push(item.text);
        }
        return;
      }
      // A signature while still in the question: an untitled first answer with nothing marking
      // where it starts. Keep one paragraph for the question, the rest is the answer.
      warnings.push(`${QA_WARNING.ambiguousQuestionEnd}: no title or answers header before the first signature`);
      inQuestion = false;
      current = open(null);
      current.paragraphs.push(...questionBody.splice(1));
    }
    switch (item.kind) {
      case 'answers-header':
        current = undefined;
        segmentStart = true;
        return;
      case 'signature':
        current ??= open(null);
        current.signature = item.block;
        current = undefined;
        segmentStart = true;
        return;
      case 'paragraph': {
        const opensAnswer =
          !expectBody && (segmentStart ? (shaped[index] ?? false) && items[index + 1]?.kind === 'paragraph' : (title[index] ?? false));
        segmentStart = false;
        expectBody = opensAnswer;
        if (opensAnswer) {
          current = open(item.text);
          return;
        }
        current ??= open(null);
        current.paragraphs.push(item.text);
        return;
      }
    }
  });
  return { questionBody, drafts };
}

function toAuthor(block: SignatureBlock): QaAuthor {
  return {
    name: block.name?.name ?? null,
    credentials: block.name?.credentials ?? [],
    city: block.location?.city ?? null,
    specialty: block.location?.specialty ?? null,
    specialtyCode: block.location?.specialtyCode ?? null,
    rating: block.rating?.rating ?? null,
    reviewCount: block.rating?.reviewCount ?? null,
    signature: block.lines.join('\n'),
  };
}

function checkDrafts(drafts: readonly Draft[], warnings: string[]): void {
  drafts.forEach((draft, index) => {
    if (draft.paragraphs.length === 0) warnings.push(`${QA_WARNING.emptyAnswer}: answer ${index} has no text`);
  });
  const last = drafts.at(-1);
  const tail = last?.paragraphs.at(-1);
  if (last === undefined || last.signature !== undefined || tail === undefined) return;
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1);
  // An unsigned last answer that stops mid-sentence is where a crawl was cut off.
  if (!endsSentence(tail) && !isCourtesyLine(lastLine) && !isSignOffLine(lastLine)) {
    warnings.push(`${QA_WARNING.truncated}: last answer ends mid-sentence ("…${tail.slice(-40)}")`);
  }
}

/**
 * Parse the text (or HTML) of an "ask a doctor" question page: question title and body, then the
 * answers, each with optional title, body, optional signature, and the doctors it mentions.
 * Never throws: anything odd about the page is reported in `warnings`.
 */
export function parseQaPage(input: string, options: QaPageParseOptions = {}): QaPageParse {
  const warnings: string[] = [];
  const { lines, answersHeader } = removeNoise(normaliseQaInput(input), warnings);
  const titleLine = lines.findIndex((line) => line !== '');
  if (titleLine < 0) {
    warnings.push(`${QA_WARNING.empty}: no text after removing crawl noise`);
    return { question: { title: '', body: '' }, answers: [], warnings };
  }

  const gazetteer = options.gazetteer ?? Gazetteer.shared();
  const blocks = findSignatures(lines, titleLine, gazetteer, warnings);
  const items = toItems(lines, titleLine + 1, blocks, answersHeader !== undefined && answersHeader > titleLine ? answersHeader : undefined);
  const { questionBody, drafts } = splitAnswers(
    items,
    items.some((item) => item.kind === 'answers-header'),
    warnings,
  );
  checkDrafts(drafts, warnings);
  if (drafts.length === 0) warnings.push(`${QA_WARNING.noAnswers}: no answer found after the question`);

  const mentions = findMentions(
    drafts.map((draft) => ({
      authorName: draft.signature?.name?.name ?? null,
      paragraphs: draft.title === null ? draft.paragraphs : [draft.title, ...draft.paragraphs],
    })),
    warnings,
  );
  return {
    question: { title: lines[titleLine] ?? '', body: questionBody.join('\n\n') },
    answers: drafts.map((draft, index) => ({
      title: draft.title,
      body: draft.paragraphs.join('\n\n'),
      author: draft.signature === undefined ? null : toAuthor(draft.signature),
      mentions: mentions[index] ?? [],
    })),
    warnings,
  };
}

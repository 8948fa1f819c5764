import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import { answerBodyHash, questionNaturalKey, QaService, type ImportedAnswer } from '../../qa/qa.service.js';
import { ImportErrors } from '../import.errors.js';
import { parseQaPage, type QaPageParse } from '../parsers/qa-page.parser.js';
import { QaAuthorResolver, type ResolutionOutcome } from './author-resolver.js';

export interface QaPageInput {
  text: string;
  /** The page's address: its identity for re-imports and the provenance of what it says. */
  sourceUrl?: string | null;
  /** The site (`realself`); by default the name of the URL's host. */
  source?: string | null;
  /** Where the text came from, for the report. */
  file?: string | null;
}

export interface QaPageResult {
  file: string | null;
  questionId: string;
  /** Every answer of the question in page order, also those an earlier import added. */
  answers: { id: string; authorDoctorId: string | null }[];
  /** Answers this import added. */
  added: number;
  outcomes: Record<ResolutionOutcome, number>;
  warnings: string[];
}

export interface QaImportSummary {
  pages: QaPageResult[];
  answers: number;
  doctorsCreated: number;
  doctorsLinked: number;
  unattributed: number;
  queued: number;
  warnings: string[];
}

const DEFAULT_SOURCE = 'qa';
const SOURCE_NAME = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

/** The URL without its fragment (the same page), or undefined when it is not an http(s) URL. */
function normaliseUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return undefined;
  }
}

/** "https://www.realself.com/question/…" → "realself". */
function sourceOfUrl(url: string | null): string {
  if (!url) return DEFAULT_SOURCE;
  const labels = new URL(url).hostname.toLowerCase().split('.').filter((label) => label !== 'www');
  const name = labels.length > 1 ? labels.at(-2)! : (labels[0] ?? DEFAULT_SOURCE);
  return SOURCE_NAME.test(name) ? name : DEFAULT_SOURCE;
}

export function summarise(pages: QaPageResult[]): QaImportSummary {
  const total = (outcome: ResolutionOutcome): number => pages.reduce((sum, page) => sum + page.outcomes[outcome], 0);
  return {
    pages,
    answers: pages.reduce((sum, page) => sum + page.added, 0),
    doctorsCreated: total('created') + total('queued'),
    doctorsLinked: total('linked'),
    unattributed: total('unattributed'),
    queued: total('queued'),
    warnings: pages.flatMap((page) => page.warnings.map((warning) => (page.file ? `${page.file}: ${warning}` : warning))),
  };
}

/**
 * Imports Q&A pages: each page in one transaction (a crash leaves no partial page), keyed by its source URL or its
 * normalised text, so importing it again changes nothing and a newer snapshot adds only its new answers. Signed
 * answers are linked to their author's profile (see QaAuthorResolver); mentions to the doctor they name.
 */
@Injectable()
export class QaImportService {
  constructor(
    private readonly db: Database,
    private readonly qa: QaService,
    private readonly authors: QaAuthorResolver,
  ) {}

  async importFiles(files: readonly string[], options: { source?: string; sourceUrl?: string }, onPage?: (done: number) => void): Promise<QaImportSummary> {
    const pages: QaPageResult[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw ImportErrors.FILE_UNREADABLE(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      pages.push(await this.importPage({ text, file, source: options.source, sourceUrl: options.sourceUrl }));
      onPage?.(pages.length);
    }
    return summarise(pages);
  }

  async importPage(input: QaPageInput): Promise<QaPageResult> {
    const sourceUrl = input.sourceUrl ? normaliseUrl(input.sourceUrl) : null;
    if (sourceUrl === undefined) throw ImportErrors.BAD_FORMAT('sourceUrl must be an http(s) URL');
    const source = input.source ?? sourceOfUrl(sourceUrl);
    if (!SOURCE_NAME.test(source)) throw ImportErrors.BAD_FORMAT('source must be lower-case letters and digits, e.g. realself');
    const parsed = parseQaPage(input.text);
    if (!parsed.question.title) throw ImportErrors.BAD_FORMAT(`${input.file ?? 'The page'} has no question`);
    const naturalKey = questionNaturalKey(sourceUrl, parsed.question.title, parsed.question.body);
    const origin = {
      source,
      // External ratings need an address; a page without one is named by its natural key.
      sourceUrl: sourceUrl ?? `urn:sha256:${createHash('sha256').update(naturalKey).digest('hex')}`,
      observedAt: new Date(),
    };

    return this.db.transaction(async () => {
      const state = await this.qa.importedPageState(naturalKey);
      const outcomes: Record<ResolutionOutcome, number> = { linked: 0, created: 0, queued: 0, unattributed: 0 };
      const warnings = [...parsed.warnings];
      // The author of each answer on the page, for mentions: known ones from the database, new ones as resolved.
      const authorByIndex: (string | null)[] = parsed.answers.map((answer) => state.authorsByBodyHash.get(answerBodyHash(answer.body)) ?? null);
      const fresh = this.freshAnswers(parsed, state.authorsByBodyHash, warnings);
      for (const index of fresh) {
        const resolution = await this.authors.resolve(parsed.answers[index].author, origin);
        authorByIndex[index] = resolution.doctorId;
        outcomes[resolution.outcome] += 1;
      }
      const newAnswers: ImportedAnswer[] = [];
      for (const index of fresh) {
        const answer = parsed.answers[index];
        const mentions = [];
        for (const mention of answer.mentions) {
          const doctorId = mention.answerIndex !== null ? (authorByIndex[mention.answerIndex] ?? null) : await this.authors.resolveMention(mention.text);
          mentions.push({ text: mention.text, doctorId });
        }
        newAnswers.push({ title: answer.title, body: answer.body, authorDoctorId: authorByIndex[index] ?? null, signature: answer.author?.signature ?? null, mentions });
      }
      const questionId = await this.qa.saveImportedPage({
        naturalKey,
        source,
        sourceUrl,
        title: parsed.question.title,
        body: parsed.question.body,
        newAnswers,
      });
      return { file: input.file ?? null, questionId, answers: await this.qa.importedAnswers(questionId), added: newAnswers.length, outcomes, warnings };
    });
  }

  /** Indexes of the answers the question does not have yet: new text, not empty, not twice on the page. */
  private freshAnswers(parsed: QaPageParse, known: ReadonlyMap<string, string | null>, warnings: string[]): number[] {
    const seen = new Set(known.keys());
    const fresh: number[] = [];
    parsed.answers.forEach((answer, index) => {
      const hash = answerBodyHash(answer.body);
      if (!answer.body.trim()) warnings.push(`EMPTY_ANSWER: answer ${index + 1} has no text and was skipped`);
      else if (!seen.has(hash)) fresh.push(index);
      seen.add(hash);
    });
    return fresh;
  }
}

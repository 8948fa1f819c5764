import { createHash, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service.js';
import { isOwnerOf, type Principal } from '../auth/principal.js';
import { CommonErrors } from '../common/errors/app-error.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page, type PageQueryDto } from '../common/http/pagination.js';
import { foldForMatch, slugify } from '../common/text/fold.js';
import { Database } from '../database/database.js';
import type { DoctorDto } from '../doctors/dto/doctor-response.dto.js';
import { DoctorsService } from '../doctors/doctors.service.js';
import { DoctorMergeParticipants } from '../doctors/moderation/doctor-merge-participants.js';
import { SearchOutbox } from '../search/outbox/search-outbox.service.js';
import type { AnswerQuestionDto, AskQuestionDto, ListQuestionsQueryDto } from './dto/qa-input.dto.js';
import type { AnswerDto, DoctorAnswerDto, QuestionDto, QuestionSummaryDto } from './dto/qa-response.dto.js';
import { presentAnswer, presentQuestionSummary } from './qa.presenter.js';
import { QaErrors } from './qa.errors.js';
import { QaRepository, type AnswerRow } from './qa.repository.js';

export const LOCAL_SOURCE = 'docfinder';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Answers are the same answer when their folded text is: case, accents and spacing do not make a new one. */
export const answerBodyHash = (body: string): string => sha256(foldForMatch(body));

/** An imported page is the same page again by its source URL, else by its normalised title and body. */
export const questionNaturalKey = (sourceUrl: string | null, title: string, body: string): string =>
  sourceUrl ?? `sha256:${sha256(`${foldForMatch(title)}\n${foldForMatch(body)}`)}`;

const normaliseTags = (tags: readonly string[] | undefined): string[] => [...new Set((tags ?? []).map((tag) => tag.toLowerCase()))];

export interface ImportedAnswer {
  title: string | null;
  body: string;
  authorDoctorId: string | null;
  signature: string | null;
  mentions: { text: string; doctorId: string | null }[];
}

export interface ImportedPage {
  naturalKey: string;
  source: string;
  sourceUrl: string | null;
  title: string;
  body: string;
  /** Only the answers the page does not have yet (see `importedPageState`). */
  newAnswers: ImportedAnswer[];
}

export interface ImportedPageState {
  questionId: string | null;
  /** The answers the question has (hidden ones too, so a takedown is not undone), by body hash, with their author. */
  authorsByBodyHash: ReadonlyMap<string, string | null>;
}

/**
 * Questions and the answers doctors wrote. Answers link to their author's profile, read at request time so the
 * link follows renames and merges; every answer write queues the answer for the search index in its transaction.
 */
@Injectable()
export class QaService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly qa: QaRepository,
    private readonly doctors: DoctorsService,
    private readonly outbox: SearchOutbox,
    private readonly audit: AuditLog,
    private readonly mergeParticipants: DoctorMergeParticipants,
  ) {}

  onModuleInit(): void {
    this.mergeParticipants.register('answers', async (from, to) => {
      await this.outbox.enqueue('answer', await this.qa.moveToDoctor(from, to));
    });
  }

  async ask(principal: Principal, dto: AskQuestionDto): Promise<QuestionDto> {
    if (principal.accountId !== null && !principal.emailVerified) throw QaErrors.EMAIL_NOT_VERIFIED();
    const id = await this.db.transaction(async () =>
      this.qa.insertQuestion({
        slug: await this.qa.reserveSlug(slugify(dto.title) || 'question'),
        title: dto.title,
        body: dto.body,
        tags: normaliseTags(dto.tags),
        source: LOCAL_SOURCE,
        sourceUrl: null,
        // Asked here, a question is its own: two patients may ask the same thing.
        naturalKey: `${LOCAL_SOURCE}:${randomUUID()}`,
        askedByAccountId: principal.accountId,
        askedAt: new Date(),
      }),
    );
    return this.getQuestion(id);
  }

  /** The owner of a profile answers as that profile (`doctorId` picks one when they own several). */
  async answer(principal: Principal, questionId: string, dto: AnswerQuestionDto): Promise<AnswerDto> {
    const doctorId = dto.doctorId ?? (principal.ownedDoctorIds.length === 1 ? principal.ownedDoctorIds[0] : undefined);
    if (!doctorId || !isOwnerOf(principal, doctorId)) throw QaErrors.NOT_PROFILE_OWNER();
    const answerId = await this.db.transaction(async () => {
      if (!(await this.qa.lockVisibleQuestion(questionId))) throw QaErrors.QUESTION_NOT_FOUND();
      const id = await this.qa.insertAnswer({
        questionId,
        position: await this.qa.nextPosition(questionId),
        title: dto.title ?? null,
        body: dto.body,
        bodyHash: answerBodyHash(dto.body),
        authorDoctorId: doctorId,
        signature: null,
        postedByAccountId: principal.accountId,
        sourceUrl: null,
        postedAt: new Date(),
      });
      await this.outbox.enqueue('answer', [id]);
      return id;
    });
    return this.getAnswer(answerId);
  }

  async listQuestions(query: ListQuestionsQueryDto): Promise<Page<QuestionSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.qa.pageQuestions({ tag: query.tag, after: query.after ? this.keysetCursor(query.after) : undefined, limit: limit + 1 });
    return toPage(rows, limit, (row) => [row.asked_at.toISOString(), row.id], presentQuestionSummary);
  }

  async getQuestion(idOrSlug: string): Promise<QuestionDto> {
    const question = await this.qa.findVisibleQuestion(idOrSlug);
    if (!question) throw QaErrors.QUESTION_NOT_FOUND();
    const answers = await this.presentAnswers(await this.qa.visibleAnswersOf(question.id));
    return { ...presentQuestionSummary(question), answers };
  }

  async getAnswer(id: string): Promise<AnswerDto> {
    const row = await this.qa.findVisibleAnswer(id);
    if (!row) throw QaErrors.ANSWER_NOT_FOUND();
    const [answer] = await this.presentAnswers([row]);
    return answer;
  }

  /** A doctor's answers, newest first; `moved` when the slug is an old one (the caller redirects). */
  async doctorAnswers(idOrSlug: string, query: PageQueryDto): Promise<{ moved: string } | { page: Page<DoctorAnswerDto> }> {
    const found = await this.doctors.lookup(idOrSlug);
    if (found.kind === 'moved') return { moved: found.slug };
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.qa.pageDoctorAnswers(found.doctor.id, query.after ? this.keysetCursor(query.after) : undefined, limit + 1);
    const visible = rows.slice(0, limit);
    const presented = new Map((await this.presentAnswers(visible)).map((answer) => [answer.id, answer]));
    return {
      page: toPage(rows, limit, (row) => [row.created_at.toISOString(), row.id], (row) => ({
        ...(presented.get(row.id) as AnswerDto),
        questionTitle: row.question_title,
        questionSlug: row.question_slug,
      })),
    };
  }

  async hideAnswer(id: string, reason: string): Promise<void> {
    await this.db.transaction(async () => {
      if (!(await this.qa.hideAnswer(id, reason))) throw QaErrors.ANSWER_NOT_FOUND();
      await this.outbox.enqueue('answer', [id]);
      await this.audit.record({ action: 'answer.hide', entityType: 'answer', entityId: id, after: { reason } });
    });
  }

  async hideQuestion(id: string, reason: string): Promise<void> {
    await this.db.transaction(async () => {
      const answerIds = await this.qa.hideQuestion(id, reason);
      if (!answerIds) throw QaErrors.QUESTION_NOT_FOUND();
      await this.outbox.enqueue('answer', answerIds);
      await this.audit.record({ action: 'question.hide', entityType: 'question', entityId: id, after: { reason } });
    });
  }

  /**
   * What an import of this page would not add again. Locks the page until the surrounding transaction ends, so
   * two imports of one page take turns; call it inside the import's transaction.
   */
  async importedPageState(naturalKey: string): Promise<ImportedPageState> {
    if (!this.db.inTransaction) throw new Error('importedPageState() must run inside the import transaction');
    const existing = await this.qa.lockByNaturalKey(naturalKey);
    if (!existing) return { questionId: null, authorsByBodyHash: new Map() };
    return { questionId: existing.id, authorsByBodyHash: await this.qa.authorsByBodyHash(existing.id) };
  }

  /** Writes an imported page: the question when new, then its new answers after the ones it has. Returns the question id. */
  async saveImportedPage(page: ImportedPage): Promise<string> {
    return this.db.transaction(async () => {
      const questionId =
        (await this.qa.lockByNaturalKey(page.naturalKey))?.id ??
        (await this.qa.insertQuestion({
          slug: await this.qa.reserveSlug(slugify(page.title) || 'question'),
          title: page.title,
          body: page.body,
          tags: [],
          source: page.source,
          sourceUrl: page.sourceUrl,
          naturalKey: page.naturalKey,
          askedByAccountId: null,
          askedAt: new Date(),
        }));
      let nextPosition = await this.qa.nextPosition(questionId);
      const ids: string[] = [];
      for (const answer of page.newAnswers) {
        const id = await this.qa.insertAnswer({
          questionId,
          position: nextPosition,
          title: answer.title,
          body: answer.body,
          bodyHash: answerBodyHash(answer.body),
          authorDoctorId: answer.authorDoctorId,
          signature: answer.signature,
          postedByAccountId: null,
          sourceUrl: page.sourceUrl,
          postedAt: null,
        });
        nextPosition += 1;
        await this.qa.insertMentions(id, answer.mentions);
        ids.push(id);
      }
      await this.outbox.enqueue('answer', ids);
      return questionId;
    });
  }

  /** Every answer of a question in page order (hidden ones too), with its author: what an import reports. */
  async importedAnswers(questionId: string): Promise<{ id: string; authorDoctorId: string | null }[]> {
    return this.qa.allAnswerAuthors(questionId);
  }

  private keysetCursor(after: string): [string, string] {
    const [at, id] = decodeCursor(after, 2);
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw CommonErrors.INVALID_CURSOR();
    }
    return [at, id];
  }

  private async presentAnswers(rows: readonly AnswerRow[]): Promise<AnswerDto[]> {
    const mentions = await this.qa.mentionsOf(rows.map((row) => row.id));
    const doctorIds = [...rows.flatMap((row) => (row.author_doctor_id ? [row.author_doctor_id] : [])), ...mentions.flatMap((m) => (m.doctor_id ? [m.doctor_id] : []))];
    const doctors = new Map<string, DoctorDto>((await this.doctors.findProfiles([...new Set(doctorIds)])).map((doctor) => [doctor.id, doctor]));
    return rows.map((row) => presentAnswer(row, mentions.filter((m) => m.answer_id === row.id), doctors));
  }
}

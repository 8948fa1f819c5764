import { Injectable } from '@nestjs/common';
import { isSlug } from '../common/text/fold.js';
import { Database } from '../database/database.js';

export interface QuestionRow {
  id: string;
  slug: string;
  title: string;
  body: string;
  tags: string[];
  source: string;
  source_url: string | null;
  asked_at: Date;
  hidden_at: Date | null;
  answer_count: number;
}

export interface AnswerRow {
  id: string;
  question_id: string;
  position: number;
  title: string | null;
  body: string;
  author_doctor_id: string | null;
  attribution: 'linked' | 'unattributed';
  signature: string | null;
  source_url: string | null;
  posted_at: Date | null;
  created_at: Date;
  question_title: string;
  question_slug: string;
}

export interface MentionRow {
  answer_id: string;
  position: number;
  text: string;
  doctor_id: string | null;
}

export interface NewQuestion {
  slug: string;
  title: string;
  body: string;
  tags: readonly string[];
  source: string;
  sourceUrl: string | null;
  naturalKey: string;
  askedByAccountId: string | null;
  askedAt: Date;
}

export interface NewAnswer {
  questionId: string;
  position: number;
  title: string | null;
  body: string;
  bodyHash: string;
  authorDoctorId: string | null;
  signature: string | null;
  postedByAccountId: string | null;
  sourceUrl: string | null;
  postedAt: Date | null;
}

const QUESTION_SELECT = `
  SELECT q.id, q.slug, q.title, q.body, q.tags, q.source, q.source_url, q.asked_at, q.hidden_at,
         (SELECT count(*)::int FROM answers a WHERE a.question_id = q.id AND a.hidden_at IS NULL) AS answer_count
    FROM questions q`;

const ANSWER_SELECT = `
  SELECT a.id, a.question_id, a.position, a.title, a.body, a.author_doctor_id, a.attribution, a.signature, a.source_url,
         a.posted_at, a.created_at, q.title AS question_title, q.slug AS question_slug
    FROM answers a JOIN questions q ON q.id = a.question_id`;

const VISIBLE = 'a.hidden_at IS NULL AND q.hidden_at IS NULL';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Questions, answers and mentions. Hidden rows stay (a re-import must not revive them) but are never read as visible. */
@Injectable()
export class QaRepository {
  constructor(private readonly db: Database) {}

  /** The first free slug among `base`, `base-2`…, serialised per base so two writers never pick the same one. */
  async reserveSlug(base: string): Promise<string> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`question-slug:${base}`]);
    const rows = await this.db.query<{ slug: string }>(`SELECT slug FROM questions WHERE slug = $1 OR slug LIKE $2`, [
      base,
      `${base.replace(/[%_\\]/g, '\\$&')}-%`,
    ]);
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  async insertQuestion(question: NewQuestion): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO questions (slug, title, body, tags, source, source_url, natural_key, asked_by_account_id, asked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [question.slug, question.title, question.body, question.tags, question.source, question.sourceUrl, question.naturalKey, question.askedByAccountId, question.askedAt],
    );
    return row.id;
  }

  /**
   * The question with this natural key, locked until the transaction ends, so two imports of one page take turns.
   * An advisory lock on the key covers the case where neither has inserted it yet.
   */
  async lockByNaturalKey(naturalKey: string): Promise<{ id: string } | undefined> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`question:${naturalKey}`]);
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM questions WHERE natural_key = $1 FOR UPDATE', [naturalKey]);
    return row;
  }

  /** Locks the question (answers get positions in turn); undefined when it does not exist or is hidden. */
  async lockVisibleQuestion(id: string): Promise<{ id: string } | undefined> {
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM questions WHERE id = $1 AND hidden_at IS NULL FOR UPDATE', [id]);
    return row;
  }

  async findVisibleQuestion(idOrSlug: string): Promise<QuestionRow | undefined> {
    if (!UUID.test(idOrSlug) && !isSlug(idOrSlug)) return undefined;
    const column = UUID.test(idOrSlug) ? 'q.id' : 'q.slug';
    const [row] = await this.db.query<QuestionRow>(`${QUESTION_SELECT} WHERE ${column} = $1 AND q.hidden_at IS NULL`, [idOrSlug]);
    return row;
  }

  /** Newest first. */
  async pageQuestions(filter: { tag?: string; after?: [string, string]; limit: number }): Promise<QuestionRow[]> {
    const conditions = ['q.hidden_at IS NULL'];
    const parameters: unknown[] = [];
    if (filter.tag) {
      parameters.push([filter.tag.toLowerCase()]);
      conditions.push(`q.tags @> $${parameters.length}::text[]`);
    }
    if (filter.after) {
      parameters.push(filter.after[0], filter.after[1]);
      conditions.push(`(q.asked_at, q.id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(filter.limit);
    return this.db.query<QuestionRow>(
      `${QUESTION_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY q.asked_at DESC, q.id DESC LIMIT $${parameters.length}`,
      parameters,
    );
  }

  async visibleAnswersOf(questionId: string): Promise<AnswerRow[]> {
    return this.db.query<AnswerRow>(`${ANSWER_SELECT} WHERE a.question_id = $1 AND ${VISIBLE} ORDER BY a.position`, [questionId]);
  }

  async findVisibleAnswer(id: string): Promise<AnswerRow | undefined> {
    const [row] = await this.db.query<AnswerRow>(`${ANSWER_SELECT} WHERE a.id = $1 AND ${VISIBLE}`, [id]);
    return row;
  }

  async findVisibleAnswers(ids: readonly string[]): Promise<AnswerRow[]> {
    return this.db.query<AnswerRow>(`${ANSWER_SELECT} WHERE a.id = ANY($1::uuid[]) AND ${VISIBLE}`, [ids]);
  }

  /** A doctor's visible answers, newest first. */
  async pageDoctorAnswers(doctorId: string, after: [string, string] | undefined, limit: number): Promise<AnswerRow[]> {
    const parameters: unknown[] = [doctorId, limit];
    let keyset = '';
    if (after) {
      parameters.push(after[0], after[1]);
      keyset = 'AND (a.created_at, a.id) < ($3::timestamptz, $4::uuid)';
    }
    return this.db.query<AnswerRow>(
      `${ANSWER_SELECT} WHERE a.author_doctor_id = $1 AND ${VISIBLE} ${keyset} ORDER BY a.created_at DESC, a.id DESC LIMIT $2`,
      parameters,
    );
  }

  async nextPosition(questionId: string): Promise<number> {
    const [row] = await this.db.query<{ next: number }>('SELECT COALESCE(max(position) + 1, 0)::int AS next FROM answers WHERE question_id = $1', [questionId]);
    return row.next;
  }

  /** Every answer of the question (hidden ones too) by body hash, with its author. */
  async authorsByBodyHash(questionId: string): Promise<Map<string, string | null>> {
    const rows = await this.db.query<{ body_hash: string; author_doctor_id: string | null }>(
      'SELECT body_hash, author_doctor_id FROM answers WHERE question_id = $1',
      [questionId],
    );
    return new Map(rows.map((row) => [row.body_hash, row.author_doctor_id]));
  }

  async insertAnswer(answer: NewAnswer): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO answers (question_id, position, title, body, body_hash, author_doctor_id, attribution, signature, posted_by_account_id, source_url, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        answer.questionId,
        answer.position,
        answer.title,
        answer.body,
        answer.bodyHash,
        answer.authorDoctorId,
        answer.authorDoctorId ? 'linked' : 'unattributed',
        answer.signature,
        answer.postedByAccountId,
        answer.sourceUrl,
        answer.postedAt,
      ],
    );
    return row.id;
  }

  async insertMentions(answerId: string, mentions: readonly { text: string; doctorId: string | null }[]): Promise<void> {
    if (mentions.length === 0) return;
    await this.db.query(
      `INSERT INTO answer_mentions (answer_id, position, text, doctor_id)
       SELECT $1, m.ordinality - 1, m.text, m.doctor_id
         FROM unnest($2::text[], $3::uuid[]) WITH ORDINALITY AS m(text, doctor_id, ordinality)`,
      [answerId, mentions.map((m) => m.text), mentions.map((m) => m.doctorId)],
    );
  }

  async mentionsOf(answerIds: readonly string[]): Promise<MentionRow[]> {
    return this.db.query<MentionRow>('SELECT answer_id, position, text, doctor_id FROM answer_mentions WHERE answer_id = ANY($1::uuid[]) ORDER BY answer_id, position', [
      answerIds,
    ]);
  }

  /** Hides a visible answer; false when there is none. */
  async hideAnswer(id: string, reason: string): Promise<boolean> {
    const rows = await this.db.query('UPDATE answers SET hidden_at = now(), hidden_reason = $2 WHERE id = $1 AND hidden_at IS NULL RETURNING id', [id, reason]);
    return rows.length > 0;
  }

  /** Hides a visible question; returns its answers' ids (they leave the index with it), undefined when there is none. */
  async hideQuestion(id: string, reason: string): Promise<string[] | undefined> {
    const rows = await this.db.query('UPDATE questions SET hidden_at = now(), hidden_reason = $2 WHERE id = $1 AND hidden_at IS NULL RETURNING id', [id, reason]);
    if (rows.length === 0) return undefined;
    return (await this.db.query<{ id: string }>('SELECT id FROM answers WHERE question_id = $1', [id])).map((r) => r.id);
  }

  /** A merge: answers and mentions of the merged profile now name the kept one. Returns the moved answers' ids. */
  async moveToDoctor(fromDoctorId: string, toDoctorId: string): Promise<string[]> {
    await this.db.query('UPDATE answer_mentions SET doctor_id = $2 WHERE doctor_id = $1', [fromDoctorId, toDoctorId]);
    const rows = await this.db.query<{ id: string }>('UPDATE answers SET author_doctor_id = $2 WHERE author_doctor_id = $1 RETURNING id', [fromDoctorId, toDoctorId]);
    return rows.map((r) => r.id);
  }

  async allAnswerAuthors(questionId: string): Promise<{ id: string; authorDoctorId: string | null }[]> {
    return this.db.query<{ id: string; authorDoctorId: string | null }>(
      'SELECT id, author_doctor_id AS "authorDoctorId" FROM answers WHERE question_id = $1 ORDER BY position',
      [questionId],
    );
  }

  /** Ids in id order after `after`, for a full reindex. */
  async pageIds(after: string | undefined, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM answers WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after ?? null, limit],
    );
    return rows.map((r) => r.id);
  }
}

import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import type { ReviewSort } from './dto/review-query.dto.js';
import { ReviewReply } from './entities/review-reply.entity.js';
import { ReviewReport, type ReportReason } from './entities/review-report.entity.js';
import { ReviewVote } from './entities/review-vote.entity.js';
import { Review, type ReviewStatus } from './entities/review.entity.js';
import type { ModerationFlag } from './moderation/moderation-rules.js';

/** A review as read for presenting: with its author's display name, its reply and its open reports. */
export interface ReviewRow {
  id: string;
  doctor_id: string;
  author_account_id: string | null;
  author_display_name: string | null;
  rating: number;
  text: string;
  bedside_manner: number | null;
  explanation: number | null;
  wait_time: number | null;
  staff: number | null;
  office: number | null;
  visit_month: string | null;
  status: ReviewStatus;
  flags: ModerationFlag[];
  helpful_votes: number;
  unhelpful_votes: number;
  helpful_score: number;
  published_at: Date | null;
  moderated_at: Date | null;
  moderation_note: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  reply_text: string | null;
  reply_created_at: Date | null;
  open_reports: number;
  /** Timestamps as Postgres prints them (microseconds), for exact keyset cursors. */
  published_key: string | null;
  created_key: string;
}

/**
 * Reads the author's display name from the accounts table (read-only): a page of reviews is one query, not one
 * accounts lookup per review.
 */
const REVIEW_SELECT = `
  SELECT r.id, r.doctor_id, r.author_account_id, a.display_name AS author_display_name, r.rating, r.text,
         r.bedside_manner, r.explanation, r.wait_time, r.staff, r.office, r.visit_month, r.status, r.flags,
         r.helpful_votes, r.unhelpful_votes, r.helpful_score, r.published_at, r.moderated_at, r.moderation_note,
         r.created_at, r.updated_at, r.version, rp.text AS reply_text, rp.created_at AS reply_created_at,
         (SELECT count(*)::int FROM review_reports rr WHERE rr.review_id = r.id AND rr.resolved_at IS NULL) AS open_reports,
         r.published_at::text AS published_key, r.created_at::text AS created_key
    FROM reviews r
    LEFT JOIN accounts a ON a.id = r.author_account_id
    LEFT JOIN review_replies rp ON rp.review_id = r.id`;

/** Keyset columns per sort, all descending; the cursor holds the same values of the last row. */
const SORT_KEYS: Record<ReviewSort, { columns: string[]; casts: string[] }> = {
  recent: { columns: ['r.published_at', 'r.id'], casts: ['timestamptz', 'uuid'] },
  helpful: { columns: ['r.helpful_score', 'r.published_at', 'r.id'], casts: ['float8', 'timestamptz', 'uuid'] },
  rating: { columns: ['r.rating', 'r.published_at', 'r.id'], casts: ['int', 'timestamptz', 'uuid'] },
};

export const sortKeyOf = (sort: ReviewSort, row: ReviewRow): (string | number | null)[] =>
  ({ recent: [row.published_key, row.id], helpful: [row.helpful_score, row.published_key, row.id], rating: [row.rating, row.published_key, row.id] })[sort];

export type NewReview = Pick<
  Review,
  'doctorId' | 'authorAccountId' | 'rating' | 'text' | 'bedsideManner' | 'explanation' | 'waitTime' | 'staff' | 'office' | 'visitMonth' | 'status' | 'flags' | 'publishedAt'
>;
export type ReviewChanges = Partial<Omit<Review, 'id' | 'doctorId' | 'authorAccountId' | 'createdAt' | 'updatedAt' | 'version'>>;

/** All SQL about own reviews, their votes, reports and replies. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly db: Database) {}

  /**
   * A merge: the merged profile's reviews (with their votes, reports and replies) move to the kept one. An author
   * who reviewed both keeps the newer review; the older one goes. Returns nothing: the caller rebuilds the ratings.
   */
  async moveToDoctor(fromDoctorId: string, toDoctorId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM reviews r USING reviews o
        WHERE r.author_account_id = o.author_account_id AND r.doctor_id = ANY($1::uuid[]) AND o.doctor_id = ANY($1::uuid[])
          AND r.doctor_id <> o.doctor_id AND (r.updated_at, r.id) < (o.updated_at, o.id)`,
      [[fromDoctorId, toDoctorId]],
    );
    await this.db.query('UPDATE reviews SET doctor_id = $2 WHERE doctor_id = $1', [fromDoctorId, toDoctorId]);
  }

  async insert(review: NewReview): Promise<string> {
    const result = await this.db.repository(Review).insert(review);
    return (result.identifiers[0] as { id: string }).id;
  }

  async find(id: string): Promise<ReviewRow | undefined> {
    const rows = await this.db.query<ReviewRow>(`${REVIEW_SELECT} WHERE r.id = $1`, [id]);
    return rows[0];
  }

  /** The current row, locked against concurrent writers of the same review. */
  async lock(id: string): Promise<Review | null> {
    return this.db.repository(Review).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  /** Applies changes and bumps the version (the ETag). */
  async update(id: string, changes: ReviewChanges): Promise<void> {
    await this.db
      .repository(Review)
      .createQueryBuilder()
      .update(Review)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async pagePublished(doctorId: string, sort: ReviewSort, after: readonly (string | number | null)[] | undefined, limit: number): Promise<ReviewRow[]> {
    const { columns, casts } = SORT_KEYS[sort];
    const params: unknown[] = [doctorId, limit + 1];
    let keyset = '';
    if (after !== undefined) {
      params.push(...after);
      keyset = `AND (${columns.join(', ')}) < (${casts.map((cast, i) => `$${i + 3}::${cast}`).join(', ')})`;
    }
    return this.db.query<ReviewRow>(
      `${REVIEW_SELECT} WHERE r.doctor_id = $1 AND r.status = 'published' ${keyset}
        ORDER BY ${columns.map((column) => `${column} DESC`).join(', ')} LIMIT $2`,
      params,
    );
  }

  /** Oldest first, so the queue is worked in arrival order. */
  async pageForModeration(filter: { status: ReviewStatus; reported: boolean; after?: { createdKey: string; id: string }; limit: number }): Promise<ReviewRow[]> {
    return this.db.query<ReviewRow>(
      `${REVIEW_SELECT}
        WHERE r.status = $1
          AND (NOT $2 OR EXISTS (SELECT 1 FROM review_reports rr WHERE rr.review_id = r.id AND rr.resolved_at IS NULL))
          AND ($3::timestamptz IS NULL OR (r.created_at, r.id) > ($3::timestamptz, $4::uuid))
        ORDER BY r.created_at, r.id LIMIT $5`,
      [filter.status, filter.reported, filter.after?.createdKey ?? null, filter.after?.id ?? null, filter.limit + 1],
    );
  }

  /**
   * For the burst rule: whether the author's account is new, and how many reviews of the doctor other new accounts
   * wrote within the window. Reads the accounts' creation dates, never writes accounts.
   */
  async burstCount(doctorId: string, authorAccountId: string, windowHours: number, newAccountDays: number): Promise<{ authorIsNew: boolean; recentFromNewAccounts: number }> {
    const [row] = await this.db.query<{ author_is_new: boolean | null; recent: number }>(
      `SELECT (SELECT created_at > now() - make_interval(days => $4) FROM accounts WHERE id = $2) AS author_is_new,
              (SELECT count(*)::int FROM reviews r JOIN accounts a ON a.id = r.author_account_id
                WHERE r.doctor_id = $1 AND r.author_account_id <> $2 AND r.created_at > now() - make_interval(hours => $3)
                  AND a.created_at > now() - make_interval(days => $4)) AS recent`,
      [doctorId, authorAccountId, windowHours, newAccountDays],
    );
    return { authorIsNew: row?.author_is_new === true, recentFromNewAccounts: row?.recent ?? 0 };
  }

  /** Holds the doctor's other live reviews from new accounts in the window; returns their ratings (they leave the aggregate). */
  async holdRecentFromNewAccounts(doctorId: string, exceptId: string, windowHours: number, newAccountDays: number): Promise<number[]> {
    const rows = await this.db.query<{ rating: number }>(
      `UPDATE reviews r SET status = 'pending', flags = array_append(array_remove(r.flags, 'burst'), 'burst'),
              version = r.version + 1, updated_at = now()
         FROM accounts a
        WHERE a.id = r.author_account_id AND r.doctor_id = $1 AND r.id <> $2 AND r.status = 'published'
          AND r.created_at > now() - make_interval(hours => $3) AND a.created_at > now() - make_interval(days => $4)
        RETURNING r.rating`,
      [doctorId, exceptId, windowHours, newAccountDays],
    );
    return rows.map((row) => row.rating);
  }

  async insertVote(reviewId: string, accountId: string, helpful: boolean): Promise<void> {
    await this.db.repository(ReviewVote).insert({ reviewId, accountId, helpful });
  }

  /** Counts a vote on the review; returns the new totals. Not a content change: the version stays. */
  async countVote(reviewId: string, helpful: boolean): Promise<{ helpful_votes: number; unhelpful_votes: number }> {
    const [row] = await this.db.query<{ helpful_votes: number; unhelpful_votes: number }>(
      `UPDATE reviews SET helpful_votes = helpful_votes + $2, unhelpful_votes = unhelpful_votes + $3 WHERE id = $1
       RETURNING helpful_votes, unhelpful_votes`,
      [reviewId, helpful ? 1 : 0, helpful ? 0 : 1],
    );
    if (!row) throw new Error(`Review ${reviewId} vanished while counting a vote`);
    return row;
  }

  async setHelpfulScore(reviewId: string, score: number): Promise<void> {
    await this.db.query('UPDATE reviews SET helpful_score = $2 WHERE id = $1', [reviewId, score]);
  }

  async insertReport(report: { reviewId: string; reporterAccountId: string; reason: ReportReason; details: string | null }): Promise<ReviewReport> {
    const repository = this.db.repository(ReviewReport);
    const { identifiers } = await repository.insert(report);
    return repository.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
  }

  async resolveReports(reviewId: string): Promise<void> {
    await this.db.query('UPDATE review_reports SET resolved_at = now() WHERE review_id = $1 AND resolved_at IS NULL', [reviewId]);
  }

  async insertReply(reply: { reviewId: string; authorAccountId: string | null; text: string }): Promise<void> {
    await this.db.repository(ReviewReply).insert(reply);
  }
}

import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { ALL_DOCTORS_SCOPE, RatingPrior } from './entities/rating-prior.entity.js';
import type { Histogram, RatingAggregate } from './statistics/rating-aggregate.js';
import { COMMON_SCALE, DEFAULT_PRIORS, type Priors } from './statistics/ranking.js';
import { EMPTY_RATING_SUMMARY, OWN_SOURCE, type ExternalObservation, type RatingSummary } from './statistics/rating-summary.js';

export interface OwnAggregateRow {
  aggregate: RatingAggregate;
  changedAt: Date;
}

/** Sums of one population (a primary specialty, or everyone when `specialtyCode` is null and `total`). */
export interface PopulationRow {
  specialty_code: string | null;
  total: boolean;
  rating_count: number;
  rating_sum: number;
  own_count: number;
  own_sum: number;
  own_sum_squares: number;
}

export interface ScoredRow {
  doctor_id: string;
  pooled_mean: number | null;
  pooled_count: number;
  score: number | null;
  prior_mean: number | null;
  prior_sigma: number | null;
}

/** All SQL about rating aggregates, per-doctor summaries and priors. */
@Injectable()
export class RatingsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Makes sure the doctor's summary row exists and locks it until the transaction ends: every rating write of a
   * doctor goes through here first, so summaries are rebuilt by one writer at a time.
   */
  async lockDoctor(doctorId: string): Promise<void> {
    await this.db.query(`INSERT INTO doctor_ratings (doctor_id, summary) VALUES ($1, $2) ON CONFLICT (doctor_id) DO NOTHING`, [
      doctorId,
      JSON.stringify(EMPTY_RATING_SUMMARY),
    ]);
    await this.db.query('SELECT 1 FROM doctor_ratings WHERE doctor_id = $1 FOR UPDATE', [doctorId]);
  }

  /**
   * Adds a signed delta to the doctor's own-review aggregate (the caller holds the doctor's lock). An update first:
   * a CHECK constraint tests the row an INSERT … ON CONFLICT proposes, so a negative delta must never be proposed.
   */
  async addToOwnAggregate(doctorId: string, delta: RatingAggregate): Promise<void> {
    const params = [doctorId, OWN_SOURCE, delta.count, delta.sum, delta.sumSquares, delta.histogram];
    const updated = await this.db.query(
      `UPDATE rating_aggregates SET
         count = count + $3, sum = sum + $4, sum_squares = sum_squares + $5,
         histogram = ARRAY[histogram[1] + ($6::int[])[1], histogram[2] + ($6::int[])[2], histogram[3] + ($6::int[])[3],
                           histogram[4] + ($6::int[])[4], histogram[5] + ($6::int[])[5]],
         updated_at = now()
       WHERE doctor_id = $1 AND source = $2
       RETURNING doctor_id`,
      params,
    );
    if (updated.length === 0) {
      await this.db.query(
        `INSERT INTO rating_aggregates (doctor_id, source, count, sum, sum_squares, histogram) VALUES ($1, $2, $3, $4, $5, $6::int[])`,
        params,
      );
    }
  }

  /** An external source's current observation replaces its aggregate: the source reports a total, not a change. */
  async replaceExternalAggregate(doctorId: string, source: string, count: number, sum: number): Promise<void> {
    await this.db.query(
      `INSERT INTO rating_aggregates AS a (doctor_id, source, count, sum)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (doctor_id, source) DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum, updated_at = now()`,
      [doctorId, source, count, sum],
    );
  }

  /**
   * Recounts the doctor's aggregates from the rows themselves: published own reviews and current external
   * observations. For when rows move between doctors (a merge) rather than change one at a time.
   */
  async recountAggregates(doctorId: string): Promise<void> {
    await this.db.query('DELETE FROM rating_aggregates WHERE doctor_id = $1', [doctorId]);
    await this.db.query(
      `INSERT INTO rating_aggregates (doctor_id, source, count, sum, sum_squares, histogram)
       SELECT $1, $2, count(*), sum(rating), sum(rating * rating), ARRAY[count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2),
                     count(*) FILTER (WHERE r.rating = 3), count(*) FILTER (WHERE r.rating = 4), count(*) FILTER (WHERE r.rating = 5)]::int[]
         FROM reviews r WHERE r.doctor_id = $1 AND r.status = 'published'
       HAVING count(*) > 0`,
      [doctorId, OWN_SOURCE],
    );
    await this.db.query(
      `INSERT INTO rating_aggregates (doctor_id, source, count, sum)
       SELECT doctor_id, source, review_count, value / scale * $2 * review_count FROM external_ratings WHERE doctor_id = $1 AND is_current`,
      [doctorId, COMMON_SCALE],
    );
  }

  async ownAggregate(doctorId: string): Promise<OwnAggregateRow | undefined> {
    const rows = await this.db.query<{ count: number; sum: number; sum_squares: number; histogram: number[]; updated_at: Date }>(
      `SELECT count, sum, sum_squares, histogram, updated_at FROM rating_aggregates WHERE doctor_id = $1 AND source = $2`,
      [doctorId, OWN_SOURCE],
    );
    const row = rows[0];
    if (!row) return undefined;
    const aggregate = { count: row.count, sum: row.sum, sumSquares: row.sum_squares, histogram: row.histogram as unknown as Histogram };
    return { aggregate, changedAt: row.updated_at };
  }

  async currentExternal(doctorId: string): Promise<ExternalObservation[]> {
    const rows = await this.db.query<{ source: string; source_url: string; value: number; scale: number; review_count: number; observed_at: Date }>(
      `SELECT source, source_url, value, scale, review_count, observed_at FROM external_ratings WHERE doctor_id = $1 AND is_current`,
      [doctorId],
    );
    return rows.map((r) => ({ source: r.source, sourceUrl: r.source_url, value: r.value, scale: r.scale, reviewCount: r.review_count, observedAt: r.observed_at }));
  }

  /** The priors of a primary specialty; all doctors' when it has no row; the defaults before any recompute. */
  async priorsFor(specialtyCode: string | null): Promise<Priors> {
    const rows = await this.db.query<{ mean: number; sigma: number }>(
      `SELECT mean, sigma FROM rating_priors WHERE scope = ANY($1::text[]) ORDER BY scope = $2 LIMIT 1`,
      [specialtyCode === null ? [ALL_DOCTORS_SCOPE] : [specialtyCode, ALL_DOCTORS_SCOPE], ALL_DOCTORS_SCOPE],
    );
    return rows[0] ?? DEFAULT_PRIORS;
  }

  /** Stores the summary; true when it differs from the stored one (then it is stamped as changed). */
  async saveSummary(doctorId: string, summary: RatingSummary): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE doctor_ratings SET summary = $2, score = $3, pooled_mean = $4, pooled_count = $5, changed_at = now()
        WHERE doctor_id = $1 AND summary IS DISTINCT FROM $2::jsonb
        RETURNING doctor_id`,
      [doctorId, JSON.stringify(summary), summary.score, summary.pooled.mean, summary.pooled.count],
    );
    return rows.length > 0;
  }

  /**
   * Sums per primary specialty and over all doctors (profiles that are not deleted). Reads the doctors' tables, never
   * writes them: an analytical query like this is one statement or a million service calls.
   */
  async populations(): Promise<PopulationRow[]> {
    return this.db.query<PopulationRow>(
      `SELECT ds.specialty_code,
              GROUPING(ds.specialty_code) = 1 AS total,
              COALESCE(sum(a.count), 0)::float8 AS rating_count,
              COALESCE(sum(a.sum), 0)::float8 AS rating_sum,
              COALESCE(sum(a.count) FILTER (WHERE a.source = $1), 0)::float8 AS own_count,
              COALESCE(sum(a.sum) FILTER (WHERE a.source = $1), 0)::float8 AS own_sum,
              COALESCE(sum(a.sum_squares) FILTER (WHERE a.source = $1), 0)::float8 AS own_sum_squares
         FROM rating_aggregates a
         JOIN doctors d ON d.id = a.doctor_id AND d.deleted_at IS NULL
         LEFT JOIN doctor_specialties ds ON ds.doctor_id = a.doctor_id AND ds.is_primary
        GROUP BY GROUPING SETS ((ds.specialty_code), ())`,
      [OWN_SOURCE],
    );
  }

  async replacePriors(priors: Omit<RatingPrior, 'computedAt'>[]): Promise<void> {
    await this.db.query('DELETE FROM rating_priors');
    if (priors.length === 0) return;
    await this.db.query(
      `INSERT INTO rating_priors (scope, mean, sigma, mean_from, sigma_from, rating_count, own_count, computed_at)
       SELECT p.scope, p.mean, p.sigma, p."meanFrom", p."sigmaFrom", p."ratingCount", p."ownCount", now()
         FROM jsonb_to_recordset($1::jsonb)
           AS p(scope text, mean float8, sigma float8, "meanFrom" text, "sigmaFrom" text, "ratingCount" int, "ownCount" int)`,
      [JSON.stringify(priors)],
    );
  }

  /**
   * A keyset page of rated doctors with the priors of their current primary specialty, locked (in id order, so two
   * recomputes never deadlock) against rating writes until the transaction ends.
   */
  async lockScoredPage(afterDoctorId: string | null, limit: number): Promise<ScoredRow[]> {
    return this.db.query<ScoredRow>(
      `SELECT r.doctor_id, r.pooled_mean, r.pooled_count, r.score,
              COALESCE(p.mean, pa.mean) AS prior_mean, COALESCE(p.sigma, pa.sigma) AS prior_sigma
         FROM doctor_ratings r
         JOIN doctors d ON d.id = r.doctor_id AND d.deleted_at IS NULL
         LEFT JOIN doctor_specialties ds ON ds.doctor_id = r.doctor_id AND ds.is_primary
         LEFT JOIN rating_priors p ON p.scope = ds.specialty_code
         LEFT JOIN rating_priors pa ON pa.scope = $3
        WHERE r.pooled_count > 0 AND ($1::uuid IS NULL OR r.doctor_id > $1::uuid)
        ORDER BY r.doctor_id
        LIMIT $2
        FOR UPDATE OF r`,
      [afterDoctorId, limit, ALL_DOCTORS_SCOPE],
    );
  }

  async updateScores(scores: { doctorId: string; score: number; shrunkMean: number }[]): Promise<void> {
    if (scores.length === 0) return;
    await this.db.query(
      `UPDATE doctor_ratings r
          SET score = u.score,
              summary = r.summary || jsonb_build_object('score', u.score, 'shrunkMean', u.shrunk_mean),
              changed_at = now()
         FROM unnest($1::uuid[], $2::float8[], $3::float8[]) AS u(doctor_id, score, shrunk_mean)
        WHERE r.doctor_id = u.doctor_id`,
      [scores.map((s) => s.doctorId), scores.map((s) => s.score), scores.map((s) => s.shrunkMean)],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { ALL_DOCTORS_SCOPE, RatingPrior } from './entities/rating-prior.entity.js';
import type { Histogram, RatingAggregate } from './statistics/rating-aggregate.js';
import { COMMON_SCALE, type Priors } from './statistics/ranking.js';
import { EMPTY_RATING_SUMMARY, OWN_SOURCE, type ExternalObservation, type RatingSummary } from './statistics/rating-summary.js';

export interface SummaryInput {
  doctorId: string;
  primarySpecialtyCode: string | null;
  own: OwnAggregateRow | undefined;
  external: ExternalObservation[];
}

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
   * Recounts the doctors' aggregates from the rows themselves: published own reviews and current external
   * observations. For when rows move between doctors (a merge) or arrive in bulk, rather than change one at a time.
   */
  async recountAggregates(doctorIds: readonly string[]): Promise<void> {
    await this.db.query('DELETE FROM rating_aggregates WHERE doctor_id = ANY($1::uuid[])', [doctorIds]);
    await this.db.query(
      `INSERT INTO rating_aggregates (doctor_id, source, count, sum, sum_squares, histogram)
       SELECT r.doctor_id, $2, count(*), sum(r.rating), sum(r.rating * r.rating),
              ARRAY[count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2),
                    count(*) FILTER (WHERE r.rating = 3), count(*) FILTER (WHERE r.rating = 4), count(*) FILTER (WHERE r.rating = 5)]::int[]
         FROM reviews r WHERE r.doctor_id = ANY($1::uuid[]) AND r.status = 'published'
        GROUP BY r.doctor_id`,
      [doctorIds, OWN_SOURCE],
    );
    await this.db.query(
      `INSERT INTO rating_aggregates (doctor_id, source, count, sum)
       SELECT doctor_id, source, review_count, value / scale * $2 * review_count FROM external_ratings WHERE doctor_id = ANY($1::uuid[]) AND is_current`,
      [doctorIds, COMMON_SCALE],
    );
  }

  /** What each doctor's summary is made of: own aggregate, current external observations, primary specialty. */
  async summaryInputs(doctorIds: readonly string[]): Promise<SummaryInput[]> {
    const rows = await this.db.query<{
      doctor_id: string;
      primary_code: string | null;
      count: number | null;
      sum: number;
      sum_squares: number;
      histogram: number[];
      updated_at: Date;
      external: { source: string; sourceUrl: string; value: number; scale: number; reviewCount: number; observedAt: string }[];
    }>(
      `SELECT d.id AS doctor_id,
              (SELECT s.specialty_code FROM doctor_specialties s WHERE s.doctor_id = d.id AND s.is_primary) AS primary_code,
              own.count, own.sum, own.sum_squares, own.histogram, own.updated_at,
              COALESCE((SELECT json_agg(json_build_object('source', e.source, 'sourceUrl', e.source_url, 'value', e.value, 'scale', e.scale,
                                                          'reviewCount', e.review_count, 'observedAt', e.observed_at))
                          FROM external_ratings e WHERE e.doctor_id = d.id AND e.is_current), '[]') AS external
         FROM unnest($1::uuid[]) AS d(id)
         LEFT JOIN rating_aggregates own ON own.doctor_id = d.id AND own.source = $2`,
      [doctorIds, OWN_SOURCE],
    );
    return rows.map((row) => ({
      doctorId: row.doctor_id,
      primarySpecialtyCode: row.primary_code,
      own:
        row.count === null
          ? undefined
          : { aggregate: { count: row.count, sum: row.sum, sumSquares: row.sum_squares, histogram: row.histogram as unknown as Histogram }, changedAt: row.updated_at },
      external: row.external.map((e) => ({ ...e, observedAt: new Date(e.observedAt) })),
    }));
  }

  /** Every scope's priors (a few hundred rows at most). */
  async allPriors(): Promise<Map<string, Priors>> {
    const rows = await this.db.query<{ scope: string; mean: number; sigma: number }>('SELECT scope, mean, sigma FROM rating_priors');
    return new Map(rows.map((row) => [row.scope, { mean: row.mean, sigma: row.sigma }]));
  }

  /** Stores the summaries; returns the doctors whose summary differs from the stored one (then stamped as changed). */
  async saveSummaries(summaries: readonly { doctorId: string; summary: RatingSummary }[]): Promise<string[]> {
    const input = JSON.stringify(summaries.map(({ doctorId, summary }) => ({ doctor_id: doctorId, summary })));
    // Separate statements: an UPDATE does not see rows an INSERT of the same statement added.
    await this.db.query(
      `INSERT INTO doctor_ratings (doctor_id, summary) SELECT s.doctor_id, $2::jsonb FROM jsonb_to_recordset($1::jsonb) AS s(doctor_id uuid)
       ON CONFLICT (doctor_id) DO NOTHING`,
      [input, JSON.stringify(EMPTY_RATING_SUMMARY)],
    );
    const rows = await this.db.query<{ doctor_id: string }>(
      `UPDATE doctor_ratings r
          SET summary = i.summary, score = (i.summary->>'score')::float8, pooled_mean = (i.summary->'pooled'->>'mean')::float8,
              pooled_count = (i.summary->'pooled'->>'count')::int, changed_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS i(doctor_id uuid, summary jsonb)
        WHERE r.doctor_id = i.doctor_id AND r.summary IS DISTINCT FROM i.summary
        RETURNING r.doctor_id`,
      [input],
    );
    return rows.map((row) => row.doctor_id);
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

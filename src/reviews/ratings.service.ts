import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { SearchOutbox } from '../search/outbox/search-outbox.service.js';
import { ALL_DOCTORS_SCOPE, type RatingPrior } from './entities/rating-prior.entity.js';
import { RatingsRepository, type PopulationRow } from './ratings.repository.js';
import { combine, deltaBetween, EMPTY_AGGREGATE, standardDeviationOf, type Star } from './statistics/rating-aggregate.js';
import { DEFAULT_PRIORS, rankingScore, resolvePriors, shrunkMean, type PopulationStats, type Priors } from './statistics/ranking.js';
import { summariseRatings } from './statistics/rating-summary.js';

const RESCORE_BATCH_SIZE = 500;
// Any constant works; it only has to be the same for every process that may recompute this database.
const RECOMPUTE_LOCK_KEY = 7_262_305;

export interface RecomputeResult {
  /** Whether this process ran it (false when another process was already recomputing). */
  ran: boolean;
  priors: number;
  rescored: number;
}

const populationStats = (row: PopulationRow): PopulationStats => ({
  ratingCount: row.rating_count,
  ratingSum: row.rating_sum,
  ownCount: row.own_count,
  ownStandardDeviation: standardDeviationOf({ count: row.own_count, sum: row.own_sum, sumSquares: row.own_sum_squares }),
});

/**
 * Keeps every doctor's rating summary current: the running aggregates change in the transaction of the write that
 * changes them, then the summary is rebuilt from the aggregates (never from the reviews) and scored with the
 * current priors, and the doctor is queued for re-indexing.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly db: Database,
    private readonly ratings: RatingsRepository,
    private readonly outbox: SearchOutbox,
  ) {}

  /** A review's counted star changed (null: not counted, i.e. not published). Call inside the writing transaction. */
  async ownRatingChanged(doctorId: string, before: Star | null, after: Star | null): Promise<void> {
    await this.ownRatingsChanged(doctorId, [{ before, after }]);
  }

  /** Several reviews of one doctor changed at once: one aggregate update, one summary rebuild. */
  async ownRatingsChanged(doctorId: string, changes: readonly { before: Star | null; after: Star | null }[]): Promise<void> {
    const delta = changes.reduce((sum, change) => combine(sum, deltaBetween(change.before, change.after)), EMPTY_AGGREGATE);
    if (delta.histogram.every((n) => n === 0)) return;
    await this.ratings.lockDoctor(doctorId);
    await this.ratings.addToOwnAggregate(doctorId, delta);
    await this.rebuildSummaries([doctorId]);
  }

  /** An external source's current observation changed. Call inside the writing transaction. */
  async externalRatingChanged(doctorId: string, source: string, count: number, sumOnCommonScale: number): Promise<void> {
    await this.ratings.lockDoctor(doctorId);
    await this.ratings.replaceExternalAggregate(doctorId, source, count, sumOnCommonScale);
    await this.rebuildSummaries([doctorId]);
  }

  /**
   * A merge moves reviews and external ratings from one doctor to another (the `move` callback, inside the merge
   * transaction): both doctors' ratings are locked first, then recounted from the rows and re-summarised.
   */
  async moveRatings(fromDoctorId: string, toDoctorId: string, move: () => Promise<void>): Promise<void> {
    for (const id of [fromDoctorId, toDoctorId].sort()) await this.ratings.lockDoctor(id);
    await move();
    await this.recount([fromDoctorId, toDoctorId]);
  }

  /**
   * Recounts the doctors' aggregates from their reviews and external ratings and rebuilds their summaries, in one
   * transaction: after rows moved between doctors or were loaded in bulk. Callers lock what they need first.
   */
  async recount(doctorIds: readonly string[]): Promise<void> {
    await this.db.transaction(async () => {
      await this.ratings.recountAggregates(doctorIds);
      await this.rebuildSummaries(doctorIds);
    });
  }

  /** Serialises rating writes of one doctor: call it first in a transaction that decides from current ratings. */
  async lockDoctor(doctorId: string): Promise<void> {
    await this.ratings.lockDoctor(doctorId);
  }

  /** Summaries from the aggregates (never from the reviews), scored with the priors of each primary specialty. */
  private async rebuildSummaries(doctorIds: readonly string[]): Promise<void> {
    const [inputs, priors] = await Promise.all([this.ratings.summaryInputs(doctorIds), this.ratings.allPriors()]);
    const priorsOf = (code: string | null): Priors => (code !== null ? priors.get(code) : undefined) ?? priors.get(ALL_DOCTORS_SCOPE) ?? DEFAULT_PRIORS;
    const changed = await this.ratings.saveSummaries(
      inputs.map((input) => ({
        doctorId: input.doctorId,
        summary: summariseRatings(input.own && { ...input.own, url: `/v1/doctors/${input.doctorId}/reviews` }, input.external, priorsOf(input.primarySpecialtyCode)),
      })),
    );
    await this.outbox.enqueue('doctor', changed);
  }

  /**
   * Recomputes the priors of every specialty from the aggregates, then re-scores the doctors whose score moved
   * (new priors, or a new primary specialty) and queues them for re-indexing. Safe to run from several processes:
   * only one runs at a time.
   */
  async recompute(): Promise<RecomputeResult> {
    const priors = await this.db.transaction(async () => {
      const [lock] = await this.db.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RECOMPUTE_LOCK_KEY]);
      if (!lock?.locked) return undefined;
      const rows = await this.ratings.populations();
      const total = rows.find((row) => row.total);
      const all = total ? populationStats(total) : { ratingCount: 0, ratingSum: 0, ownCount: 0, ownStandardDeviation: null };
      const priorRows: Omit<RatingPrior, 'computedAt'>[] = [
        { scope: ALL_DOCTORS_SCOPE, ...resolvePriors(undefined, all), ratingCount: all.ratingCount, ownCount: all.ownCount },
        ...rows.flatMap((row) =>
          row.total || row.specialty_code === null
            ? []
            : [{ scope: row.specialty_code, ...resolvePriors(populationStats(row), all), ratingCount: row.rating_count, ownCount: row.own_count }],
        ),
      ];
      await this.ratings.replacePriors(priorRows);
      return priorRows.length;
    });
    if (priors === undefined) return { ran: false, priors: 0, rescored: 0 };
    return { ran: true, priors, rescored: await this.rescoreAll() };
  }

  private async rescoreAll(): Promise<number> {
    let after: string | null = null;
    let rescored = 0;
    for (;;) {
      const page = await this.db.transaction(async () => {
        const rows = await this.ratings.lockScoredPage(after, RESCORE_BATCH_SIZE);
        const changed = rows.flatMap((row) => {
          const priors = row.prior_mean === null || row.prior_sigma === null ? DEFAULT_PRIORS : { mean: row.prior_mean, sigma: row.prior_sigma };
          const pooled = { mean: row.pooled_mean, count: row.pooled_count };
          const score = rankingScore(pooled, priors);
          return score === row.score ? [] : [{ doctorId: row.doctor_id, score, shrunkMean: shrunkMean(pooled, priors) }];
        });
        await this.ratings.updateScores(changed);
        await this.outbox.enqueue('doctor', changed.map((c) => c.doctorId));
        return { last: rows.at(-1)?.doctor_id, size: rows.length, changed: changed.length };
      });
      rescored += page.changed;
      if (page.size < RESCORE_BATCH_SIZE || page.last === undefined) return rescored;
      after = page.last;
    }
  }
}

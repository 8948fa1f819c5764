import { meanOf, type Histogram, type RatingAggregate } from './rating-aggregate.js';
import { pool, rankingScore, shrunkMean, toCommonScale, type Priors, type RankingParameters } from './ranking.js';

/** The source name of Docfinder's own reviews. */
export const OWN_SOURCE = 'docfinder';

export interface RatingSourceSummary {
  source: string;
  sourceUrl: string;
  /** As the source shows it, on its own scale. */
  value: number;
  scale: number;
  count: number;
  /** When the number was seen at the source (for own reviews: when it last changed). */
  observedAt: string;
}

/** A doctor's rating as every profile, list and search hit carries it. */
export interface RatingSummary {
  /** Ranking score (lower bound of the Bayesian average); null without any rating. */
  score: number | null;
  shrunkMean: number | null;
  pooled: { mean: number | null; count: number };
  own: { mean: number | null; count: number; histogram: number[] };
  sources: RatingSourceSummary[];
}

export const EMPTY_RATING_SUMMARY: RatingSummary = {
  score: null,
  shrunkMean: null,
  pooled: { mean: null, count: 0 },
  own: { mean: null, count: 0, histogram: [0, 0, 0, 0, 0] },
  sources: [],
};

export interface ExternalObservation {
  source: string;
  sourceUrl: string;
  value: number;
  scale: number;
  reviewCount: number;
  observedAt: Date;
}

export interface OwnRatings {
  aggregate: RatingAggregate;
  changedAt: Date;
  /** Where a reader finds the reviews behind the number. */
  url: string;
}

/** Pools own and external ratings on the 0–5 scale and scores them against the priors. */
export function summariseRatings(own: OwnRatings | undefined, external: readonly ExternalObservation[], priors: Priors, parameters?: RankingParameters): RatingSummary {
  const ownAggregate = own?.aggregate;
  const ownMean = ownAggregate ? meanOf(ownAggregate) : null;
  const counted = external.filter((rating) => rating.reviewCount > 0);
  const pooled = pool([
    ...(ownAggregate && ownMean !== null ? [{ mean: ownMean, count: ownAggregate.count }] : []),
    ...counted.map((rating) => ({ mean: toCommonScale(rating.value, rating.scale), count: rating.reviewCount })),
  ]);
  const ownSource: RatingSourceSummary[] =
    own && ownMean !== null
      ? [{ source: OWN_SOURCE, sourceUrl: own.url, value: ownMean, scale: 5, count: own.aggregate.count, observedAt: own.changedAt.toISOString() }]
      : [];
  return {
    score: pooled.count === 0 ? null : rankingScore(pooled, priors, parameters),
    shrunkMean: pooled.count === 0 ? null : shrunkMean(pooled, priors, parameters),
    pooled,
    own: { mean: ownMean, count: ownAggregate?.count ?? 0, histogram: [...(ownAggregate?.histogram ?? ([0, 0, 0, 0, 0] as Histogram))] },
    sources: [
      ...ownSource,
      ...[...external]
        .sort((a, b) => a.source.localeCompare(b.source))
        .map((rating) => ({
          source: rating.source,
          sourceUrl: rating.sourceUrl,
          value: rating.value,
          scale: rating.scale,
          count: rating.reviewCount,
          observedAt: rating.observedAt.toISOString(),
        })),
    ],
  };
}

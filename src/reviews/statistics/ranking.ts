/** Ratings of every source are compared on one scale: 0 to 5 stars. */
export const COMMON_SCALE = 5;

/** A source's contribution on the common scale: its mean and how many ratings it stands for. */
export interface ScaledRating {
  readonly mean: number;
  readonly count: number;
}

export interface Pooled {
  readonly mean: number | null;
  readonly count: number;
}

/** `value` out of `scale` (e.g. 9.2 of 10) on the common 0–5 scale. */
export const toCommonScale = (value: number, scale: number): number => (value / scale) * COMMON_SCALE;

/** Count-weighted mean across sources. Summed in a canonical order so the order sources come in cannot move a bit. */
export function pool(ratings: readonly ScaledRating[]): Pooled {
  const ordered = [...ratings].filter((r) => r.count > 0).sort((a, b) => a.count - b.count || a.mean - b.mean);
  const count = ordered.reduce((total, r) => total + r.count, 0);
  if (count === 0) return { mean: null, count: 0 };
  return { mean: ordered.reduce((total, r) => total + r.mean * r.count, 0) / count, count };
}

/** The prior a doctor's ratings are shrunk towards: `mean` (m) and the spread of single ratings (σ). */
export interface Priors {
  readonly mean: number;
  readonly sigma: number;
}

export const DEFAULT_PRIORS: Priors = { mean: 3.5, sigma: 1.2 };

export interface RankingParameters {
  /** Weight of the prior, in ratings. */
  readonly c: number;
  /** One-sided normal quantile of the lower bound (1.65 ≈ 95 %). */
  readonly z: number;
}

export const DEFAULT_RANKING: RankingParameters = { c: 10, z: 1.65 };

/** Bayesian average: `(C·m + n·mean) / (C + n)`; the prior alone when there are no ratings. */
export function shrunkMean(pooled: Pooled, priors: Priors, { c }: RankingParameters = DEFAULT_RANKING): number {
  if (pooled.mean === null || pooled.count === 0) return priors.mean;
  return (c * priors.mean + pooled.count * pooled.mean) / (c + pooled.count);
}

/**
 * Lower confidence bound of the Bayesian average: `shrunk − z·σ/√(C + n + 1)`. Few ratings pay a large penalty,
 * so one 5-star review ranks below two hundred at 4.8.
 */
export function rankingScore(pooled: Pooled, priors: Priors, parameters: RankingParameters = DEFAULT_RANKING): number {
  return shrunkMean(pooled, priors, parameters) - (parameters.z * priors.sigma) / Math.sqrt(parameters.c + pooled.count + 1);
}

/**
 * Where a prior value comes from: the doctor's specialty when it has enough ratings, else all doctors when they
 * have enough, else the default.
 */
export type PriorOrigin = 'specialty' | 'all' | 'default';

/** Ratings needed before a population's mean (all sources) or spread (own reviews) is trusted as a prior. */
export const MIN_RATINGS_FOR_PRIOR = 100;

/** What a population (a specialty, or all doctors) contributes to priors. */
export interface PopulationStats {
  /** Ratings of all sources, on the common scale. */
  readonly ratingCount: number;
  readonly ratingSum: number;
  /** Own reviews only: external sources report no spread. */
  readonly ownCount: number;
  readonly ownStandardDeviation: number | null;
}

export interface ResolvedPriors extends Priors {
  readonly meanFrom: PriorOrigin;
  readonly sigmaFrom: PriorOrigin;
}

/** m and σ for one specialty (or, without `specialty`, for doctors that have none), with fallbacks. */
export function resolvePriors(specialty: PopulationStats | undefined, all: PopulationStats): ResolvedPriors {
  const populations: [PriorOrigin, PopulationStats][] = specialty ? [['specialty', specialty], ['all', all]] : [['all', all]];
  let mean: Pick<ResolvedPriors, 'mean' | 'meanFrom'> = { mean: DEFAULT_PRIORS.mean, meanFrom: 'default' };
  let sigma: Pick<ResolvedPriors, 'sigma' | 'sigmaFrom'> = { sigma: DEFAULT_PRIORS.sigma, sigmaFrom: 'default' };
  // From the widest population to the narrowest: a narrower one with enough ratings overrides a wider one.
  for (const [origin, stats] of [...populations].reverse()) {
    if (stats.ratingCount >= MIN_RATINGS_FOR_PRIOR) mean = { mean: stats.ratingSum / stats.ratingCount, meanFrom: origin };
    if (stats.ownCount >= MIN_RATINGS_FOR_PRIOR && stats.ownStandardDeviation !== null) {
      sigma = { sigma: stats.ownStandardDeviation, sigmaFrom: origin };
    }
  }
  return { ...mean, ...sigma };
}

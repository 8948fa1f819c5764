/** Own reviews are whole stars from 1 to 5. */
export const STAR_VALUES = [1, 2, 3, 4, 5] as const;
export type Star = (typeof STAR_VALUES)[number];

/** Counts of 1-, 2-, 3-, 4- and 5-star ratings, in that order. */
export type Histogram = readonly [number, number, number, number, number];

/**
 * Running aggregate of one doctor's ratings from one source: enough to answer mean, variance and the histogram
 * without reading a single review. Also used as a signed delta (a review leaving the aggregate has negative counts).
 */
export interface RatingAggregate {
  readonly count: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly histogram: Histogram;
}

export const EMPTY_AGGREGATE: RatingAggregate = { count: 0, sum: 0, sumSquares: 0, histogram: [0, 0, 0, 0, 0] };

export const isStar = (value: unknown): value is Star => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;

function single(star: Star, sign: 1 | -1): RatingAggregate {
  const histogram = [0, 0, 0, 0, 0];
  histogram[star - 1] = sign;
  return { count: sign, sum: sign * star, sumSquares: sign * star * star, histogram: histogram as unknown as Histogram };
}

export function combine(a: RatingAggregate, b: RatingAggregate): RatingAggregate {
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
    histogram: a.histogram.map((n, i) => n + b.histogram[i]) as unknown as Histogram,
  };
}

/**
 * What a review's change does to its doctor's aggregate. `before`/`after` are the star rating the aggregate counted
 * for it before and after the change, or null when it was (or is) not counted (pending, rejected, not yet written).
 */
export function deltaBetween(before: Star | null, after: Star | null): RatingAggregate {
  const removed = before === null ? EMPTY_AGGREGATE : single(before, -1);
  return after === null ? removed : combine(removed, single(after, 1));
}

/** The aggregate of a set of ratings computed from scratch (the reference the running one must always equal). */
export function aggregateOf(stars: Iterable<Star>): RatingAggregate {
  let aggregate = EMPTY_AGGREGATE;
  for (const star of stars) aggregate = combine(aggregate, single(star, 1));
  return aggregate;
}

export const meanOf = (aggregate: Pick<RatingAggregate, 'count' | 'sum'>): number | null =>
  aggregate.count > 0 ? aggregate.sum / aggregate.count : null;

/** Sample standard deviation of the individual ratings; null below two ratings. */
export function standardDeviationOf(aggregate: Pick<RatingAggregate, 'count' | 'sum' | 'sumSquares'>): number | null {
  if (aggregate.count < 2) return null;
  const variance = (aggregate.sumSquares - (aggregate.sum * aggregate.sum) / aggregate.count) / (aggregate.count - 1);
  // Rounding can leave a tiny negative variance when all ratings are equal.
  return Math.sqrt(Math.max(0, variance));
}

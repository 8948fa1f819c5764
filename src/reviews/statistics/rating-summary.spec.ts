import { describe, expect, it } from 'vitest';
import { aggregateOf } from './rating-aggregate.js';
import { DEFAULT_PRIORS, rankingScore } from './ranking.js';
import { EMPTY_RATING_SUMMARY, OWN_SOURCE, summariseRatings } from './rating-summary.js';

const at = new Date('2026-05-01T00:00:00.000Z');

describe('rating summary', () => {
  it('pools own reviews with external ratings on the 0–5 scale and lists every source with its date', () => {
    const summary = summariseRatings(
      { aggregate: aggregateOf([5, 4, 3]), changedAt: at, url: '/v1/doctors/d1/reviews' },
      [
        { source: 'realself', sourceUrl: 'https://realself.example/dr', value: 9, scale: 10, reviewCount: 7, observedAt: at },
        { source: 'google', sourceUrl: 'https://google.example/dr', value: 4.8, scale: 5, reviewCount: 10, observedAt: at },
      ],
      DEFAULT_PRIORS,
    );
    const pooledMean = (4 * 3 + 4.5 * 7 + 4.8 * 10) / 20;
    expect(summary.pooled.count).toBe(20);
    expect(summary.pooled.mean).toBeCloseTo(pooledMean, 12);
    expect(summary.own).toEqual({ mean: 4, count: 3, histogram: [0, 0, 1, 1, 1] });
    expect(summary.score).toBeCloseTo(rankingScore({ mean: pooledMean, count: 20 }, DEFAULT_PRIORS), 12);
    expect(summary.sources.map((s) => s.source)).toEqual([OWN_SOURCE, 'google', 'realself']);
    expect(summary.sources[2]).toEqual({ source: 'realself', sourceUrl: 'https://realself.example/dr', value: 9, scale: 10, count: 7, observedAt: at.toISOString() });
  });

  it('has no score and no own source without any rating', () => {
    expect(summariseRatings({ aggregate: aggregateOf([]), changedAt: at, url: '/x' }, [], DEFAULT_PRIORS)).toEqual(EMPTY_RATING_SUMMARY);
    expect(summariseRatings(undefined, [], DEFAULT_PRIORS)).toEqual(EMPTY_RATING_SUMMARY);
  });

  it('lists an external source that reports no count without letting it weigh', () => {
    const summary = summariseRatings(undefined, [{ source: 'google', sourceUrl: 'https://g.example', value: 1, scale: 5, reviewCount: 0, observedAt: at }], DEFAULT_PRIORS);
    expect(summary.pooled).toEqual({ mean: null, count: 0 });
    expect(summary.score).toBeNull();
    expect(summary.sources).toHaveLength(1);
  });
});

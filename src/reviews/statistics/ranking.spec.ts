import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateOf, meanOf, standardDeviationOf, type Star } from './rating-aggregate.js';
import {
  DEFAULT_PRIORS,
  DEFAULT_RANKING,
  MIN_RATINGS_FOR_PRIOR,
  pool,
  rankingScore,
  resolvePriors,
  shrunkMean,
  toCommonScale,
  type PopulationStats,
  type Priors,
} from './ranking.js';

const priors = fc.record({ mean: fc.double({ min: 0, max: 5, noNaN: true }), sigma: fc.double({ min: 0, max: 3, noNaN: true }) });
const pooled = fc.record({ mean: fc.double({ min: 0, max: 5, noNaN: true }), count: fc.integer({ min: 1, max: 1_000_000 }) });
const star = fc.constantFrom<Star>(1, 2, 3, 4, 5);
const EPSILON = 1e-9;

const pooledOf = (stars: Star[]) => ({ mean: meanOf(aggregateOf(stars)), count: stars.length });

describe('ranking score', () => {
  it('shrunk always lies between the prior mean and the raw mean', () => {
    fc.assert(
      fc.property(pooled, priors, (p, prior) => {
        const shrunk = shrunkMean(p, prior);
        expect(shrunk).toBeGreaterThanOrEqual(Math.min(prior.mean, p.mean) - EPSILON);
        expect(shrunk).toBeLessThanOrEqual(Math.max(prior.mean, p.mean) + EPSILON);
      }),
    );
  });

  it('score never exceeds shrunk', () => {
    fc.assert(
      fc.property(pooled, priors, (p, prior) => {
        expect(rankingScore(p, prior)).toBeLessThanOrEqual(shrunkMean(p, prior));
      }),
    );
  });

  it('adding a rating equal to shrunk never lowers the score', () => {
    fc.assert(
      fc.property(pooled, priors, (p, prior) => {
        const shrunk = shrunkMean(p, prior);
        const added = { mean: (p.mean * p.count + shrunk) / (p.count + 1), count: p.count + 1 };
        expect(rankingScore(added, prior)).toBeGreaterThanOrEqual(rankingScore(p, prior) - EPSILON);
      }),
    );
  });

  it('review order never changes the score', () => {
    fc.assert(
      fc.property(fc.array(star, { minLength: 1 }).chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }))), priors, ([stars, shuffled], prior: Priors) => {
        expect(rankingScore(pooledOf(shuffled), prior)).toBe(rankingScore(pooledOf(stars), prior));
      }),
    );
  });

  it('is the prior minus the full penalty without ratings', () => {
    const expected = DEFAULT_PRIORS.mean - (DEFAULT_RANKING.z * DEFAULT_PRIORS.sigma) / Math.sqrt(DEFAULT_RANKING.c + 1);
    expect(rankingScore({ mean: null, count: 0 }, DEFAULT_PRIORS)).toBeCloseTo(expected, 12);
    expect(shrunkMean({ mean: null, count: 0 }, DEFAULT_PRIORS)).toBe(DEFAULT_PRIORS.mean);
  });

  it('ranks one 5-star review below 200 reviews at 4.8, even where the mean is 4.8', () => {
    for (const prior of [DEFAULT_PRIORS, { mean: 4.8, sigma: 1.2 }, { mean: 4.8, sigma: 0.5 }]) {
      expect(rankingScore({ mean: 5, count: 1 }, prior)).toBeLessThan(rankingScore({ mean: 4.8, count: 200 }, prior));
    }
  });
});

describe('pooling across sources', () => {
  const source = fc.record({ mean: fc.double({ min: 0, max: 5, noNaN: true }), count: fc.integer({ min: 0, max: 10_000 }) });

  it('is the count-weighted mean over all sources, whatever their order', () => {
    fc.assert(
      fc.property(fc.array(source).chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }))), ([sources, shuffled]) => {
        const result = pool(sources);
        expect(pool(shuffled)).toEqual(result);
        const count = sources.reduce((total, s) => total + s.count, 0);
        expect(result.count).toBe(count);
        if (count === 0) expect(result.mean).toBeNull();
        else expect(result.mean).toBeCloseTo(sources.reduce((total, s) => total + s.mean * s.count, 0) / count, 9);
      }),
    );
  });

  it('puts other scales on 0–5', () => {
    expect(toCommonScale(9, 10)).toBe(4.5);
    expect(toCommonScale(80, 100)).toBe(4);
    expect(toCommonScale(4.8, 5)).toBe(4.8);
  });
});

describe('priors', () => {
  const population = (ratingCount: number, mean: number, ownCount: number, sigma: number | null): PopulationStats => ({
    ratingCount,
    ratingSum: ratingCount * mean,
    ownCount,
    ownStandardDeviation: sigma,
  });

  it('takes the specialty when it has enough ratings, else all doctors, else the defaults', () => {
    const all = population(5000, 4.1, 900, 1.1);
    expect(resolvePriors(population(150, 4.6, 120, 0.7), all)).toEqual({ mean: 4.6, meanFrom: 'specialty', sigma: 0.7, sigmaFrom: 'specialty' });
    // Enough ratings for m, but not enough own reviews for σ: σ falls back on its own.
    expect(resolvePriors(population(150, 4.6, 20, 0.7), all)).toEqual({ mean: 4.6, meanFrom: 'specialty', sigma: 1.1, sigmaFrom: 'all' });
    expect(resolvePriors(population(99, 4.6, 99, 0.7), all)).toEqual({ mean: 4.1, meanFrom: 'all', sigma: 1.1, sigmaFrom: 'all' });
    expect(resolvePriors(undefined, population(MIN_RATINGS_FOR_PRIOR - 1, 4.9, 50, 0.2))).toEqual({
      mean: DEFAULT_PRIORS.mean,
      meanFrom: 'default',
      sigma: DEFAULT_PRIORS.sigma,
      sigmaFrom: 'default',
    });
  });

  it('uses the spread of single own ratings', () => {
    const stars: Star[] = Array.from({ length: 120 }, (_, i) => ((i % 5) + 1) as Star);
    const aggregate = aggregateOf(stars);
    const own = { ratingCount: 120, ratingSum: aggregate.sum, ownCount: 120, ownStandardDeviation: standardDeviationOf(aggregate) };
    expect(resolvePriors(undefined, own).sigma).toBeCloseTo(Math.sqrt(2 * (120 / 119)), 9);
  });
});

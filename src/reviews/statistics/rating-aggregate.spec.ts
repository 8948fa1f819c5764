import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateOf, combine, deltaBetween, EMPTY_AGGREGATE, isStar, meanOf, standardDeviationOf, type Star } from './rating-aggregate.js';

const star = fc.constantFrom<Star>(1, 2, 3, 4, 5);

describe('rating aggregates', () => {
  it('the histogram always sums to the count', () => {
    fc.assert(
      fc.property(fc.array(star), (stars) => {
        const aggregate = aggregateOf(stars);
        expect(aggregate.histogram.reduce((a, b) => a + b, 0)).toBe(aggregate.count);
        expect(aggregate.count).toBe(stars.length);
      }),
    );
  });

  it('review order never changes the aggregate', () => {
    fc.assert(
      fc.property(fc.array(star).chain((stars) => fc.tuple(fc.constant(stars), fc.shuffledSubarray(stars, { minLength: stars.length }))), ([stars, shuffled]) => {
        expect(aggregateOf(shuffled)).toEqual(aggregateOf(stars));
      }),
    );
  });

  it('a delta adds, removes or replaces exactly one rating', () => {
    fc.assert(
      fc.property(fc.array(star), star, star, (stars, before, after) => {
        const base = aggregateOf(stars);
        expect(combine(base, deltaBetween(null, after))).toEqual(aggregateOf([...stars, after]));
        expect(combine(aggregateOf([...stars, before]), deltaBetween(before, null))).toEqual(base);
        expect(combine(aggregateOf([...stars, before]), deltaBetween(before, after))).toEqual(aggregateOf([...stars, after]));
        expect(deltaBetween(null, null)).toEqual(EMPTY_AGGREGATE);
      }),
    );
  });

  it('mean and standard deviation agree with the ratings themselves', () => {
    fc.assert(
      fc.property(fc.array(star, { minLength: 2 }), (stars) => {
        const aggregate = aggregateOf(stars);
        const mean = stars.reduce((a, b) => a + b, 0) / stars.length;
        const variance = stars.reduce((total, s) => total + (s - mean) ** 2, 0) / (stars.length - 1);
        expect(meanOf(aggregate)).toBeCloseTo(mean, 12);
        expect(standardDeviationOf(aggregate)).toBeCloseTo(Math.sqrt(variance), 9);
      }),
    );
  });

  it('has no mean without ratings and no spread below two', () => {
    expect(meanOf(EMPTY_AGGREGATE)).toBeNull();
    expect(standardDeviationOf(aggregateOf([4]))).toBeNull();
    expect(standardDeviationOf(aggregateOf([4, 4, 4]))).toBe(0);
  });

  it('accepts only whole stars from 1 to 5', () => {
    expect([1, 2, 3, 4, 5].every(isStar)).toBe(true);
    expect([0, 6, 4.5, '4', null, Number.NaN].some(isStar)).toBe(false);
  });
});

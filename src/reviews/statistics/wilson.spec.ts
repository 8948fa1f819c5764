import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonLowerBound } from './wilson.js';

const votes = fc.integer({ min: 1, max: 100_000 }).chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)));

describe('Wilson lower bound', () => {
  it('lies between 0 and the observed share', () => {
    fc.assert(
      fc.property(votes, ([helpful, total]) => {
        const bound = wilsonLowerBound(helpful, total);
        expect(bound).toBeGreaterThanOrEqual(0);
        expect(bound).toBeLessThanOrEqual(helpful / total + 1e-12);
      }),
    );
  });

  it('grows with one more helpful vote and shrinks with one more unhelpful vote', () => {
    fc.assert(
      fc.property(votes, ([helpful, total]) => {
        expect(wilsonLowerBound(helpful + 1, total + 1)).toBeGreaterThanOrEqual(wilsonLowerBound(helpful, total));
        expect(wilsonLowerBound(helpful, total + 1)).toBeLessThanOrEqual(wilsonLowerBound(helpful, total));
      }),
    );
  });

  it('ranks evidence above a raw count or a perfect share', () => {
    expect(wilsonLowerBound(90, 100)).toBeGreaterThan(wilsonLowerBound(3, 3));
    expect(wilsonLowerBound(3, 3)).toBeGreaterThan(wilsonLowerBound(10, 30));
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewStatus } from './entities/review.entity.js';
import { countedStar, statusAfterEdit, statusAfterModeration, statusOnCreate, type ModerationAction } from './review-lifecycle.js';
import { aggregateOf, combine, deltaBetween, EMPTY_AGGREGATE, type RatingAggregate, type Star } from './statistics/rating-aggregate.js';

type Operation =
  | { kind: 'create'; rating: Star; flagged: boolean }
  | { kind: 'edit'; index: number; rating: Star; flagged: boolean }
  | { kind: 'moderate'; index: number; action: ModerationAction };

const star = fc.constantFrom<Star>(1, 2, 3, 4, 5);
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), rating: star, flagged: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), index: fc.nat(), rating: star, flagged: fc.boolean() }),
  fc.record({ kind: fc.constant('moderate' as const), index: fc.nat(), action: fc.constantFrom<ModerationAction>('publish', 'reject', 'restore') }),
);

interface ModelReview {
  status: ReviewStatus;
  rating: Star;
}

/** Runs operations the way the service does: each change applies only its own delta to the running aggregate. */
function run(operations: Operation[]): { reviews: ModelReview[]; running: RatingAggregate } {
  const reviews: ModelReview[] = [];
  let running = EMPTY_AGGREGATE;
  for (const op of operations) {
    if (op.kind === 'create') {
      const review: ModelReview = { status: statusOnCreate(op.flagged), rating: op.rating };
      reviews.push(review);
      running = combine(running, deltaBetween(null, countedStar(review.status, review.rating)));
      continue;
    }
    const review = reviews[op.index % Math.max(1, reviews.length)];
    if (!review) continue;
    const before = countedStar(review.status, review.rating);
    if (op.kind === 'edit') {
      review.status = statusAfterEdit(review.status, op.flagged);
      review.rating = op.rating;
    } else {
      review.status = statusAfterModeration(review.status, op.action) ?? review.status;
    }
    running = combine(running, deltaBetween(before, countedStar(review.status, review.rating)));
  }
  return { reviews, running };
}

describe('review lifecycle and the running aggregate', () => {
  it('equals a from-scratch recomputation after any sequence of create/edit/publish/reject/restore', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const { reviews, running } = run(operations);
        expect(running).toEqual(aggregateOf(reviews.filter((r) => r.status === 'published').map((r) => r.rating)));
        expect(running.histogram.reduce((a, b) => a + b, 0)).toBe(running.count);
      }),
    );
  });

  it('publishes clean reviews at once and holds flagged ones', () => {
    expect(statusOnCreate(false)).toBe('published');
    expect(statusOnCreate(true)).toBe('pending');
  });

  it('never lets an edit skip moderation', () => {
    expect(statusAfterEdit('published', false)).toBe('published');
    expect(statusAfterEdit('published', true)).toBe('pending');
    expect(statusAfterEdit('pending', false)).toBe('pending');
    expect(statusAfterEdit('rejected', false)).toBe('pending');
  });

  it.each<[ReviewStatus, ModerationAction, ReviewStatus | undefined]>([
    ['pending', 'publish', 'published'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'restore', undefined],
    ['published', 'publish', undefined],
    ['published', 'reject', 'rejected'],
    ['published', 'restore', undefined],
    ['rejected', 'publish', undefined],
    ['rejected', 'reject', undefined],
    ['rejected', 'restore', 'published'],
  ])('%s + %s → %s', (status, action, expected) => {
    expect(statusAfterModeration(status, action)).toBe(expected);
  });
});

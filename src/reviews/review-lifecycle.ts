import type { ReviewStatus } from './entities/review.entity.js';
import type { Star } from './statistics/rating-aggregate.js';

export const MODERATION_ACTIONS = ['publish', 'reject', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const TRANSITIONS: Record<ModerationAction, { from: readonly ReviewStatus[]; to: ReviewStatus }> = {
  publish: { from: ['pending'], to: 'published' },
  reject: { from: ['pending', 'published'], to: 'rejected' },
  restore: { from: ['rejected'], to: 'published' },
};

/** The status a moderator's action leads to, or undefined when the action does not apply to this status. */
export function statusAfterModeration(status: ReviewStatus, action: ModerationAction): ReviewStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(status) ? transition.to : undefined;
}

/**
 * An author's edit never gets past moderation: a live review stays live only while no rule flags it, and a held or
 * rejected one goes (back) to the moderators.
 */
export function statusAfterEdit(status: ReviewStatus, flagged: boolean): ReviewStatus {
  return status === 'published' && !flagged ? 'published' : 'pending';
}

export const statusOnCreate = (flagged: boolean): ReviewStatus => (flagged ? 'pending' : 'published');

/** The star rating the doctor's aggregate counts for a review: only published reviews count. */
export const countedStar = (status: ReviewStatus, rating: Star): Star | null => (status === 'published' ? rating : null);

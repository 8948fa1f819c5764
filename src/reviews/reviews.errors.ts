import { CommonErrors, defineErrors, registerConstraintErrors } from '../common/errors/app-error.js';

export const ReviewErrors = defineErrors('REVIEW', {
  NOT_FOUND: [404, 'Review not found'],
  DUPLICATE: [409, 'You already reviewed this doctor; edit your review instead'],
  ALREADY_REPLIED: [409, 'This review already has a reply'],
  ALREADY_VOTED: [409, 'You already voted on this review'],
  ALREADY_REPORTED: [409, 'You already reported this review'],
  INVALID_TRANSITION: [409, 'This action does not apply to the review in its current status'],
  STALE_VERSION: [412, 'The review was changed meanwhile; GET it again and retry'],
  NOT_ALLOWED: [403, 'You may not do this with this review'],
  NOT_A_PATIENT: [403, 'Only patient accounts write reviews'],
  EMAIL_NOT_VERIFIED: [403, 'Verify your e-mail address before writing a review'],
  ACCOUNT_REQUIRED: [403, 'This needs a personal account, not the automation token'],
});

registerConstraintErrors({
  uq_reviews_author_doctor: () => ReviewErrors.DUPLICATE(),
  uq_review_replies_review: () => ReviewErrors.ALREADY_REPLIED(),
  uq_review_votes_review_account: () => ReviewErrors.ALREADY_VOTED(),
  uq_review_reports_review_reporter: () => ReviewErrors.ALREADY_REPORTED(),
  uq_external_ratings_current: () => CommonErrors.CONFLICT('Another observation of this source was recorded at the same time; retry'),
});

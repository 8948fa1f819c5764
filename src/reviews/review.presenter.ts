import type { ReviewDto } from './dto/review-response.dto.js';
import type { ReviewRow } from './reviews.repository.js';

/** The API shape of a review; `withModeration` adds what only its author and staff may see. */
export function presentReview(row: ReviewRow, withModeration: boolean): ReviewDto {
  const review: ReviewDto = {
    id: row.id,
    doctorId: row.doctor_id,
    rating: row.rating,
    text: row.text,
    subRatings: {
      bedsideManner: row.bedside_manner,
      explanation: row.explanation,
      waitTime: row.wait_time,
      staff: row.staff,
      office: row.office,
    },
    visitMonth: row.visit_month,
    status: row.status,
    author: row.author_account_id === null ? { displayName: null, deleted: true } : { displayName: row.author_display_name, deleted: false },
    votes: { helpful: row.helpful_votes, unhelpful: row.unhelpful_votes },
    reply: row.reply_text === null || row.reply_created_at === null ? null : { text: row.reply_text, createdAt: row.reply_created_at.toISOString() },
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
  if (withModeration) {
    review.moderation = { flags: row.flags, note: row.moderation_note, moderatedAt: row.moderated_at?.toISOString() ?? null, openReports: row.open_reports };
  }
  return review;
}

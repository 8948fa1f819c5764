import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MODERATION_FLAGS, type ModerationFlag } from '../moderation/moderation-rules.js';
import { REVIEW_STATUSES, type ReviewStatus } from '../entities/review.entity.js';

export class SubRatingValuesDto {
  @ApiProperty({ nullable: true, type: Number }) bedsideManner!: number | null;
  @ApiProperty({ nullable: true, type: Number }) explanation!: number | null;
  @ApiProperty({ nullable: true, type: Number }) waitTime!: number | null;
  @ApiProperty({ nullable: true, type: Number }) staff!: number | null;
  @ApiProperty({ nullable: true, type: Number }) office!: number | null;
}

export class ReviewAuthorDto {
  @ApiProperty({ nullable: true, type: String, description: 'null when the account was deleted' }) displayName!: string | null;
  @ApiProperty({ description: 'The author deleted their account; the review stays' }) deleted!: boolean;
}

export class HelpfulVotesDto {
  @ApiProperty() helpful!: number;
  @ApiProperty() unhelpful!: number;
}

export class ReviewReplyDto {
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** What only the author and staff see. */
export class ReviewModerationDto {
  @ApiProperty({ enum: MODERATION_FLAGS, isArray: true, description: 'The rules that held the review for a moderator' }) flags!: ModerationFlag[];
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) moderatedAt!: string | null;
  @ApiProperty() openReports!: number;
}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) doctorId!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ type: SubRatingValuesDto }) subRatings!: SubRatingValuesDto;
  @ApiProperty({ nullable: true, type: String, example: '2026-03' }) visitMonth!: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty({ type: ReviewAuthorDto }) author!: ReviewAuthorDto;
  @ApiProperty({ type: HelpfulVotesDto }) votes!: HelpfulVotesDto;
  @ApiProperty({ type: ReviewReplyDto, nullable: true }) reply!: ReviewReplyDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Also the ETag' }) version!: number;
  @ApiPropertyOptional({ type: ReviewModerationDto, description: 'Only for the author and staff' }) moderation?: ReviewModerationDto;
}

export class ReportResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

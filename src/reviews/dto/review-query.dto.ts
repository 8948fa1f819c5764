import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { ToBoolean } from '../../common/validation/decorators.js';
import { REVIEW_STATUSES, type ReviewStatus } from '../entities/review.entity.js';

export const REVIEW_SORTS = ['recent', 'helpful', 'rating'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export class DoctorReviewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_SORTS, default: 'recent', description: 'helpful: by the Wilson lower bound of helpful votes' })
  @IsOptional() @IsIn(REVIEW_SORTS)
  sort?: ReviewSort;
}

export class ModerationQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'pending' })
  @IsOptional() @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional({ description: 'Only reviews with open reports' })
  @IsOptional() @ToBoolean() @IsBoolean()
  reported?: boolean;
}

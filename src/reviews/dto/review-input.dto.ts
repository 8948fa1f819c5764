import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsOptionalNonNull, Trim } from '../../common/validation/decorators.js';
import { REPORT_REASONS, type ReportReason } from '../entities/review-report.entity.js';

export const REVIEW_TEXT_MAX = 5000;
const VISIT_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const Stars = (): PropertyDecorator => (target, key) => {
  IsInt({ message: `${String(key)} must be a whole number of stars from 1 to 5` })(target, key);
  Min(1)(target, key);
  Max(5)(target, key);
};

export class SubRatingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptionalNonNull() @Stars() bedsideManner?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptionalNonNull() @Stars() explanation?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptionalNonNull() @Stars() waitTime?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptionalNonNull() @Stars() staff?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptionalNonNull() @Stars() office?: number;
}

export class CreateReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 }) @Stars()
  rating!: number;

  @ApiProperty({ maxLength: REVIEW_TEXT_MAX, example: 'Explained every option and never rushed me.' })
  @Trim() @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(REVIEW_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({ type: SubRatingsDto })
  @IsOptionalNonNull() @IsObject() @ValidateNested() @Type(() => SubRatingsDto)
  subRatings?: SubRatingsDto;

  @ApiPropertyOptional({ example: '2026-03', description: 'YYYY-MM, not in the future' })
  @IsOptionalNonNull() @IsString() @Matches(VISIT_MONTH, { message: 'visitMonth must be a month as YYYY-MM' })
  visitMonth?: string;
}

/** Fields left out stay as they are; `null` clears `subRatings` or `visitMonth`. */
export class UpdateReviewDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptionalNonNull() @Stars()
  rating?: number;

  @ApiPropertyOptional({ maxLength: REVIEW_TEXT_MAX })
  @IsOptionalNonNull() @Trim() @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(REVIEW_TEXT_MAX)
  text?: string;

  @ApiPropertyOptional({ type: SubRatingsDto, nullable: true, description: 'Replaces all sub-ratings' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SubRatingsDto)
  subRatings?: SubRatingsDto | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-03' })
  @IsOptional() @IsString() @Matches(VISIT_MONTH, { message: 'visitMonth must be a month as YYYY-MM' })
  visitMonth?: string | null;
}

export class ReplyDto {
  @ApiProperty({ maxLength: REVIEW_TEXT_MAX })
  @Trim() @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(REVIEW_TEXT_MAX)
  text!: string;
}

export class VoteDto {
  @ApiPropertyOptional({ default: true, description: 'false: "not helpful"' })
  @IsOptionalNonNull() @IsBoolean()
  helpful?: boolean;
}

export class ReportDto {
  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS)
  reason!: ReportReason;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptionalNonNull() @Trim() @IsString() @MaxLength(1000)
  details?: string;
}

export class ModerationDecisionDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Shown to the author and to staff' })
  @IsOptionalNonNull() @Trim() @IsString() @MaxLength(1000)
  note?: string;
}

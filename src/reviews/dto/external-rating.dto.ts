import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsNumber, IsOptional, IsPositive, IsString, IsUrl, Matches, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { Trim } from '../../common/validation/decorators.js';
import { OWN_SOURCE } from '../statistics/rating-summary.js';

const SOURCE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const lowerCase = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export class CreateExternalRatingDto {
  @ApiProperty({ example: 'healthgrades', description: 'Lower case; `docfinder` is reserved for our own reviews' })
  @lowerCase @IsString() @MaxLength(40) @Matches(SOURCE, { message: 'source must be a lower-case name such as "google"' })
  @NotEquals(OWN_SOURCE, { message: `source "${OWN_SOURCE}" is reserved for our own reviews` })
  source!: string;

  @ApiProperty({ example: 'https://www.healthgrades.com/physician/dr-jane-roe' })
  @Trim() @IsString() @MaxLength(2000) @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  sourceUrl!: string;

  @ApiProperty({ example: 4.8, description: 'On the source scale, 0 ≤ value ≤ scale' })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0)
  value!: number;

  @ApiProperty({ example: 5 })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(100)
  scale!: number;

  @ApiProperty({ example: 95 })
  @IsInt() @Min(1) @Max(100_000_000)
  reviewCount!: number;

  @ApiProperty({ format: 'date-time', description: 'When the source showed this rating (not in the future)' })
  @IsString() @IsISO8601({ strict: true, strictSeparator: true })
  observedAt!: string;
}

export class ExternalRatingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'google' })
  @IsOptional() @lowerCase @IsString() @MaxLength(40) @Matches(SOURCE, { message: 'source must be a lower-case name such as "google"' })
  source?: string;
}

export class ExternalRatingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) doctorId!: string;
  @ApiProperty() source!: string;
  @ApiProperty() sourceUrl!: string;
  @ApiProperty() value!: number;
  @ApiProperty() scale!: number;
  @ApiProperty() reviewCount!: number;
  @ApiProperty({ format: 'date-time' }) observedAt!: string;
  @ApiProperty({ description: 'The observation the rating summary uses; older ones are history' }) current!: boolean;
  @ApiProperty({ example: 'moderator', description: '`admin`, `moderator` or an importer such as `import:qa`' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

import { ApiProperty } from '@nestjs/swagger';

export class RatingSourceDto {
  @ApiProperty({ example: 'google', description: '`docfinder` for our own reviews' }) source!: string;
  @ApiProperty({ example: 'https://www.google.com/maps/place/…' }) sourceUrl!: string;
  @ApiProperty({ example: 4.8, description: 'As the source shows it, on its own scale' }) value!: number;
  @ApiProperty({ example: 5 }) scale!: number;
  @ApiProperty({ example: 95 }) count!: number;
  @ApiProperty({ format: 'date-time', description: 'When the source showed this number' }) observedAt!: string;
}

export class PooledRatingDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Count-weighted mean of all sources on a 0–5 scale' }) mean!: number | null;
  @ApiProperty() count!: number;
}

export class OwnRatingDto {
  @ApiProperty({ nullable: true, type: Number }) mean!: number | null;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [Number], description: 'Published reviews with 1, 2, 3, 4 and 5 stars', example: [0, 1, 2, 10, 40] }) histogram!: number[];
}

/** Read-only: computed by the reviews feature, never accepted from a client. */
export class RatingSummaryDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Ranking score: lower bound of the Bayesian average (see README); null without ratings' })
  score!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Bayesian average (C·m + n·mean)/(C + n)' }) shrunkMean!: number | null;
  @ApiProperty({ type: PooledRatingDto }) pooled!: PooledRatingDto;
  @ApiProperty({ type: OwnRatingDto }) own!: OwnRatingDto;
  @ApiProperty({ type: [RatingSourceDto] }) sources!: RatingSourceDto[];
}

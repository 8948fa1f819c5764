import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLINICIAN_TYPES } from '../../doctors/clinician-type.js';
import { CoordinatesDto, DoctorSpecialtyDto } from '../../doctors/dto/doctor-response.dto.js';

export class HighlightDto {
  @ApiProperty({ enum: ['displayName', 'specialty', 'city', 'bio', 'questionTitle', 'body'] }) field!: string;
  @ApiProperty({ description: 'The text (long text: an excerpt around the first match)' }) text!: string;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'integer' } }, description: '[start, end) of each match in text', example: [[0, 3]] })
  ranges!: [number, number][];
}

export class SearchLocationDto {
  @ApiProperty({ nullable: true, type: String }) city!: string | null;
  @ApiProperty({ nullable: true, type: String }) region!: string | null;
  @ApiProperty() country!: string;
  @ApiProperty({ nullable: true, type: CoordinatesDto }) coordinates!: CoordinatesDto | null;
}

export class RatingSummaryDto {
  @ApiProperty({ description: 'Ranking score (sort=score): a mean shrunk towards the average for few reviews' }) score!: number;
  @ApiProperty({ description: 'Average rating' }) mean!: number;
  @ApiProperty({ description: 'Number of ratings' }) count!: number;
}

export class DoctorHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String] }) credentials!: string[];
  @ApiProperty({ enum: CLINICIAN_TYPES }) clinicianType!: string;
  @ApiProperty({ type: [DoctorSpecialtyDto] }) specialties!: DoctorSpecialtyDto[];
  @ApiProperty({ type: [SearchLocationDto] }) locations!: SearchLocationDto[];
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ nullable: true, type: Boolean }) acceptingNewPatients!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) telehealth!: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'To the nearest location, when lat/lng were given' }) distanceKm?: number | null;
  @ApiProperty({ nullable: true, type: RatingSummaryDto }) rating!: RatingSummaryDto | null;
  @ApiProperty({ type: [HighlightDto] }) highlights!: HighlightDto[];
}

export class AnswerAuthorDto {
  @ApiProperty({ format: 'uuid' }) doctorId!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ example: '/v1/doctors/sam-naficy-seattle' }) profileUrl!: string;
}

export class AnswerHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty() questionTitle!: string;
  @ApiProperty() questionSlug!: string;
  @ApiProperty({ type: HighlightDto }) snippet!: HighlightDto;
  @ApiProperty({ nullable: true, type: AnswerAuthorDto }) author!: AnswerAuthorDto | null;
}

class SearchEnvelopeDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } }, example: { specialty: { Dermatology: 4 } } })
  facets!: Record<string, Record<string, number>>;
  @ApiProperty({ description: 'Capped at 1000' }) estimatedTotal!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() processingTimeMs!: number;
}

export class DoctorSearchResponseDto extends SearchEnvelopeDto {
  @ApiProperty({ type: [DoctorHitDto] }) items!: DoctorHitDto[];
}

export class AnswerSearchResponseDto extends SearchEnvelopeDto {
  @ApiProperty({ type: [AnswerHitDto] }) items!: AnswerHitDto[];
}

export class SuggestionDto {
  @ApiProperty({ enum: ['doctor', 'specialty', 'city'] }) type!: 'doctor' | 'specialty' | 'city';
  @ApiProperty() label!: string;
  @ApiPropertyOptional({ description: 'Doctor id, or the specialty code' }) id?: string;
  @ApiPropertyOptional({ description: 'Doctor slug' }) slug?: string;
}

export class SuggestResponseDto {
  @ApiProperty({ type: [SuggestionDto] }) items!: SuggestionDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import { ATTRIBUTIONS, type Attribution } from '../entities/answer.entity.js';

export class AuthorRatingDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Pooled mean of own reviews and external ratings (0–5)' }) mean!: number | null;
  @ApiProperty() count!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The ranking score (see README)' }) score!: number | null;
}

/** The answer's author, linked to their profile. */
export class AnswerAuthorProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'sam-naficy-seattle' }) slug!: string;
  @ApiProperty({ example: 'Sam Naficy, MD, FACS' }) displayName!: string;
  @ApiProperty({ type: [String], example: ['MD', 'FACS'] }) credentials!: string[];
  @ApiProperty({ nullable: true, type: String, example: 'Facial Plastic Surgery' }) primarySpecialty!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Seattle' }) city!: string | null;
  @ApiProperty({ type: AuthorRatingDto }) rating!: AuthorRatingDto;
  @ApiProperty({ example: '/v1/doctors/sam-naficy-seattle' }) profileUrl!: string;
}

export class MentionedDoctorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() displayName!: string;
}

export class MentionDto {
  @ApiProperty({ example: 'Dr. Barankin' }) text!: string;
  @ApiProperty({ nullable: true, type: MentionedDoctorDto }) doctor!: MentionedDoctorDto | null;
}

export class AnswerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ nullable: true, type: AnswerAuthorProfileDto }) author!: AnswerAuthorProfileDto | null;
  @ApiProperty({ enum: ATTRIBUTIONS, description: 'unattributed: no profile is linked (unsigned, or the signature was not sure enough)' })
  attribution!: Attribution;
  @ApiProperty({ nullable: true, type: String, description: 'The signature as seen on the source page' }) signature!: string | null;
  @ApiProperty({ type: [MentionDto] }) mentions!: MentionDto[];
  @ApiProperty({ nullable: true, type: String }) sourceUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) postedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class QuestionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ example: 'docfinder' }) source!: string;
  @ApiProperty({ nullable: true, type: String }) sourceUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) askedAt!: string;
  @ApiProperty() answerCount!: number;
}

export class QuestionDto extends QuestionSummaryDto {
  @ApiProperty({ type: [AnswerDto], description: 'Visible answers in page order' }) answers!: AnswerDto[];
}

/** An answer in a doctor's list, with the question it answers. */
export class DoctorAnswerDto extends AnswerDto {
  @ApiProperty() questionTitle!: string;
  @ApiProperty() questionSlug!: string;
}

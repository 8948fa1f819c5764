import type { DoctorDto } from '../doctors/dto/doctor-response.dto.js';
import type { AnswerAuthorProfileDto, AnswerDto, MentionDto, QuestionSummaryDto } from './dto/qa-response.dto.js';
import type { AnswerRow, MentionRow, QuestionRow } from './qa.repository.js';

export const profileUrlOf = (slug: string): string => `/v1/doctors/${slug}`;

/** The author link every answer carries: read at request time, so it follows renames and merges. */
export function presentAuthor(doctor: DoctorDto): AnswerAuthorProfileDto {
  return {
    id: doctor.id,
    slug: doctor.slug,
    displayName: doctor.displayName,
    credentials: doctor.credentials,
    primarySpecialty: (doctor.specialties.find((s) => s.primary) ?? doctor.specialties[0])?.name ?? null,
    city: doctor.locations.find((l) => l.city)?.city ?? null,
    rating: { mean: doctor.rating.pooled.mean, count: doctor.rating.pooled.count, score: doctor.rating.score },
    profileUrl: profileUrlOf(doctor.slug),
  };
}

export function presentQuestionSummary(row: QuestionRow): QuestionSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: row.body,
    tags: row.tags,
    source: row.source,
    sourceUrl: row.source_url,
    askedAt: row.asked_at.toISOString(),
    answerCount: row.answer_count,
  };
}

/** Answers with their authors and mentions; `doctors` holds every profile they name (deleted ones are absent). */
export function presentAnswer(row: AnswerRow, mentions: readonly MentionRow[], doctors: ReadonlyMap<string, DoctorDto>): AnswerDto {
  const author = row.author_doctor_id ? doctors.get(row.author_doctor_id) : undefined;
  return {
    id: row.id,
    questionId: row.question_id,
    position: row.position,
    title: row.title,
    body: row.body,
    author: author ? presentAuthor(author) : null,
    attribution: author ? 'linked' : 'unattributed',
    signature: row.signature,
    mentions: mentions.map((mention): MentionDto => {
      const doctor = mention.doctor_id ? doctors.get(mention.doctor_id) : undefined;
      return { text: mention.text, doctor: doctor ? { id: doctor.id, slug: doctor.slug, displayName: doctor.displayName } : null };
    }),
    sourceUrl: row.source_url,
    postedAt: row.posted_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

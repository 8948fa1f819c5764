import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';
import { Doctor } from '../../doctors/entities/doctor.entity.js';
import type { ModerationFlag } from '../moderation/moderation-rules.js';

export const REVIEW_STATUSES = ['pending', 'published', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A patient's review of a doctor. Only `published` reviews are public and counted in the doctor's rating. */
@Entity({ name: 'reviews' })
// NULL authors (deleted accounts) never collide: Postgres treats NULLs as distinct.
@Index('uq_reviews_author_doctor', ['authorAccountId', 'doctorId'], { unique: true })
// Keyset pages of a doctor's published reviews, one index per sort (scanned backwards for the descending orders).
@Index('ix_reviews_doctor_recent', ['doctorId', 'publishedAt', 'id'], { where: `status = 'published'` })
@Index('ix_reviews_doctor_helpful', ['doctorId', 'helpfulScore', 'publishedAt', 'id'], { where: `status = 'published'` })
@Index('ix_reviews_doctor_rating', ['doctorId', 'rating', 'publishedAt', 'id'], { where: `status = 'published'` })
@Index('ix_reviews_status_created', ['status', 'createdAt', 'id'])
// A doctor's recent reviews in any status: the burst rule, and deletes cascading from a doctor.
@Index('ix_reviews_doctor_created', ['doctorId', 'createdAt'])
@Check('ck_reviews_status', `status IN ('pending', 'published', 'rejected')`)
@Check('ck_reviews_rating', `rating BETWEEN 1 AND 5`)
@Check('ck_reviews_text_length', `char_length(text) BETWEEN 1 AND 5000`)
@Check(
  'ck_reviews_sub_ratings',
  `COALESCE(bedside_manner, 1) BETWEEN 1 AND 5 AND COALESCE(explanation, 1) BETWEEN 1 AND 5 AND COALESCE(wait_time, 1) BETWEEN 1 AND 5 AND COALESCE(staff, 1) BETWEEN 1 AND 5 AND COALESCE(office, 1) BETWEEN 1 AND 5`,
)
@Check('ck_reviews_visit_month', `visit_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('ck_reviews_votes', `helpful_votes >= 0 AND unhelpful_votes >= 0`)
export class Review {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reviews' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_reviews_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  /** Null once the author deleted their account: the review stays, shown as from a deleted account. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_reviews_author', onDelete: 'SET NULL' })
  authorAccountId!: string | null;

  @Column({ type: 'smallint' })
  rating!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'smallint', nullable: true })
  bedsideManner!: number | null;

  @Column({ type: 'smallint', nullable: true })
  explanation!: number | null;

  @Column({ type: 'smallint', nullable: true })
  waitTime!: number | null;

  @Column({ type: 'smallint', nullable: true })
  staff!: number | null;

  @Column({ type: 'smallint', nullable: true })
  office!: number | null;

  /** `YYYY-MM`: a month is as precise as a patient should have to be. */
  @Column({ type: 'text', nullable: true })
  visitMonth!: string | null;

  @Column({ type: 'text' })
  status!: ReviewStatus;

  /** The moderation rules that held it back, if any. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: ModerationFlag[];

  @Column({ type: 'integer', default: 0 })
  helpfulVotes!: number;

  @Column({ type: 'integer', default: 0 })
  unhelpfulVotes!: number;

  /** Wilson lower bound of the helpful share, kept beside the counts so "most helpful" is an index scan. */
  @Column({ type: 'double precision', default: 0 })
  helpfulScore!: number;

  /** When it first went live; the owner doctor is told then, and only then. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  moderatedAt!: Date | null;

  /** A moderator's note on the last decision (shown to the author and staff only). */
  @Column({ type: 'text', nullable: true })
  moderationNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}

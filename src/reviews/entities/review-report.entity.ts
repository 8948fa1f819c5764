import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';
import { Review } from './review.entity.js';

export const REPORT_REASONS = ['spam', 'offensive', 'personal_information', 'conflict_of_interest', 'not_a_patient', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Someone asks a moderator to look at a review. A report never hides a review by itself. */
@Entity({ name: 'review_reports' })
@Index('uq_review_reports_review_reporter', ['reviewId', 'reporterAccountId'], { unique: true })
@Index('ix_review_reports_open', ['reviewId'], { where: 'resolved_at IS NULL' })
@Index('ix_review_reports_reporter', ['reporterAccountId'])
@Check('ck_review_reports_reason', `reason IN ('spam', 'offensive', 'personal_information', 'conflict_of_interest', 'not_a_patient', 'other')`)
@Check('ck_review_reports_details_length', `char_length(details) <= 1000`)
export class ReviewReport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_reports' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Review, { name: 'fk_review_reports_review', onDelete: 'CASCADE' })
  reviewId!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_review_reports_reporter', onDelete: 'SET NULL' })
  reporterAccountId!: string | null;

  @Column({ type: 'text' })
  reason!: ReportReason;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set by the moderator's next decision on the review. */
  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}

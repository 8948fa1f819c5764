import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';
import { Doctor } from '../../doctors/entities/doctor.entity.js';
import { Question } from './question.entity.js';

export const ATTRIBUTIONS = ['linked', 'unattributed'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** A doctor's answer to a question: written here by the owner of a profile, or imported with its signature. */
@Entity({ name: 'answers' })
@Index('uq_answers_question_position', ['questionId', 'position'], { unique: true })
// A newer snapshot of a page adds only the answers whose text is new.
@Index('uq_answers_question_body', ['questionId', 'bodyHash'], { unique: true })
// A doctor's answers, newest first (keyset pages).
@Index('ix_answers_author', ['authorDoctorId', 'createdAt', 'id'], { where: 'hidden_at IS NULL' })
@Check('ck_answers_attribution', `attribution IN ('linked', 'unattributed') AND (attribution = 'linked') = (author_doctor_id IS NOT NULL)`)
@Check('ck_answers_body_length', `char_length(body) BETWEEN 1 AND 20000`)
export class Answer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_answers' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Question, { name: 'fk_answers_question', onDelete: 'CASCADE' })
  questionId!: string;

  /** 0-based order on the page (or of posting). */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text' })
  body!: string;

  /** sha256 of the folded body. */
  @Column({ type: 'text' })
  bodyHash!: string;

  /** Null when the author is unknown (unsigned, nameless or unsure) or the profile was deleted. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Doctor, { name: 'fk_answers_author_doctor', onDelete: 'SET NULL' })
  authorDoctorId!: string | null;

  @Column({ type: 'text' })
  attribution!: Attribution;

  /** The signature lines as seen on the page, kept also when they link nobody. */
  @Column({ type: 'text', nullable: true })
  signature!: string | null;

  /** The doctor account that posted it here (null for imports). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_answers_posted_by', onDelete: 'SET NULL' })
  postedByAccountId!: string | null;

  @Column({ type: 'text', nullable: true })
  sourceUrl!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  postedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

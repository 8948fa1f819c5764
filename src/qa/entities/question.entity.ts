import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';

/** A patient's question, asked here or imported from a Q&A page (then with its source). */
@Entity({ name: 'questions' })
@Index('uq_questions_slug', ['slug'], { unique: true })
// What makes an imported page the same page again: its source URL, else a hash of its normalised title and body.
@Index('uq_questions_natural_key', ['naturalKey'], { unique: true })
@Index('ix_questions_recent', ['askedAt', 'id'], { where: 'hidden_at IS NULL' })
@Check('ck_questions_title_length', `char_length(title) BETWEEN 1 AND 300`)
@Check('ck_questions_body_length', `char_length(body) <= 20000`)
export class Question {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_questions' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Topics and procedures, lower case ("botox", "migraine"). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** `docfinder` for questions asked here, else the site it was imported from. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  sourceUrl!: string | null;

  @Column({ type: 'text' })
  naturalKey!: string;

  /** Null for imported questions and once the asker deleted their account. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_questions_asked_by', onDelete: 'SET NULL' })
  askedByAccountId!: string | null;

  @Column({ type: 'timestamptz' })
  askedAt!: Date;

  /** Hidden by a moderator (a takedown): gone from the API and the index, kept so a re-import does not revive it. */
  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';
import { Review } from './review.entity.js';

/** The reviewed doctor's public answer: the only thing a doctor can do about a review. */
@Entity({ name: 'review_replies' })
@Index('uq_review_replies_review', ['reviewId'], { unique: true })
@Index('ix_review_replies_author', ['authorAccountId'])
@Check('ck_review_replies_text_length', `char_length(text) BETWEEN 1 AND 5000`)
export class ReviewReply {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_replies' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Review, { name: 'fk_review_replies_review', onDelete: 'CASCADE' })
  reviewId!: string;

  /** The owner account that wrote it; null once that account is deleted. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_review_replies_author', onDelete: 'SET NULL' })
  authorAccountId!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

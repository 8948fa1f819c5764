import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';
import { Review } from './review.entity.js';

/** One account's "was this helpful?" answer on one review; the review keeps the running counts. */
@Entity({ name: 'review_votes' })
@Index('uq_review_votes_review_account', ['reviewId', 'accountId'], { unique: true })
@Index('ix_review_votes_account', ['accountId'])
export class ReviewVote {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_review_votes' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Review, { name: 'fk_review_votes_review', onDelete: 'CASCADE' })
  reviewId!: string;

  /** Null once the voter deleted their account; the vote still counts. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_review_votes_account', onDelete: 'SET NULL' })
  accountId!: string | null;

  @Column({ type: 'boolean' })
  helpful!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

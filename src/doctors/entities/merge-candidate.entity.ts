import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Doctor } from './doctor.entity.js';

export const MERGE_CANDIDATE_STATUSES = ['pending', 'merged', 'dismissed'] as const;
export type MergeCandidateStatus = (typeof MERGE_CANDIDATE_STATUSES)[number];

/**
 * Two profiles that may be the same person, queued for a moderator because the match was not certain
 * enough to join them automatically. A pair is queued once, whatever became of it.
 */
@Entity({ name: 'merge_candidates' })
@Index('uq_merge_candidates_pair', ['doctorId', 'candidateId'], { unique: true })
@Index('ix_merge_candidates_queue', ['status', 'createdAt', 'id'])
@Index('ix_merge_candidates_candidate', ['candidateId'])
@Check('ck_merge_candidates_distinct', `doctor_id <> candidate_id`)
@Check('ck_merge_candidates_status', `status IN ('pending', 'merged', 'dismissed')`)
export class MergeCandidate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_merge_candidates' })
  id!: string;

  /** The newer profile (e.g. the one an import created). */
  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_merge_candidates_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  /** The existing profile it may duplicate. */
  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_merge_candidates_candidate', onDelete: 'CASCADE' })
  candidateId!: string;

  /** The matcher's score, 0 to 1. */
  @Column({ type: 'real' })
  score!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons!: string[];

  /** What queued it, e.g. `import:cms`. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: MergeCandidateStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}

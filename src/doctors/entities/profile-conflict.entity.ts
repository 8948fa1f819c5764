import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Doctor, type ProvenanceSource } from './doctor.entity.js';

export const CONFLICT_STATUSES = ['pending', 'accepted', 'dismissed'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/**
 * An imported value that would have replaced one a person set (doctor, moderator or admin): kept for a
 * moderator to accept or dismiss instead of being written. One pending conflict per field of a profile;
 * a newer proposal replaces the pending one.
 */
@Entity({ name: 'profile_conflicts' })
@Index('uq_profile_conflicts_pending', ['doctorId', 'field'], { unique: true, where: `status = 'pending'` })
@Index('ix_profile_conflicts_queue', ['status', 'createdAt', 'id'])
@Index('ix_profile_conflicts_doctor', ['doctorId', 'createdAt', 'id'])
@Check('ck_profile_conflicts_status', `status IN ('pending', 'accepted', 'dismissed')`)
export class ProfileConflict {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_profile_conflicts' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_profile_conflicts_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  /** The profile field, as named in the API and in `provenance` (`givenName`, `locations`…). */
  @Column({ type: 'text' })
  field!: string;

  @Column({ type: 'jsonb', nullable: true })
  currentValue!: unknown;

  /** Who set the current value. */
  @Column({ type: 'text' })
  currentSource!: ProvenanceSource;

  @Column({ type: 'jsonb', nullable: true })
  proposedValue!: unknown;

  /** Where the proposal comes from, e.g. `import:cms`. */
  @Column({ type: 'text' })
  source!: ProvenanceSource;

  /** The file or page the proposal was read from. */
  @Column({ type: 'text', nullable: true })
  origin!: string | null;

  /** The import run that proposed it. */
  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: ConflictStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** The account that resolved it (null for the static admin token). */
  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;
}

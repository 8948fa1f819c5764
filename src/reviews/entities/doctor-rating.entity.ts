import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Doctor } from '../../doctors/entities/doctor.entity.js';
import type { RatingSummary } from '../statistics/rating-summary.js';

/**
 * A doctor's rating summary exactly as profiles show it, rewritten in the transaction of every write that changes
 * it, so a profile read is a LEFT JOIN and never an aggregation. Kept out of `doctors` so rating writes neither lock
 * nor version the profile row. Every rating write locks this row first: one writer per doctor at a time.
 */
@Entity({ name: 'doctor_ratings' })
export class DoctorRating {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_doctor_ratings' })
  @ForeignKey(() => Doctor, { name: 'fk_doctor_ratings_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  /** Ranking score (null without any rating); search sorts by it. */
  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ type: 'double precision', nullable: true })
  pooledMean!: number | null;

  @Column({ type: 'integer', default: 0 })
  pooledCount!: number;

  @Column({ type: 'jsonb' })
  summary!: RatingSummary;

  /**
   * When the summary last changed (null: never). A cached profile whose version is older than this may show an old
   * rating, so the profile answers 304 only when this is not newer than the profile itself.
   */
  @Column({ type: 'timestamptz', nullable: true })
  changedAt!: Date | null;
}

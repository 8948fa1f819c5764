import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Doctor } from '../../doctors/entities/doctor.entity.js';

/**
 * One observation of a doctor's rating on another site. The latest differing observation per source is current;
 * older ones stay as history.
 */
@Entity({ name: 'external_ratings' })
@Index('uq_external_ratings_current', ['doctorId', 'source'], { unique: true, where: 'is_current' })
@Index('ix_external_ratings_history', ['doctorId', 'observedAt', 'id'])
@Check('ck_external_ratings_source', `source ~ '^[a-z0-9]+([._-][a-z0-9]+)*$' AND source <> 'docfinder'`)
@Check('ck_external_ratings_value', `scale > 0 AND value >= 0 AND value <= scale`)
@Check('ck_external_ratings_review_count', `review_count >= 0`)
export class ExternalRating {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_external_ratings' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_external_ratings_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  /** `google`, `healthgrades`, `realself`…: lower case. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  sourceUrl!: string;

  /** As the source shows it, on its own scale. */
  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'double precision' })
  scale!: number;

  @Column({ type: 'integer' })
  reviewCount!: number;

  /** When the source showed this value (not when we stored it). */
  @Column({ type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'boolean' })
  isCurrent!: boolean;

  /** Who recorded it: `admin`, `moderator`, or the importer (`import:qa`). */
  @Column({ type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}

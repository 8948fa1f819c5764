import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Doctor } from '../../doctors/entities/doctor.entity.js';

/**
 * Running aggregate of one doctor's ratings from one source, on the common 0–5 scale, changed in the transaction of
 * every write that changes it. Own reviews (`docfinder`) have the full statistics; an external source reports only
 * a mean and a count, so its spread and histogram are unknown (null).
 */
@Entity({ name: 'rating_aggregates' })
@Check('ck_rating_aggregates_count', `count >= 0`)
@Check('ck_rating_aggregates_histogram', `histogram IS NULL OR cardinality(histogram) = 5`)
export class RatingAggregateRow {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_rating_aggregates' })
  @ForeignKey(() => Doctor, { name: 'fk_rating_aggregates_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_rating_aggregates' })
  source!: string;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'double precision' })
  sum!: number;

  @Column({ type: 'double precision', nullable: true })
  sumSquares!: number | null;

  @Column({ type: 'integer', array: true, nullable: true })
  histogram!: number[] | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

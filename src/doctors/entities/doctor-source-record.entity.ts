import { Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Doctor } from './doctor.entity.js';

/**
 * A profile's record in an outside directory (source `cms`, key = NPI) with a fingerprint of the data last
 * imported from it, so a re-import skips records whose data did not change.
 */
@Entity({ name: 'doctor_source_records' })
@Index('ix_doctor_source_records_doctor', ['doctorId'])
export class DoctorSourceRecord {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_doctor_source_records' })
  source!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_doctor_source_records' })
  externalKey!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_doctor_source_records_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  @Column({ type: 'text' })
  fingerprint!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  importedAt!: Date;
}

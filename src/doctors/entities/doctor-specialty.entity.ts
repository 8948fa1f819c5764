import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Doctor } from './doctor.entity.js';
import { Specialty } from './specialty.entity.js';

/** A doctor's specialty, ordered; `rawName` keeps an imported name we could not map to a catalog code. */
@Entity({ name: 'doctor_specialties' })
@Index('uq_doctor_specialties_code', ['doctorId', 'specialtyCode'], { unique: true })
@Index('uq_doctor_specialties_primary', ['doctorId'], { unique: true, where: 'is_primary' })
@Index('ix_doctor_specialties_code', ['specialtyCode', 'doctorId'])
@Check('ck_doctor_specialties_named', `specialty_code IS NOT NULL OR raw_name IS NOT NULL`)
export class DoctorSpecialty {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_doctor_specialties' })
  @ForeignKey(() => Doctor, { name: 'fk_doctor_specialties_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_doctor_specialties' })
  position!: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @ForeignKey(() => Specialty, { name: 'fk_doctor_specialties_specialty' })
  specialtyCode!: string | null;

  @Column({ type: 'text', nullable: true })
  rawName!: string | null;

  @Column({ type: 'boolean', default: false })
  isPrimary!: boolean;
}

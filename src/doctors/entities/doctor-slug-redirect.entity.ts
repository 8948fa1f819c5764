import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Doctor } from './doctor.entity.js';

/** A slug a profile used to have (before a rename or a merge): links to it answer 301 to the current slug. */
@Entity({ name: 'doctor_slug_redirects' })
@Index('ix_doctor_slug_redirects_doctor', ['doctorId'])
export class DoctorSlugRedirect {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_doctor_slug_redirects' })
  slug!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_doctor_slug_redirects_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

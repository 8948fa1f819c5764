import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../../../accounts/entities/account.entity.js';
import { Doctor } from '../../entities/doctor.entity.js';

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A doctor account asking to own a profile, with its evidence and the decision. */
@Entity({ name: 'doctor_claims' })
// One open claim per account and profile; decided claims stay as history.
@Index('uq_doctor_claims_pending', ['doctorId', 'accountId'], { unique: true, where: `status = 'pending'` })
@Index('ix_doctor_claims_status', ['status', 'createdAt', 'id'])
@Index('ix_doctor_claims_account', ['accountId'])
@Check('ck_doctor_claims_status', `status IN ('pending', 'approved', 'rejected')`)
export class DoctorClaim {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_doctor_claims' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_doctor_claims_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Account, { name: 'fk_doctor_claims_account', onDelete: 'CASCADE' })
  accountId!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: ClaimStatus;

  @Column({ type: 'varchar', length: 10 })
  npi!: string;

  @Column({ type: 'text', nullable: true })
  licenseNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  licenseRegion!: string | null;

  @Column({ type: 'text', nullable: true })
  practiceEmail!: string | null;

  /** Approved without a moderator: the claimant's verified e-mail is at the profile website's domain. */
  @Column({ type: 'boolean', default: false })
  autoApproved!: boolean;

  /** The moderator who decided (null for automatic or ADMIN_TOKEN decisions, or a deleted account). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_doctor_claims_decided_by', onDelete: 'SET NULL' })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** Why it was rejected. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

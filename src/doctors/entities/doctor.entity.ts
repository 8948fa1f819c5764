import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';

/** Where a profile field's current value came from. */
export type ProvenanceSource = 'admin' | 'moderator' | 'doctor' | 'import:cms' | 'import:qa' | 'demo';
export type Provenance = Record<string, { source: ProvenanceSource; at: string }>;

export const GENDERS = ['female', 'male', 'non_binary', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

@Entity({ name: 'doctors' })
@Index('uq_doctors_slug', ['slug'], { unique: true })
// Soft-deleted profiles release their NPI, so the person can be listed again.
@Index('uq_doctors_npi', ['npi'], { unique: true, where: 'deleted_at IS NULL' })
// One account owns at most one live profile; a profile has at most one owner (a single column).
@Index('uq_doctors_owner_account', ['ownerAccountId'], { unique: true, where: 'owner_account_id IS NOT NULL AND deleted_at IS NULL' })
@Check('ck_doctors_npi_format', `npi ~ '^[0-9]{10}$'`)
@Check('ck_doctors_gender', `gender IN ('female', 'male', 'non_binary', 'other')`)
// GIN over doctor_name_tokens(family_name) of live profiles, and of those without an NPI (migration DirectoryImport):
// the doctor matcher's candidate lookups.
@Index('ix_doctors_family_tokens', { synchronize: false })
@Index('ix_doctors_npi_less_family_tokens', { synchronize: false })
export class Doctor {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_doctors' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  givenName!: string;

  @Column({ type: 'text', nullable: true })
  middleName!: string | null;

  @Column({ type: 'text' })
  familyName!: string;

  @Column({ type: 'text', nullable: true })
  nameSuffix!: string | null;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  credentials!: string[];

  @Column({ type: 'text', nullable: true })
  credentialsRaw!: string | null;

  @Column({ type: 'text' })
  clinicianType!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  npi!: string | null;

  @Column({ type: 'text', nullable: true })
  gender!: Gender | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages!: string[];

  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  photoUrl!: string | null;

  @Column({ type: 'boolean', nullable: true })
  telehealth!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  acceptingNewPatients!: boolean | null;

  /** When accepting-new-patients was last confirmed (set whenever the value is written). */
  @Column({ type: 'timestamptz', nullable: true })
  acceptingNewPatientsVerifiedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  medicalSchool!: string | null;

  @Column({ type: 'smallint', nullable: true })
  graduationYear!: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  hospitalAffiliations!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  provenance!: Provenance;

  /** Generated demo profiles, removable with `demo:purge`. */
  @Column({ type: 'boolean', default: false })
  isDemo!: boolean;

  /** Set when this profile was merged into another; its slugs then redirect there. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Doctor, { name: 'fk_doctors_merged_into' })
  mergedIntoId!: string | null;

  /** The doctor account whose claim was approved; it edits the owner fields. Never set through the profile API. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Account, { name: 'fk_doctors_owner_account', onDelete: 'SET NULL' })
  ownerAccountId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;

  /** Optimistic concurrency: writes run `WHERE version = $expected` and bump it (the ETag). */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}

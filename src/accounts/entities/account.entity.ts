import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../auth/principal.js';

@Entity({ name: 'accounts' })
@Index('uq_accounts_email', ['email'], { unique: true })
@Check('ck_accounts_roles', `cardinality(roles) > 0 AND roles <@ ARRAY['patient', 'doctor', 'moderator', 'admin']::text[]`)
export class Account {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_accounts' })
  id!: string;

  /** Normalised (trimmed, lower-cased), so one mailbox has one account. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  displayName!: string;

  /** argon2id, with its parameters in the PHC string. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

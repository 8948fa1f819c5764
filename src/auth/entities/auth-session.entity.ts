import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';

export const SESSION_END_REASONS = ['logout', 'refresh_reuse', 'password_reset'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One sign-in: the family of refresh tokens rotated from one login. Access tokens name it (`sid`), so revoking it
 * (logout, a reused refresh token, a password reset) ends the access tokens too.
 */
@Entity({ name: 'auth_sessions' })
@Index('ix_auth_sessions_account', ['accountId'])
@Check('ck_auth_sessions_revoked_reason', `revoked_reason IN ('logout', 'refresh_reuse', 'password_reset')`)
export class AuthSession {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_auth_sessions' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Account, { name: 'fk_auth_sessions_account', onDelete: 'CASCADE' })
  accountId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: SessionEndReason | null;
}

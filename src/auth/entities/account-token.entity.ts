import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';
import { SingleUseToken } from './single-use-token.js';

export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'password_reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** A single-use, expiring token sent by e-mail, stored as its SHA-256 only. */
@Entity({ name: 'account_tokens' })
@Index('ix_account_tokens_account', ['accountId', 'purpose'])
@Check('ck_account_tokens_purpose', `purpose IN ('verify_email', 'password_reset')`)
export class AccountToken extends SingleUseToken {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_account_tokens' })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Account, { name: 'fk_account_tokens_account', onDelete: 'CASCADE' })
  accountId!: string;

  @Column({ type: 'text' })
  purpose!: AccountTokenPurpose;
}

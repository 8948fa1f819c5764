import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity.js';
import { SingleUseToken } from './single-use-token.js';

/** A refresh token, stored as its SHA-256 only. Used ones are kept: presenting one again reveals a theft. */
@Entity({ name: 'refresh_tokens' })
@Index('ix_refresh_tokens_session', ['sessionId'])
export class RefreshToken extends SingleUseToken {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_refresh_tokens' })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => AuthSession, { name: 'fk_refresh_tokens_session', onDelete: 'CASCADE' })
  sessionId!: string;
}

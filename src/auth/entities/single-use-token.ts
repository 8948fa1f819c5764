import { Column, CreateDateColumn } from 'typeorm';

/** The lifecycle columns shared by token tables: each token expires, and is spent once used. */
export abstract class SingleUseToken {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}

import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACTOR_KINDS = ['account', 'admin_token', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Field → its value before and after the write; only fields that changed. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * One write to a profile, claim, review or account. Append-only: a trigger (see the migration) refuses UPDATE and
 * DELETE. No foreign keys on purpose: the log outlives the accounts and records it names.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_entity', ['entityType', 'entityId', 'id'])
@Check('ck_audit_log_actor_kind', `actor_kind IN ('account', 'admin_token', 'system')`)
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actorKind!: ActorKind;

  @Column({ type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  /** `<entity>.<verb>`, e.g. `doctor.update`, `claim.approve`, `account.roles`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entityType!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'jsonb' })
  changes!: AuditChanges;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;
}

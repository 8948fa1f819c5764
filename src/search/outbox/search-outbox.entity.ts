import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SEARCH_DOCUMENT_TYPES = ['doctor', 'answer'] as const;
export type SearchDocumentType = (typeof SEARCH_DOCUMENT_TYPES)[number];

/**
 * A searchable document that changed and must be (re)indexed or removed. Written in the same transaction as the
 * change, so a search outage delays indexing but never loses it. One row per document: a newer change bumps
 * `revision`, and the sync worker deletes a row only if its revision is still the one it indexed.
 */
@Entity({ name: 'search_outbox' })
@Index('uq_search_outbox_document', ['documentType', 'documentId'], { unique: true })
@Index('ix_search_outbox_available', ['availableAt', 'id'])
@Check('ck_search_outbox_document_type', `document_type IN ('doctor', 'answer')`)
export class SearchOutboxEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_search_outbox' })
  id!: string;

  @Column({ type: 'text' })
  documentType!: SearchDocumentType;

  @Column({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'bigint', default: 1 })
  revision!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  enqueuedAt!: Date;

  /** Retries back off by pushing this forward. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import type { ActorKind, AuditChanges } from './entities/audit-entry.entity.js';

export interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_kind: ActorKind;
  actor_account_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: AuditChanges;
  request_id: string | null;
}

export interface NewAuditRow {
  actorKind: ActorKind;
  actorAccountId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
  requestId: string | null;
}

/** Inserts and reads only: nothing here (or anywhere) updates or deletes audit rows. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async append(row: NewAuditRow): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (actor_kind, actor_account_id, action, entity_type, entity_id, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [row.actorKind, row.actorAccountId, row.action, row.entityType, row.entityId, JSON.stringify(row.changes), row.requestId],
    );
  }

  /** Newest first, keyset-paged by id. */
  async page(filter: { entityType?: string; entityId?: string; beforeId?: string; limit: number }): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(
      `SELECT a.id::text AS id, occurred_at, actor_kind, actor_account_id, action, entity_type, entity_id, changes, request_id
         FROM audit_log a
        WHERE ($1::text IS NULL OR entity_type = $1)
          AND ($2::uuid IS NULL OR entity_id = $2)
          AND ($3::bigint IS NULL OR a.id < $3)
        -- a.id: the bigint column, not the text alias (which would sort "9" after "10")
        ORDER BY a.id DESC
        LIMIT $4`,
      [filter.entityType ?? null, filter.entityId ?? null, filter.beforeId ?? null, filter.limit + 1],
    );
  }
}

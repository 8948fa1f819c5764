import { Injectable } from '@nestjs/common';
import { RequestContext } from '../common/context/request-context.js';
import { CommonErrors } from '../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../common/http/pagination.js';
import { auditDiff } from './audit-diff.js';
import { AuditRepository, type AuditRow } from './audit.repository.js';
import type { AuditEntryDto, AuditQueryDto } from './dto/audit.dto.js';
import type { ActorKind } from './entities/audit-entry.entity.js';

export interface AuditRecord {
  /** `<entity>.<verb>`, e.g. `doctor.update`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Snapshots of the entity; only the fields that differ are stored. Omit `before` for a creation, `after` for a deletion. */
  before?: Readonly<Record<string, unknown>> | null;
  after?: Readonly<Record<string, unknown>> | null;
}

function present(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { kind: row.actor_kind, accountId: row.actor_account_id },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: row.changes,
    requestId: row.request_id,
  };
}

/**
 * The append-only audit log. Call `record()` inside the writing transaction: the row commits or rolls back with
 * the write. The actor and request id come from the request context, so callers never pass them.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly audit: AuditRepository) {}

  async record(entry: AuditRecord): Promise<void> {
    const context = RequestContext.current();
    const principal = context?.principal;
    let actorKind: ActorKind = 'system';
    if (principal) actorKind = principal.accountId === null ? 'admin_token' : 'account';
    await this.audit.append({
      actorKind,
      actorAccountId: principal?.accountId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: auditDiff(entry.before, entry.after),
      requestId: context?.requestId ?? null,
    });
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    const limit = query.limit ?? 20;
    const beforeId = query.after === undefined ? undefined : String(decodeCursor(query.after, 1)[0]);
    if (beforeId !== undefined && !/^\d{1,19}$/.test(beforeId)) throw CommonErrors.INVALID_CURSOR();
    const rows = await this.audit.page({ entityType: query.entityType, entityId: query.entityId, beforeId, limit });
    return toPage(rows, limit, (row) => [row.id], present);
  }
}

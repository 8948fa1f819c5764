import type { AuditChanges } from './entities/audit-entry.entity.js';

type Snapshot = Readonly<Record<string, unknown>> | null | undefined;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The top-level fields whose value differs between two snapshots (a missing snapshot counts as all-null, so a
 * creation lists every field with `before: null`). Values are compared by their JSON form, as they are stored.
 */
export function auditDiff(before: Snapshot, after: Snapshot): AuditChanges {
  const changes: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (!same(from, to)) changes[key] = { before: from, after: to };
  }
  return changes;
}

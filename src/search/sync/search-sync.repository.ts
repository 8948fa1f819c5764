import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import type { SearchDocumentType } from '../outbox/search-outbox.entity.js';

export interface ClaimedEntry {
  id: string;
  documentType: SearchDocumentType;
  documentId: string;
  revision: string;
  attempts: number;
}

export interface Backlog {
  size: number;
  oldestAgeSeconds: number | null;
  failing: number;
}

/** The sync worker's SQL over the outbox and the record of running reindexes. */
@Injectable()
export class SearchSyncRepository {
  constructor(private readonly db: Database) {}

  /**
   * Leases up to `limit` available rows of one document type: pushing `available_at` past the lease hides them from
   * other workers (SKIP LOCKED keeps two claims from waiting on each other), and a worker that dies loses its lease.
   */
  async claim(types: readonly SearchDocumentType[], limit: number, leaseSeconds: number): Promise<ClaimedEntry[]> {
    return this.db.query<ClaimedEntry>(
      `WITH next AS (
         SELECT id FROM search_outbox
          WHERE available_at <= now() AND document_type = ANY($1::text[])
            AND document_type = (SELECT document_type FROM search_outbox
                                  WHERE available_at <= now() AND document_type = ANY($1::text[])
                                  ORDER BY available_at, id LIMIT 1)
          ORDER BY available_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE search_outbox o SET available_at = now() + make_interval(secs => $3), attempts = o.attempts + 1
         FROM next WHERE o.id = next.id
       RETURNING o.id, o.document_type AS "documentType", o.document_id AS "documentId", o.revision, o.attempts`,
      [types, limit, leaseSeconds],
    );
  }

  /** Done: deletes each row whose revision is still the one indexed; a row changed meanwhile is released to run again. */
  async complete(entries: readonly ClaimedEntry[]): Promise<void> {
    await this.db.query(
      `WITH done AS (SELECT unnest($1::bigint[]) AS id, unnest($2::bigint[]) AS revision),
            deleted AS (DELETE FROM search_outbox o USING done WHERE o.id = done.id AND o.revision = done.revision RETURNING o.id)
       UPDATE search_outbox o SET available_at = now()
         FROM done WHERE o.id = done.id AND o.id NOT IN (SELECT id FROM deleted)`,
      [entries.map((e) => e.id), entries.map((e) => e.revision)],
    );
  }

  /** Failed: the rows come back after `delaySeconds` (a row changed meanwhile too: the engine is what failed). */
  async fail(entries: readonly ClaimedEntry[], delaySeconds: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE search_outbox SET available_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = ANY($1::bigint[])`,
      [entries.map((e) => e.id), delaySeconds, error],
    );
  }

  async backlog(): Promise<Backlog> {
    const [row] = await this.db.query<Backlog>(
      `SELECT count(*)::int AS size, extract(epoch FROM now() - min(enqueued_at))::float8 AS "oldestAgeSeconds",
              count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failing
         FROM search_outbox`,
    );
    return row ?? { size: 0, oldestAgeSeconds: null, failing: 0 };
  }

  /** Rows of the type enqueued at or before `at` (database time) that are still waiting. */
  async pendingSince(type: SearchDocumentType, at: Date): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM search_outbox WHERE document_type = $1 AND enqueued_at <= $2',
      [type, at],
    );
    return row?.count ?? 0;
  }

  async now(): Promise<Date> {
    const [row] = await this.db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    return row?.now ?? new Date();
  }

  async reindexTarget(engine: string, type: SearchDocumentType): Promise<string | undefined> {
    const [row] = await this.db.query<{ target: string }>(
      'SELECT target FROM search_reindexes WHERE engine = $1 AND document_type = $2',
      [engine, type],
    );
    return row?.target;
  }

  async startReindex(engine: string, type: SearchDocumentType, target: string): Promise<void> {
    await this.db.query(
      `INSERT INTO search_reindexes (engine, document_type, target) VALUES ($1, $2, $3)
       ON CONFLICT (engine, document_type) DO UPDATE SET target = excluded.target, started_at = now()`,
      [engine, type, target],
    );
  }

  async endReindex(engine: string, type: SearchDocumentType): Promise<void> {
    await this.db.query('DELETE FROM search_reindexes WHERE engine = $1 AND document_type = $2', [engine, type]);
  }
}

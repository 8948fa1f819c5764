import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import type { SearchDocumentType } from './search-outbox.entity.js';

/** Writers call this inside their transaction for every searchable document they change. */
@Injectable()
export class SearchOutbox {
  constructor(private readonly db: Database) {}

  async enqueue(documentType: SearchDocumentType, documentIds: readonly string[]): Promise<void> {
    if (documentIds.length === 0) return;
    await this.db.query(
      `INSERT INTO search_outbox (document_type, document_id)
       SELECT $1, unnest($2::uuid[])
       ON CONFLICT (document_type, document_id) DO UPDATE
         SET revision = search_outbox.revision + 1, enqueued_at = now(), attempts = 0, last_error = NULL,
             -- A row a worker holds (leased into the future) stays its: the worker sees the new revision and releases it.
             available_at = GREATEST(search_outbox.available_at, now())`,
      [documentType, [...new Set(documentIds)]],
    );
  }
}

import { CommonErrors } from '../../common/errors/app-error.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page, type PageQueryDto } from '../../common/http/pagination.js';

/** A queue's `after` cursor: the created_at (microseconds since 1970) and id of the last item seen. */
function queueCursor(after: string | undefined): { createdKey: string; id: string } | undefined {
  if (after === undefined) return undefined;
  const [createdKey, id] = decodeCursor(after, 2);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (typeof createdKey !== 'string' || !/^\d{1,17}$/.test(createdKey) || typeof id !== 'string' || !uuid.test(id)) {
    throw CommonErrors.INVALID_CURSOR();
  }
  return { createdKey, id };
}

/** A page of a moderation queue, oldest first: rows are fetched after the cursor, one more than the limit. */
export async function queuePage<Row extends { created_key: string; id: string }, Item>(
  query: PageQueryDto,
  fetch: (after: { createdKey: string; id: string } | undefined, limit: number) => Promise<Row[]>,
  present: (row: Row) => Item,
): Promise<Page<Item>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return toPage(await fetch(queueCursor(query.after), limit), limit, (row) => [row.created_key, row.id], present);
}

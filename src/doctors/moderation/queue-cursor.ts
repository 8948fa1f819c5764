import { CommonErrors } from '../../common/errors/app-error.js';
import { decodeCursor } from '../../common/http/pagination.js';

/** A queue's `after` cursor: the created_at (microseconds since 1970) and id of the last item seen. */
export function queueCursor(after: string | undefined): { createdKey: string; id: string } | undefined {
  if (after === undefined) return undefined;
  const [createdKey, id] = decodeCursor(after, 2);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (typeof createdKey !== 'string' || !/^\d{1,17}$/.test(createdKey) || typeof id !== 'string' || !uuid.test(id)) {
    throw CommonErrors.INVALID_CURSOR();
  }
  return { createdKey, id };
}

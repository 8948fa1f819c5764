/** Meilisearch's error body and the errors the fake answers with. */

export type MeiliErrorType = 'invalid_request' | 'auth' | 'internal' | 'system';

export interface MeiliErrorBody {
  readonly message: string;
  readonly code: string;
  readonly type: MeiliErrorType;
  readonly link: string;
}

/**
 * What a recorded violation is about. A violation is a request the adapter should never send: one real Meilisearch
 * rejects for its shape or its content (`payload`, `filter`, `semantic`), an unknown route, a missing or wrong key,
 * or a feature this fake does not emulate (`unsupported`, so a test fails loudly instead of passing on a guess).
 */
export type ViolationKind = 'route' | 'auth' | 'payload' | 'filter' | 'semantic' | 'unsupported';

export const errorBody = (code: string, message: string, type: MeiliErrorType = 'invalid_request'): MeiliErrorBody => ({
  message,
  code,
  type,
  link: `https://docs.meilisearch.com/errors#${code}`,
});

/** An error answered to the client (or stored on a failed task); `violation` marks it as the adapter's fault. */
export class MeiliError extends Error {
  override readonly name = 'MeiliError';

  constructor(
    readonly status: number,
    readonly body: MeiliErrorBody,
    readonly violation?: ViolationKind,
  ) {
    super(body.message);
  }
}

export const invalidRequest = (code: string, message: string, violation: ViolationKind = 'payload'): MeiliError =>
  new MeiliError(400, errorBody(code, message), violation);

export const indexNotFound = (uid: string): MeiliError => new MeiliError(404, errorBody('index_not_found', `Index \`${uid}\` not found.`));

export const unsupported = (what: string): MeiliError =>
  new MeiliError(501, errorBody('unimplemented', `fake-meilisearch does not emulate ${what}.`, 'internal'), 'unsupported');

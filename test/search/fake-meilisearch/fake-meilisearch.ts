/**
 * A strict, in-process stand-in for a Meilisearch server (no Meilisearch binary runs in CI).
 *
 * Every request is checked against Meilisearch's own OpenAPI description and every filter is parsed with
 * Meilisearch's grammar and evaluated against the stored documents. A request real Meilisearch would refuse is
 * answered as Meilisearch would (400 + its error object) and recorded in `violations`, so a test ends with
 * `expect(fake.violations).toEqual([])`. Writes go through an asynchronous task queue; faults can be injected.
 *
 * @example
 * const fake = await startFakeMeilisearch({ masterKey: 'test-key' });
 * const client = new Meilisearch({ host: fake.url, apiKey: 'test-key' });
 * // … exercise the adapter …
 * expect(fake.violations).toEqual([]);
 * await fake.close();
 */
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { sharedPath } from '../../utils/shared.js';
import { documentKey, FakeIndex, taskFailure, type IndexView } from './fake-index.js';
import { browse, compileFilter, documentsMatching, pickFields, search } from './fake-search.js';
import { FilterSyntaxError, parseFilterParameter } from './filter-grammar.js';
import {
  errorBody,
  indexNotFound,
  invalidRequest,
  MeiliError,
  unsupported,
  type MeiliErrorBody,
  type ViolationKind,
} from './meili-errors.js';
import { MeilisearchOpenApi, type Operation } from './openapi.js';
import { TaskQueue, type TaskQuery, type TaskType } from './task-queue.js';

export type { MeiliErrorBody, ViolationKind } from './meili-errors.js';

export const OPENAPI_SEGMENTS = ['meilisearch', 'openapi.json'];

export interface FakeMeilisearchOptions {
  /** When set, every route but `/health` requires `Authorization: Bearer <masterKey>`. */
  readonly masterKey?: string;
  /** How long each task stays `processing` (default 0: tasks still complete asynchronously). */
  readonly taskDelayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface Violation {
  readonly method: string;
  readonly path: string;
  readonly kind: ViolationKind;
  readonly code: string;
  readonly message: string;
}

export interface FakeMeilisearch {
  /** `http://127.0.0.1:<port>`; the port stays the same across {@link down}/{@link up}. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Requests real Meilisearch would refuse (or this fake cannot emulate); expected to stay empty. */
  readonly violations: readonly Violation[];
  /** Answers of the fake that do not match the published response schemas: a bug in the fake. */
  readonly responseViolations: readonly string[];
  /** Returns the violations recorded so far and forgets them (for tests that send bad requests on purpose). */
  takeViolations(): Violation[];
  /** Uids of the existing indexes. */
  indexes(): string[];
  /** Copies of an index's documents, in index order; throws when the index does not exist. */
  documents(indexUid: string): Record<string, unknown>[];
  /** An index's settings as `GET /indexes/{uid}/settings` shows them; throws when the index does not exist. */
  settings(indexUid: string): Record<string, unknown>;
  /** `refused`: the port stops listening (connection refused). `unavailable`: a proxy-style `503` plain-text page. */
  down(mode?: 'refused' | 'unavailable'): Promise<void>;
  up(): Promise<void>;
  /** The next `count` tasks end `failed` with `error` (default: an `internal` error) instead of being applied. */
  failNextTasks(count: number, error?: Partial<MeiliErrorBody>): void;
  setTaskDelay(ms: number): void;
  /** Each following request waits `ms` before being answered (0 to stop); for client timeouts. */
  hangRequests(ms: number): void;
  /** Back to a fresh server as started: no index, task, request, violation or injected fault (up/down is kept). */
  reset(): void;
  close(): Promise<void>;
}

interface Context {
  readonly operation: Operation;
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly startedAt: number;
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

type Handler = (context: Context) => Answer;

const HOST = '127.0.0.1';
const INDEX_UID = /^[A-Za-z0-9_-]{1,400}$/;
const RANKING_RULE = /^(?:words|typo|proximity|attribute|attributeRank|wordPosition|sort|exactness)$|^.+:(?:asc|desc)$/;
const BODY_LIMIT = 100 * 1024 * 1024;

const ok = (body: unknown): Answer => ({ status: 200, body });
const accepted = (body: unknown): Answer => ({ status: 202, body });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Starts a fake on a random local port. Needs `../shared/meilisearch/openapi.json` (present in CI). */
export async function startFakeMeilisearch(options: FakeMeilisearchOptions = {}): Promise<FakeMeilisearch> {
  const specPath = sharedPath(...OPENAPI_SEGMENTS);
  if (!existsSync(specPath)) {
    throw new Error(
      `fake-meilisearch validates requests against Meilisearch's OpenAPI description, expected at ${specPath} ` +
        "(../shared is present in CI, not in a user's clone). Wrap such tests in describeWithShared(name, OPENAPI_SEGMENTS, …).",
    );
  }
  const fake = new FakeMeilisearchServer(MeilisearchOpenApi.load(specPath), options);
  await fake.start();
  return fake;
}

class FakeMeilisearchServer implements FakeMeilisearch {
  requests: RecordedRequest[] = [];
  violations: Violation[] = [];
  responseViolations: string[] = [];
  private readonly app: FastifyInstance;
  private readonly tasks: TaskQueue;
  private readonly indexMap = new Map<string, FakeIndex>();
  private readonly handlers: Record<string, Handler>;
  private port = 0;
  private mode: 'up' | 'refused' | 'unavailable' = 'up';
  private hangMs = 0;
  private readonly hangs = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(
    private readonly openapi: MeilisearchOpenApi,
    private readonly options: FakeMeilisearchOptions,
  ) {
    this.tasks = new TaskQueue(options.taskDelayMs ?? 0, (error, task) => this.recordViolation('TASK', `/tasks/${task.uid} (${task.type} on ${task.indexUid})`, error));
    this.app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
    // Bodies are read as text and parsed per route: Meilisearch accepts empty bodies with a JSON content type, and
    // answers malformed JSON with its own error rather than Fastify's.
    this.app.removeAllContentTypeParsers();
    this.app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    this.app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/*', handler: (request, reply) => this.handle(request, reply) });
    this.handlers = this.createHandlers();
  }

  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  async start(): Promise<void> {
    await this.app.listen({ host: HOST, port: 0 });
    const address = this.app.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
  }

  // ── inspectors and fault injection ───────────────────────────────────────────────────────────────────────────────

  takeViolations(): Violation[] {
    const taken = this.violations;
    this.violations = [];
    return taken;
  }

  indexes(): string[] {
    return [...this.indexMap.keys()].sort();
  }

  documents(indexUid: string): Record<string, unknown>[] {
    return [...this.existingIndex(indexUid).documents.values()].map((document) => structuredClone(document) as Record<string, unknown>);
  }

  settings(indexUid: string): Record<string, unknown> {
    return structuredClone(this.existingIndex(indexUid).settings);
  }

  private existingIndex(indexUid: string): FakeIndex {
    const index = this.indexMap.get(indexUid);
    if (!index) throw new Error(`fake-meilisearch has no index \`${indexUid}\` (existing: ${this.indexes().join(', ') || 'none'})`);
    return index;
  }

  async down(mode: 'refused' | 'unavailable' = 'refused'): Promise<void> {
    if (this.mode === 'refused') await this.listen();
    this.mode = mode;
    this.releaseHangs();
    if (mode === 'refused') {
      const closed = new Promise<void>((resolve) => this.app.server.close(() => resolve()));
      // Keep-alive sockets would otherwise keep serving a "down" server.
      this.app.server.closeAllConnections();
      await closed;
    }
  }

  async up(): Promise<void> {
    if (this.mode === 'refused') await this.listen();
    this.mode = 'up';
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.app.server.once('error', reject);
      this.app.server.listen(this.port, HOST, () => {
        this.app.server.off('error', reject);
        resolve();
      });
    });
  }

  failNextTasks(count: number, error: Partial<MeiliErrorBody> = {}): void {
    const code = error.code ?? 'internal';
    this.tasks.failNext(count, {
      message: error.message ?? 'Task failure injected by fake-meilisearch.',
      code,
      type: error.type ?? 'internal',
      link: error.link ?? `https://docs.meilisearch.com/errors#${code}`,
    });
  }

  setTaskDelay(ms: number): void {
    this.tasks.delayMs = ms;
  }

  hangRequests(ms: number): void {
    this.hangMs = ms;
    if (ms === 0) this.releaseHangs();
  }

  private releaseHangs(): void {
    for (const hang of this.hangs) {
      clearTimeout(hang.timer);
      hang.resolve();
    }
    this.hangs.clear();
  }

  reset(): void {
    this.indexMap.clear();
    this.tasks.reset();
    this.requests = [];
    this.violations = [];
    this.responseViolations = [];
    this.tasks.delayMs = this.options.taskDelayMs ?? 0;
    this.hangMs = 0;
    this.releaseHangs();
  }

  async close(): Promise<void> {
    this.tasks.close();
    this.releaseHangs();
    // Fastify closes the listener itself, so it must be listening again.
    if (this.mode === 'refused') await this.listen();
    await this.app.close();
  }

  // ── request pipeline ─────────────────────────────────────────────────────────────────────────────────────────────

  private recordViolation(method: string, path: string, error: MeiliError): void {
    if (error.violation) this.violations.push({ method, path, kind: error.violation, code: error.body.code, message: error.body.message });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const startedAt = Date.now();
    const url = new URL(request.url, 'http://fake');
    const rawBody = typeof request.body === 'string' && request.body !== '' ? request.body : undefined;
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: request.method, path: url.pathname, query, body: parseJsonOrText(rawBody) });

    if (this.hangMs > 0) {
      await new Promise<void>((resolve) => {
        const hang = { timer: setTimeout(() => resolve(), this.hangMs), resolve };
        this.hangs.add(hang);
      });
      if (request.raw.destroyed || this.mode !== 'up') {
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
    }
    if (this.mode === 'unavailable') {
      await reply.code(503).type('text/plain').send('503 Service Unavailable');
      return;
    }

    let operation: Operation | undefined;
    let answer: Answer;
    try {
      const segments = url.pathname.split('/').slice(1).map(decodePathSegment);
      const match = this.openapi.match(request.method, segments);
      if (match.kind !== 'operation') {
        // Meilisearch answers unknown routes with an empty 404 (405 for a known path).
        const status = match.kind === 'not-found' ? 404 : 405;
        this.violations.push({ method: request.method, path: url.pathname, kind: 'route', code: String(status), message: `No ${request.method} ${url.pathname} in Meilisearch's API` });
        await reply.code(status).send();
        return;
      }
      operation = match.operation;
      if ([...url.searchParams.keys()].length !== Object.keys(query).length) {
        throw invalidRequest('bad_request', 'A query parameter is given more than once.');
      }
      this.authorize(operation, request.headers.authorization);
      const body = rawBody === undefined ? undefined : this.parseBody(operation, rawBody, request.headers['content-type']);
      if (operation.bodyRequired && body === undefined) throw invalidRequest('missing_payload', 'A json payload is missing.');
      const issue = this.openapi.validateRequest(operation, { pathParams: match.pathParams, query, body })[0];
      if (issue) throw invalidRequest(issue.code, issue.message);
      const indexUid = match.pathParams.index_uid;
      if (indexUid !== undefined) checkIndexUid(indexUid);
      const handler = this.handlers[operation.id] ?? (operation.settingKey ? this.settingHandler(operation.settingKey) : undefined);
      if (!handler) throw unsupported(`${operation.method} ${operation.template}`);
      answer = handler({
        operation,
        path: this.openapi.coerceParameters(operation, 'path', match.pathParams),
        query: this.openapi.coerceParameters(operation, 'query', query),
        body,
        startedAt,
      });
    } catch (error) {
      if (!(error instanceof MeiliError)) throw error;
      this.recordViolation(request.method, url.pathname, error);
      answer = { status: error.status, body: error.body };
    }
    if (operation) {
      for (const problem of this.openapi.validateResponse(operation, answer.status, answer.body)) {
        this.responseViolations.push(`${operation.method} ${operation.template} → ${answer.status}: ${problem}`);
      }
    }
    await reply.code(answer.status).type('application/json').send(JSON.stringify(answer.body));
  }

  private authorize(operation: Operation, header: string | undefined): void {
    const key = this.options.masterKey;
    if (key === undefined || operation.public) return;
    if (header === undefined) {
      throw new MeiliError(
        401,
        errorBody('missing_authorization_header', 'The Authorization header is missing. It must use the bearer authorization method.', 'auth'),
        'auth',
      );
    }
    if (header !== `Bearer ${key}`) throw new MeiliError(403, errorBody('invalid_api_key', 'The provided API key is invalid.', 'auth'), 'auth');
  }

  /** JSON for every route; document routes also take NDJSON. */
  private parseBody(operation: Operation, raw: string, contentType: string | undefined): unknown {
    const documents = operation.id === 'replace_documents' || operation.id === 'update_documents';
    const accepted = documents ? '`application/json`, `application/x-ndjson`, `text/csv`' : '`application/json`';
    if (!operation.hasBody) return undefined;
    if (contentType === undefined) {
      throw new MeiliError(415, errorBody('missing_content_type', `A Content-Type header is missing. Accepted values for the Content-Type header are: ${accepted}`), 'payload');
    }
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    try {
      if (mediaType === 'application/json') return JSON.parse(raw) as unknown;
      if (documents && mediaType === 'application/x-ndjson') {
        return raw
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as unknown);
      }
    } catch (error) {
      throw invalidRequest('malformed_payload', `The json payload provided is malformed. \`${(error as Error).message}\`.`);
    }
    if (documents && mediaType === 'text/csv') throw unsupported('CSV document payloads');
    throw new MeiliError(
      415,
      errorBody('invalid_content_type', `The Content-Type \`${mediaType}\` is invalid. Accepted values for the Content-Type header are: ${accepted}`),
      'payload',
    );
  }

  // ── routes ───────────────────────────────────────────────────────────────────────────────────────────────────────

  private index(uid: unknown): FakeIndex {
    const index = this.indexMap.get(uid as string);
    if (!index) throw indexNotFound(uid as string);
    return index;
  }

  private indexOrCreate(uid: string): FakeIndex {
    let index = this.indexMap.get(uid);
    if (!index) {
      index = new FakeIndex(uid, null, this.openapi.settingsDefaults());
      this.indexMap.set(uid, index);
    }
    return index;
  }

  private enqueue(indexUid: string | null, type: TaskType, details: Record<string, unknown>, query: Context['query'], run: () => Record<string, unknown>): Answer {
    const customMetadata = typeof query.customMetadata === 'string' ? query.customMetadata : undefined;
    return accepted(this.tasks.enqueue({ indexUid, type, details, customMetadata, run }));
  }

  private stats(index: FakeIndex): Record<string, unknown> {
    const fieldDistribution: Record<string, number> = {};
    let size = 0;
    for (const document of index.documents.values()) {
      size += Buffer.byteLength(JSON.stringify(document));
      for (const key of Object.keys(document)) fieldDistribution[key] = (fieldDistribution[key] ?? 0) + 1;
    }
    const count = index.documents.size;
    return {
      numberOfDocuments: count,
      rawDocumentDbSize: size,
      avgDocumentSize: count === 0 ? 0 : Math.round(size / count),
      indexSize: size,
      usedIndexSize: size,
      isIndexing: this.tasks.isIndexing(index.uid),
      numberOfEmbeddings: 0,
      numberOfEmbeddedDocuments: 0,
      fieldDistribution,
    };
  }

  private settingHandler(key: string): Handler {
    return ({ operation, path, query, body }) => {
      const uid = path.index_uid as string;
      if (operation.method === 'GET') return ok(this.index(uid).settings[key]);
      const value = operation.method === 'DELETE' ? null : body;
      if (key === 'rankingRules') checkRankingRules(value);
      return this.enqueue(uid, 'settingsUpdate', { [key]: value }, query, () => {
        this.indexOrCreate(uid).updateSettings({ [key]: value });
        return { [key]: value };
      });
    };
  }

  private upsert(merge: boolean): Handler {
    return ({ path, query, body }) => {
      const uid = path.index_uid as string;
      const documents = Array.isArray(body) ? body : [body];
      if (!documents.every(isRecord)) {
        throw invalidRequest('malformed_payload', 'The json payload provided is malformed. `expected an array of objects or an object`.');
      }
      const primaryKey = typeof query.primaryKey === 'string' ? query.primaryKey : undefined;
      const details = { receivedDocuments: documents.length, indexedDocuments: null };
      return this.enqueue(uid, 'documentAdditionOrUpdate', details, query, () => {
        const existed = this.indexMap.has(uid);
        const index = this.indexOrCreate(uid);
        try {
          const indexed = index.upsertDocuments(documents, { merge, primaryKey, skipCreation: query.skipCreation === true });
          return { ...details, indexedDocuments: indexed };
        } catch (error) {
          if (!existed) this.indexMap.delete(uid);
          throw error;
        }
      });
    };
  }

  private deletion(uid: string, details: Record<string, unknown>, query: Context['query'], keys: (index: FakeIndex) => Iterable<string>): Answer {
    return this.enqueue(uid, 'documentDeletion', { ...details, deletedDocuments: null }, query, () => {
      const index = this.index(uid);
      return { ...details, deletedDocuments: index.deleteDocuments([...keys(index)]) };
    });
  }

  private createHandlers(): Record<string, Handler> {
    return {
      get_health: () => ok({ status: 'available' }),
      get_version: () => ok({ commitSha: 'fake-meilisearch', commitDate: 'unknown', pkgVersion: this.openapi.version }),
      get_stats: () => {
        const indexes = Object.fromEntries([...this.indexMap].map(([uid, index]) => [uid, this.stats(index)]));
        const size = Object.values(indexes).reduce((sum, stats) => sum + (stats.rawDocumentDbSize as number), 0);
        const updates = [...this.indexMap.values()].map((index) => index.updatedAt.getTime());
        return ok({ databaseSize: size, usedDatabaseSize: size, lastUpdate: updates.length === 0 ? null : new Date(Math.max(...updates)).toISOString(), indexes });
      },

      list_indexes: ({ query }) => {
        const offset = (query.offset as number | undefined) ?? 0;
        const limit = (query.limit as number | undefined) ?? 20;
        const views: IndexView[] = this.indexes().map((uid) => this.indexMap.get(uid)!.view());
        return ok({ results: views.slice(offset, offset + limit), offset, limit, total: views.length });
      },
      create_index: ({ query, body }) => {
        const { uid, primaryKey = null } = body as { uid: string; primaryKey?: string | null };
        checkIndexUid(uid);
        return this.enqueue(uid, 'indexCreation', { primaryKey }, query, () => {
          if (this.indexMap.has(uid)) throw taskFailure('index_already_exists', `Index \`${uid}\` already exists.`);
          this.indexMap.set(uid, new FakeIndex(uid, primaryKey, this.openapi.settingsDefaults()));
          return { primaryKey };
        });
      },
      get_index: ({ path }) => ok(this.index(path.index_uid).view()),
      update_index: ({ path, query, body }) => {
        const uid = path.index_uid as string;
        const { primaryKey, uid: newUid } = body as { primaryKey?: string | null; uid?: string | null };
        if (typeof newUid === 'string') checkIndexUid(newUid);
        return this.enqueue(uid, 'indexUpdate', { primaryKey: primaryKey ?? null }, query, () => {
          const index = this.index(uid);
          if (primaryKey !== undefined && primaryKey !== index.primaryKey) {
            if (index.documents.size > 0) {
              throw taskFailure('index_primary_key_already_exists', `Index \`${uid}\`: Index already has a primary key: \`${index.primaryKey}\`.`);
            }
            index.primaryKey = primaryKey;
          }
          if (typeof newUid === 'string' && newUid !== uid) {
            if (this.indexMap.has(newUid)) throw taskFailure('index_already_exists', `Index \`${newUid}\` already exists.`);
            this.indexMap.delete(uid);
            index.uid = newUid;
            this.indexMap.set(newUid, index);
          }
          return { primaryKey: index.primaryKey, ...(typeof newUid === 'string' ? { oldIndexUid: uid, newIndexUid: newUid } : {}) };
        });
      },
      delete_index: ({ path, query }) => {
        const uid = path.index_uid as string;
        return this.enqueue(uid, 'indexDeletion', { deletedDocuments: null }, query, () => {
          const index = this.index(uid);
          this.indexMap.delete(uid);
          return { deletedDocuments: index.documents.size };
        });
      },
      get_index_stats: ({ path }) => ok(this.stats(this.index(path.index_uid))),
      swap_indexes: ({ query, body }) => this.swap(body as { indexes: string[]; rename?: boolean }[], query),

      get_documents: ({ path, query }) => ok(browse(this.index(path.index_uid), query)),
      documents_by_query_post: ({ path, body }) => ok(browse(this.index(path.index_uid), body as Record<string, unknown>)),
      get_document: ({ path, query }) => {
        const document = this.index(path.index_uid).documents.get(path.document_id as string);
        if (!document) throw new MeiliError(404, errorBody('document_not_found', `Document \`${String(path.document_id)}\` not found.`));
        return ok(pickFields(document, query.fields));
      },
      replace_documents: this.upsert(false),
      update_documents: this.upsert(true),
      clear_all_documents: ({ path, query }) => this.deletion(path.index_uid as string, {}, query, (index) => index.documents.keys()),
      delete_document: ({ path, query }) =>
        this.deletion(path.index_uid as string, { providedIds: 1, originalFilter: null }, query, () => [path.document_id as string]),
      delete_documents_batch: ({ path, query, body }) => {
        const ids = body as unknown[];
        const keys = ids.map(documentKey);
        if (keys.some((key) => key === undefined)) {
          throw invalidRequest('invalid_document_ids', `Document ids must be integers or strings of \`[A-Za-z0-9_-]\`: \`${JSON.stringify(ids)}\`.`);
        }
        return this.deletion(path.index_uid as string, { providedIds: ids.length, originalFilter: null }, query, () => keys as string[]);
      },
      delete_documents_by_filter: ({ path, query, body }) => {
        const { filter } = body as { filter: unknown };
        // Meilisearch parses the filter when the request arrives, and checks attributes when the task runs.
        try {
          if (parseFilterParameter(filter) === null) throw invalidRequest('missing_document_filter', 'Filter parameter is missing.');
        } catch (error) {
          if (error instanceof FilterSyntaxError) throw invalidRequest('invalid_document_filter', error.message, 'filter');
          throw error;
        }
        const details = { providedIds: 0, originalFilter: JSON.stringify(filter) };
        return this.deletion(path.index_uid as string, details, query, (index) =>
          documentsMatching(index, compileFilter(index, filter, 'invalid_document_filter')).map(([key]) => key),
        );
      },

      search_with_post: ({ path, body, startedAt }) => ok(search(this.index(path.index_uid), body as Record<string, unknown>, startedAt)),
      search_with_url_query: ({ path, query, startedAt }) => {
        // The GET form spells lists as comma-separated text.
        const lists = ['sort', 'facets', 'attributesToRetrieve', 'attributesToHighlight', 'attributesToSearchOn', 'attributesToCrop'];
        const request = Object.fromEntries(Object.entries(query).map(([key, value]) => [key, lists.includes(key) && typeof value === 'string' ? value.split(',') : value]));
        return ok(search(this.index(path.index_uid), request, startedAt));
      },
      multi_search_with_post: ({ body, startedAt }) => {
        const { queries, federation } = body as { queries: Record<string, unknown>[]; federation?: unknown };
        if (federation !== undefined && federation !== null) throw unsupported('federated multi-search');
        return ok({ results: queries.map((request) => ({ indexUid: request.indexUid, ...search(this.index(request.indexUid), request, startedAt) })) });
      },

      get_all: ({ path }) => ok(this.index(path.index_uid).settings),
      update_all: ({ path, query, body }) => {
        const uid = path.index_uid as string;
        const patch = body as Record<string, unknown>;
        if (patch.rankingRules !== undefined) checkRankingRules(patch.rankingRules);
        return this.enqueue(uid, 'settingsUpdate', patch, query, () => {
          this.indexOrCreate(uid).updateSettings(patch);
          return patch;
        });
      },
      delete_all: ({ path, query }) => {
        const uid = path.index_uid as string;
        const reset = Object.fromEntries(Object.keys(this.openapi.settingsDefaults()).map((key) => [key, null]));
        return this.enqueue(uid, 'settingsUpdate', reset, query, () => {
          this.index(uid).updateSettings(reset);
          return reset;
        });
      },

      get_tasks: ({ query }) => {
        if (query.canceledBy !== undefined || query.batchUids !== undefined) throw unsupported('task filters `canceledBy` and `batchUids`');
        return ok(this.tasks.list(taskQuery(query)));
      },
      get_task: ({ path }) => {
        const task = this.tasks.get(path.task_id as number);
        if (!task) throw new MeiliError(404, errorBody('task_not_found', `Task \`${String(path.task_id)}\` not found.`));
        return ok(task);
      },
    };
  }

  private swap(swaps: readonly { indexes: string[]; rename?: boolean }[], query: Context['query']): Answer {
    const seen = new Set<string>();
    for (const { indexes } of swaps) {
      if (indexes.length !== 2) {
        throw invalidRequest('invalid_swap_indexes', `Two indexes must be given for each swap. The list \`${JSON.stringify(indexes)}\` contains ${indexes.length} indexes.`);
      }
      for (const uid of indexes) {
        checkIndexUid(uid);
        if (seen.has(uid)) throw invalidRequest('invalid_swap_duplicate_index_found', `Indexes must be declared only once during a swap. \`${uid}\` was specified several times.`);
        seen.add(uid);
      }
    }
    const details = { swaps: swaps.map(({ indexes, rename = false }) => ({ indexes, rename })) };
    return this.enqueue(null, 'indexSwap', details, query, () => {
      for (const { indexes: [a, b], rename } of swaps) {
        const missing = rename ? [a].filter((uid) => !this.indexMap.has(uid)) : [a, b].filter((uid) => !this.indexMap.has(uid));
        if (missing.length > 0) throw taskFailure('index_not_found', `Indexes ${missing.map((uid) => `\`${uid}\``).join(', ')} not found.`);
        if (rename && this.indexMap.has(b)) throw taskFailure('index_already_exists', `Index \`${b}\` already exists.`);
      }
      for (const { indexes: [a, b], rename } of swaps) {
        const first = this.indexMap.get(a)!;
        const second = this.indexMap.get(b);
        this.indexMap.delete(a);
        first.uid = b;
        this.indexMap.set(b, first);
        if (!rename && second) {
          second.uid = a;
          this.indexMap.set(a, second);
        }
      }
      return details;
    });
  }
}

function checkIndexUid(uid: string): void {
  if (!INDEX_UID.test(uid)) {
    throw invalidRequest(
      'invalid_index_uid',
      `\`${uid}\` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 400 bytes.`,
    );
  }
}

function checkRankingRules(rules: unknown): void {
  for (const rule of Array.isArray(rules) ? (rules as string[]) : []) {
    if (!RANKING_RULE.test(rule)) {
      throw invalidRequest(
        'invalid_settings_ranking_rules',
        `\`${rule}\` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.`,
      );
    }
  }
}

function taskQuery(query: Readonly<Record<string, unknown>>): TaskQuery {
  const date = (name: string): Date | undefined => {
    const value = query[name];
    if (typeof value !== 'string' || value === '*') return undefined;
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) {
      throw invalidRequest(`invalid_task_${name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`, `\`${value}\` is an invalid date-time.`);
    }
    return parsed;
  };
  return {
    uids: query.uids as number[] | undefined,
    statuses: query.statuses as string[] | undefined,
    types: query.types as string[] | undefined,
    indexUids: query.indexUids as string[] | undefined,
    limit: query.limit as number | undefined,
    from: query.from as number | undefined,
    reverse: query.reverse as boolean | undefined,
    afterEnqueuedAt: date('afterEnqueuedAt'),
    beforeEnqueuedAt: date('beforeEnqueuedAt'),
    afterStartedAt: date('afterStartedAt'),
    beforeStartedAt: date('beforeStartedAt'),
    afterFinishedAt: date('afterFinishedAt'),
    beforeFinishedAt: date('beforeFinishedAt'),
  };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidRequest('bad_request', `Invalid percent-encoding in the path segment \`${segment}\`.`);
  }
}

function parseJsonOrText(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

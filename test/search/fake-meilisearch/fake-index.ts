/** One index of the fake: its documents (in insertion order, as Meilisearch returns them), settings and metadata. */
import type { Document } from './filter-evaluator.js';
import { parseFiniteFloat } from './filter-evaluator.js';
import { errorBody, MeiliError, type ViolationKind } from './meili-errors.js';

export interface IndexView {
  readonly uid: string;
  readonly primaryKey: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Why a task failed, stored on the task as Meilisearch's error object. */
export const taskFailure = (code: string, message: string, violation?: ViolationKind): MeiliError =>
  new MeiliError(400, errorBody(code, message), violation);

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;
const NESTED_SETTINGS = new Set(['typoTolerance', 'faceting', 'pagination']);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The id as Meilisearch keys documents: integers and strings of `[A-Za-z0-9_-]`, at most 511 bytes. */
export function documentKey(id: unknown): string | undefined {
  if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 0 ? String(id) : undefined;
  return typeof id === 'string' && DOCUMENT_ID.test(id) ? id : undefined;
}

function checkGeo(document: Document, id: string): void {
  const geo = document._geo;
  if (geo === undefined || geo === null) return;
  const invalid = (reason: string) =>
    taskFailure('invalid_document_geo_field', `The \`_geo\` field in the document with the id: \`${id}\` ${reason}`, 'payload');
  if (!isRecord(geo)) throw invalid(`is not an object: \`${JSON.stringify(geo)}\`.`);
  const extra = Object.keys(geo).filter((key) => key !== 'lat' && key !== 'lng');
  if (extra.length > 0) throw invalid(`contains the following unexpected fields: \`${extra.join(', ')}\`.`);
  for (const [key, min, max] of [['lat', -90, 90], ['lng', -180, 180]] as const) {
    const raw = geo[key];
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseFiniteFloat(raw) : undefined;
    if (raw === undefined) throw invalid(`does not contain a \`${key}\`.`);
    if (value === undefined || value < min || value > max) throw invalid(`contains an invalid \`${key}\`: \`${JSON.stringify(raw)}\`.`);
  }
}

export class FakeIndex {
  readonly documents = new Map<string, Document>();
  settings: Record<string, unknown>;
  readonly createdAt = new Date();
  updatedAt = new Date();

  constructor(
    public uid: string,
    public primaryKey: string | null,
    private readonly defaults: Readonly<Record<string, unknown>>,
  ) {
    this.settings = structuredClone(defaults);
  }

  view(): IndexView {
    return { uid: this.uid, primaryKey: this.primaryKey, createdAt: this.createdAt.toISOString(), updatedAt: this.updatedAt.toISOString() };
  }

  private touch(): void {
    this.updatedAt = new Date();
  }

  /** The primary key documents are keyed by, inferred from the first document when the index has none. */
  private resolvePrimaryKey(documents: readonly Document[], requested: string | undefined): string {
    if (this.primaryKey !== null) {
      if (requested !== undefined && requested !== this.primaryKey) {
        throw taskFailure('index_primary_key_already_exists', `Index \`${this.uid}\`: Index already has a primary key: \`${this.primaryKey}\`.`);
      }
      return this.primaryKey;
    }
    if (requested !== undefined) return requested;
    const candidates = Object.keys(documents[0] ?? {}).filter((key) => key.toLowerCase().endsWith('id'));
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0) {
      throw taskFailure(
        'index_primary_key_no_candidate_found',
        'The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter.',
      );
    }
    throw taskFailure(
      'index_primary_key_multiple_candidates_found',
      `The primary key inference failed as the engine found ${candidates.length} fields ending with \`id\` in their names: ${candidates.map((c) => `'${c}'`).join(' and ')}. Please specify the primary key manually using the \`primaryKey\` query parameter.`,
    );
  }

  /**
   * Adds documents, replacing (`merge: false`) or updating (`merge: true`) those with the same id. Like Meilisearch,
   * a batch with one bad document changes nothing. Returns the number of documents indexed.
   */
  upsertDocuments(documents: readonly Document[], options: { merge: boolean; primaryKey?: string; skipCreation?: boolean }): number {
    if (documents.length === 0) return 0;
    const primaryKey = this.resolvePrimaryKey(documents, options.primaryKey);
    const keyed = documents.map((document) => {
      if (!(primaryKey in document)) {
        throw taskFailure('missing_document_id', `Document doesn't have a \`${primaryKey}\` attribute: \`${JSON.stringify(document)}\`.`, 'payload');
      }
      const key = documentKey(document[primaryKey]);
      if (key === undefined) {
        throw taskFailure(
          'invalid_document_id',
          `Document identifier \`${JSON.stringify(document[primaryKey])}\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`,
          'payload',
        );
      }
      checkGeo(document, key);
      return [key, document] as const;
    });
    this.primaryKey = primaryKey;
    let indexed = 0;
    for (const [key, document] of keyed) {
      const existing = this.documents.get(key);
      if (options.skipCreation && !existing) continue;
      this.documents.set(key, structuredClone(options.merge && existing ? { ...existing, ...document } : document));
      indexed++;
    }
    this.touch();
    return indexed;
  }

  deleteDocuments(keys: Iterable<string>): number {
    let deleted = 0;
    for (const key of keys) if (this.documents.delete(key)) deleted++;
    this.touch();
    return deleted;
  }

  /** Applies a settings patch: `null` resets a setting, nested settings objects are merged field by field. */
  updateSettings(patch: Readonly<Record<string, unknown>>): void {
    const next = structuredClone(this.settings);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next[key] = structuredClone(this.defaults[key]);
      else if (NESTED_SETTINGS.has(key) && isRecord(value) && isRecord(next[key])) next[key] = mergeSetting(next[key], value, this.defaults[key]);
      else next[key] = structuredClone(value);
    }
    const typo = next.typoTolerance as { minWordSizeForTypos?: { oneTypo?: number; twoTypos?: number } } | null;
    const sizes = typo?.minWordSizeForTypos;
    if (sizes?.oneTypo !== undefined && sizes.twoTypos !== undefined && sizes.oneTypo > sizes.twoTypos) {
      throw taskFailure(
        'invalid_settings_typo_tolerance',
        `\`minWordSizeForTypos\` setting is invalid: \`twoTypos\` (${sizes.twoTypos}) must be greater than or equal to \`oneTypo\` (${sizes.oneTypo}).`,
        'semantic',
      );
    }
    this.settings = next;
    this.touch();
  }
}

function mergeSetting(current: Record<string, unknown>, patch: Record<string, unknown>, defaults: unknown): Record<string, unknown> {
  const merged = { ...current };
  const defaultValues = isRecord(defaults) ? defaults : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged[key] = structuredClone(defaultValues[key] ?? null);
    else if (isRecord(value) && isRecord(merged[key]) && key === 'minWordSizeForTypos') merged[key] = { ...merged[key], ...value };
    else merged[key] = structuredClone(value);
  }
  return merged;
}

import { Injectable, Logger } from '@nestjs/common';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Task,
} from 'meilisearch';
import { foldForMatch } from '../../../common/text/fold.js';
import { SearchConfig } from '../../../config/configuration.js';
import type { SearchDocumentType } from '../../outbox/search-outbox.entity.js';
import type { AnswerSearchDocument, DoctorSearchDocument } from '../../search-documents.js';
import {
  MAX_TOTAL_HITS,
  SearchEngine,
  type AnswerSearchCriteria,
  type DoctorFacet,
  type DoctorSearchCriteria,
  type DocumentChanges,
  type NameSuggestion,
  type ReindexTarget,
  type SearchPage,
} from '../../search-engine.js';
import { and, eq, geoRadius, gte, inList, not, or, type MeiliFilter } from './meili-filter.js';
import { ANSWER_SETTINGS, DOCTOR_SETTINGS } from './meili-settings.js';

/** A doctor as indexed: one document per located practice location (`distinct` on `id` folds them into one hit). */
type MeiliDoctorDocument = DoctorSearchDocument & { key: string; _geo?: { lat: number; lng: number } };

const FACET_ATTRIBUTES: Record<DoctorFacet, string> = {
  specialty: 'specialtyNames',
  city: 'cityNames',
  language: 'languages',
  acceptingNewPatients: 'acceptingNewPatients',
  clinicianType: 'clinicianType',
};

const REQUEST_TIMEOUT_MS = 10_000;
/** Longer than any batch takes to index, shorter than the outbox lease (see search-sync.service.ts). */
const TASK_TIMEOUT_MS = 60_000;
const RETRY_DELAYS_MS = [100, 500, 2_000];

/** A task Meilisearch refused or could not apply: the client reports those as results, not exceptions. */
export class MeilisearchTaskFailedError extends Error {
  constructor(
    readonly task: Task,
    readonly transient: boolean,
  ) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.code ?? 'unknown'}: ${task.error?.message ?? ''}`);
  }
}

/** Outages, overload and Meilisearch's own internal errors are worth retrying; a refused request is not. */
function isTransient(error: unknown): boolean {
  if (error instanceof MeilisearchTaskFailedError) return error.transient;
  if (error instanceof MeilisearchApiError) return error.response.status >= 500 || error.response.status === 429;
  return error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError || error instanceof MeilisearchTaskTimeOutError;
}

const EMPTY_PAGE: SearchPage<never> = { hits: [], facets: {}, estimatedTotal: 0 };

/** Before the first document, the index does not exist yet: nothing matches. */
async function unlessNoIndex<T>(search: Promise<T>, empty: T): Promise<T> {
  try {
    return await search;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return empty;
    throw error;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The documents of one doctor: one per located location, or a single one without `_geo`. */
export function toMeiliDocuments(document: DoctorSearchDocument): MeiliDoctorDocument[] {
  const points = document.locations.flatMap((location) => (location.coordinates ? [location.coordinates] : []));
  if (points.length === 0) return [{ ...document, key: `${document.id}-0` }];
  return points.map((point, index) => ({ ...document, key: `${document.id}-${index}`, _geo: { lat: point.lat, lng: point.lng } }));
}

function fromMeiliDocument(hit: Record<string, unknown>): DoctorSearchDocument {
  const { key: _key, _geo, _geoDistance, _formatted, _matchesPosition, _rankingScore, ...document } = hit;
  return document as unknown as DoctorSearchDocument;
}

/** The production engine: the official client, every task awaited and checked, transient failures retried. */
@Injectable()
export class MeilisearchEngine extends SearchEngine {
  readonly name = 'meilisearch';
  private readonly logger = new Logger(MeilisearchEngine.name);
  private readonly client: Meilisearch;
  private prepared = false;

  constructor(private readonly config: SearchConfig) {
    super();
    if (!config.meilisearchUrl) throw new Error('MEILISEARCH_URL is required for the meilisearch engine');
    this.client = new Meilisearch({
      host: config.meilisearchUrl,
      apiKey: config.meilisearchApiKey,
      timeout: REQUEST_TIMEOUT_MS,
      defaultWaitOptions: { timeout: TASK_TIMEOUT_MS, interval: 50 },
    });
  }

  indexUid(type: SearchDocumentType): string {
    return `${this.config.indexPrefix}_${type}s`;
  }

  async prepare(): Promise<void> {
    for (const type of ['doctor', 'answer'] as const) await this.prepareIndex(this.indexUid(type), type);
    this.prepared = true;
  }

  async isAvailable(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async beginReindex(type: SearchDocumentType): Promise<ReindexTarget> {
    await this.ensurePrepared();
    const live = this.indexUid(type);
    const index = `${live}_reindex`;
    // A reindex that died half way left its index behind: start that one afresh.
    await this.run(() => this.client.deleteIndex(index), ['index_not_found']);
    await this.prepareIndex(index, type);
    return {
      index,
      swap: async () => {
        await this.run(() => this.client.swapIndexes([{ indexes: [live, index], rename: false }]));
      },
      drop: async () => {
        await this.run(() => this.client.deleteIndex(index), ['index_not_found']);
      },
    };
  }

  async applyDoctors({ upserts, deletedIds }: DocumentChanges<DoctorSearchDocument>, target?: string): Promise<void> {
    await this.ensurePrepared();
    const index = this.client.index<MeiliDoctorDocument>(target ?? this.indexUid('doctor'));
    const documents = upserts.flatMap(toMeiliDocuments);
    if (documents.length > 0) await this.run(() => index.addDocuments(documents, { primaryKey: 'key' }));
    // Then drop what is gone: deleted doctors, and locations an updated doctor no longer has. Tasks of an index run in
    // order, so a search never misses a doctor that exists.
    const stale: MeiliFilter[] = [];
    if (deletedIds.length > 0) stale.push(inList('id', deletedIds));
    if (upserts.length > 0) {
      stale.push(and(inList('id', upserts.map((d) => d.id)), not(inList('key', documents.map((d) => d.key)))));
    }
    const [first, ...rest] = stale;
    if (first) await this.run(() => index.deleteDocuments({ filter: or(first, ...rest) }));
  }

  async applyAnswers({ upserts, deletedIds }: DocumentChanges<AnswerSearchDocument>, target?: string): Promise<void> {
    await this.ensurePrepared();
    const index = this.client.index<AnswerSearchDocument>(target ?? this.indexUid('answer'));
    if (upserts.length > 0) await this.run(() => index.addDocuments(upserts, { primaryKey: 'id' }));
    if (deletedIds.length > 0) await this.run(() => index.deleteDocuments(deletedIds));
  }

  async searchDoctors(criteria: DoctorSearchCriteria): Promise<SearchPage<DoctorSearchDocument>> {
    return unlessNoIndex(this.findDoctors(criteria), EMPTY_PAGE);
  }

  async searchAnswers(criteria: AnswerSearchCriteria): Promise<SearchPage<AnswerSearchDocument>> {
    return unlessNoIndex(this.findAnswers(criteria), EMPTY_PAGE);
  }

  async suggestDoctors(terms: string[], limit: number): Promise<NameSuggestion[]> {
    return terms.length === 0 ? [] : unlessNoIndex(this.findDoctorNames(terms, limit), []);
  }

  async suggestCities(prefix: string, limit: number): Promise<string[]> {
    return unlessNoIndex(this.findCities(prefix, limit), []);
  }

  private async findDoctors(criteria: DoctorSearchCriteria): Promise<SearchPage<DoctorSearchDocument>> {
    const filters: MeiliFilter[] = [];
    if (criteria.specialtyCode) filters.push(eq('specialtyCodes', criteria.specialtyCode));
    if (criteria.specialtyCodes.length > 0) filters.push(inList('specialtyCodes', criteria.specialtyCodes));
    if (criteria.cityKeys) filters.push(inList('cityKeys', criteria.cityKeys));
    if (criteria.region) filters.push(eq('regions', criteria.region));
    if (criteria.country) filters.push(eq('countries', criteria.country));
    if (criteria.language) filters.push(eq('languages', criteria.language));
    if (criteria.clinicianType) filters.push(eq('clinicianType', criteria.clinicianType));
    if (criteria.acceptingNewPatients !== undefined) filters.push(eq('acceptingNewPatients', criteria.acceptingNewPatients));
    if (criteria.telehealth !== undefined) filters.push(eq('telehealth', criteria.telehealth));
    if (criteria.minRating !== undefined) filters.push(gte('ratingMean', criteria.minRating));
    if (criteria.point && criteria.radiusKm !== undefined) filters.push(geoRadius(criteria.point.lat, criteria.point.lng, criteria.radiusKm * 1000));

    const byScore = ['ratingScore:desc', 'sortName:asc'];
    const sort: Record<DoctorSearchCriteria['sort'], string[] | undefined> = {
      // With words to match, the ranking rules decide (the score breaks ties); without, the score does.
      relevance: criteria.terms.length > 0 ? undefined : byScore,
      score: byScore,
      name: ['sortName:asc'],
      distance: criteria.point ? [`_geoPoint(${criteria.point.lat}, ${criteria.point.lng}):asc`, ...byScore] : byScore,
    };
    const result = await this.client.index(this.indexUid('doctor')).search(criteria.terms.join(' '), {
      filter: and(...filters),
      sort: sort[criteria.sort],
      facets: criteria.facets.map((facet) => FACET_ATTRIBUTES[facet]),
      page: criteria.page,
      hitsPerPage: criteria.pageSize,
      matchingStrategy: 'all',
    });
    const facets: SearchPage<unknown>['facets'] = {};
    for (const facet of criteria.facets) facets[facet] = result.facetDistribution?.[FACET_ATTRIBUTES[facet]] ?? {};
    return {
      hits: result.hits.map((hit) => fromMeiliDocument(hit)),
      facets,
      estimatedTotal: Math.min(result.totalHits, MAX_TOTAL_HITS),
    };
  }

  private async findAnswers(criteria: AnswerSearchCriteria): Promise<SearchPage<AnswerSearchDocument>> {
    const filters: MeiliFilter[] = [];
    if (criteria.specialtyCode) filters.push(eq('specialtyCodes', criteria.specialtyCode));
    if (criteria.specialtyCodes.length > 0) filters.push(inList('specialtyCodes', criteria.specialtyCodes));
    if (criteria.doctorId) filters.push(eq('author.doctorId', criteria.doctorId));
    const result = await this.client.index<AnswerSearchDocument>(this.indexUid('answer')).search(criteria.terms.join(' '), {
      filter: and(...filters),
      sort: criteria.terms.length > 0 ? undefined : ['createdAt:desc'],
      page: criteria.page,
      hitsPerPage: criteria.pageSize,
      matchingStrategy: 'all',
    });
    return {
      hits: result.hits.map(({ _formatted, _matchesPosition, _rankingScore, ...document }) => document as AnswerSearchDocument),
      facets: {},
      estimatedTotal: Math.min(result.totalHits, MAX_TOTAL_HITS),
    };
  }

  private async findDoctorNames(terms: string[], limit: number): Promise<NameSuggestion[]> {
    const result = await this.client.index<DoctorSearchDocument>(this.indexUid('doctor')).search(terms.join(' '), {
      attributesToSearchOn: ['nameText'],
      attributesToRetrieve: ['id', 'slug', 'displayName'],
      matchingStrategy: 'all',
      limit,
    });
    return result.hits.map((hit) => ({ id: hit.id, slug: hit.slug, label: hit.displayName }));
  }

  private async findCities(prefix: string, limit: number): Promise<string[]> {
    const result = await this.client.index(this.indexUid('doctor')).search(prefix, {
      attributesToSearchOn: ['cityText'],
      facets: ['cityNames'],
      matchingStrategy: 'all',
      limit: 0,
    });
    // The facet counts every city of a matching doctor: keep those the prefix names.
    return Object.entries(result.facetDistribution?.cityNames ?? {})
      .filter(([city]) => foldForMatch(city).startsWith(prefix))
      .sort(([a, countA], [b, countB]) => countB - countA || foldForMatch(a).localeCompare(foldForMatch(b)))
      .slice(0, limit)
      .map(([city]) => city);
  }

  private async ensurePrepared(): Promise<void> {
    if (!this.prepared) await this.prepare();
  }

  private async prepareIndex(uid: string, type: SearchDocumentType): Promise<void> {
    await this.run(() => this.client.createIndex(uid, { primaryKey: type === 'doctor' ? 'key' : 'id' }), ['index_already_exists']);
    await this.run(() => this.client.index(uid).updateSettings(type === 'doctor' ? DOCTOR_SETTINGS : ANSWER_SETTINGS));
  }

  /**
   * Sends a write, awaits its task and fails unless it succeeded (or failed with one of `acceptedCodes`); retries
   * transient failures with backoff. Re-sending is safe: every write here is idempotent.
   */
  private async run(send: () => EnqueuedTaskPromise, acceptedCodes: readonly string[] = []): Promise<Task> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const task = await send().waitTask();
        if (task.status === 'succeeded' || (task.error && acceptedCodes.includes(task.error.code))) return task;
        throw new MeilisearchTaskFailedError(task, task.error?.type === 'internal' || task.error?.type === 'system');
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isTransient(error)) throw error;
        this.logger.warn(`Meilisearch write failed (${String(error)}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  }
}

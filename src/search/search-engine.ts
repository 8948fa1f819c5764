import type { SearchDocumentType } from './outbox/search-outbox.entity.js';
import type { AnswerSearchDocument, DoctorSearchDocument } from './search-documents.js';

export const DOCTOR_SORTS = ['relevance', 'score', 'distance', 'name'] as const;
export type DoctorSort = (typeof DOCTOR_SORTS)[number];

export const DOCTOR_FACETS = ['specialty', 'city', 'language', 'acceptingNewPatients', 'clinicianType'] as const;
export type DoctorFacet = (typeof DOCTOR_FACETS)[number];

/** Both engines stop counting here, and pages past it are empty (Meilisearch's `pagination.maxTotalHits`). */
export const MAX_TOTAL_HITS = 1000;

/** What the text of a query means once understood (see query-understanding.ts). */
export interface TextCriteria {
  /** Folded words; every one must match (a name word may carry a typo). */
  terms: string[];
  /** Specialties named in the text ("dermatolgist", "skin doctor"); a doctor must have one of them. */
  specialtyCodes: string[];
}

export interface DoctorSearchCriteria extends TextCriteria {
  specialtyCode?: string;
  /** Folded city names, any of which matches (as written and as the gazetteer names it). */
  cityKeys?: string[];
  /** Upper case. */
  region?: string;
  country?: string;
  language?: string;
  acceptingNewPatients?: boolean;
  telehealth?: boolean;
  clinicianType?: string;
  minRating?: number;
  point?: { lat: number; lng: number };
  radiusKm?: number;
  sort: DoctorSort;
  facets: readonly DoctorFacet[];
  page: number;
  pageSize: number;
}

export interface AnswerSearchCriteria extends TextCriteria {
  doctorId?: string;
  specialtyCode?: string;
  page: number;
  pageSize: number;
}

export interface SearchPage<T> {
  hits: T[];
  facets: Partial<Record<DoctorFacet, Record<string, number>>>;
  /** Capped at MAX_TOTAL_HITS. */
  estimatedTotal: number;
}

export interface NameSuggestion {
  id: string;
  slug: string;
  label: string;
}

/** Documents to write (rebuilt from the database) and ids to remove. */
export interface DocumentChanges<T> {
  upserts: T[];
  deletedIds: string[];
}

/**
 * The search port. The sync worker is the only writer (through the outbox); the API only reads. A write goes to the
 * live index, or to `target`, the index a running reindex fills.
 */
export abstract class SearchEngine {
  abstract readonly name: 'postgres' | 'meilisearch';

  /** Creates indexes and applies settings (awaited) before any document is written. */
  abstract prepare(): Promise<void>;

  abstract applyDoctors(changes: DocumentChanges<DoctorSearchDocument>, target?: string): Promise<void>;

  abstract applyAnswers(changes: DocumentChanges<AnswerSearchDocument>, target?: string): Promise<void>;

  abstract searchDoctors(criteria: DoctorSearchCriteria): Promise<SearchPage<DoctorSearchDocument>>;

  abstract searchAnswers(criteria: AnswerSearchCriteria): Promise<SearchPage<AnswerSearchDocument>>;

  /** Doctors whose name has a word starting with each term (the last one a prefix). */
  abstract suggestDoctors(terms: string[], limit: number): Promise<NameSuggestion[]>;

  /** Cities with doctors whose folded name starts with `prefix`, most doctors first. */
  abstract suggestCities(prefix: string, limit: number): Promise<string[]>;

  /** Whether the engine answers at all (readiness reports it, never fails on it). */
  abstract isAvailable(): Promise<boolean>;

  /**
   * Starts a full reindex: a new, prepared, empty index to fill beside the live one, or undefined when the engine
   * updates in place (Postgres), where re-sending every document is enough.
   */
  abstract beginReindex(type: SearchDocumentType): Promise<ReindexTarget | undefined>;
}

export interface ReindexTarget {
  /** The index being filled; the sync worker writes every batch to it as well as to the live one. */
  readonly index: string;
  /** Makes the filled index the live one (atomically). */
  swap(): Promise<void>;
  /** Deletes the reindex's index: after a swap, the old documents; after a failure, the half-filled one. */
  drop(): Promise<void>;
}

import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database.js';
import { answerFilterKeys, doctorFilterKeys, filterKey } from '../../filter-keys.js';
import type { AnswerSearchDocument, DoctorSearchDocument } from '../../search-documents.js';
import {
  MAX_TOTAL_HITS,
  SearchEngine,
  type AnswerSearchCriteria,
  type DoctorFacet,
  type DoctorSearchCriteria,
  type DocumentChanges,
  type NameSuggestion,
  type SearchPage,
} from '../../search-engine.js';

/** Words shorter than this must match exactly or as a prefix; longer ones may also match a name with a typo. */
const TYPO_MIN_LENGTH = 5;
const MAX_FACET_VALUES = 100;
/** At most this many indexed words stand in for a word with a typo. */
const TYPO_EXPANSIONS = 8;

/** Collects `$n` parameters: values never enter the SQL text. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const prefixQuery = (term: string, weights = ''): string => `${term}:*${weights}`;

/** Each term as a tsquery operand: like Meilisearch, only the last word typed is a prefix ("sam naf"). */
const termQueries = (terms: readonly string[], weights = ''): string[] =>
  terms.map((term, index) => (index === terms.length - 1 ? prefixQuery(term, weights) : `${term}${weights ? `:${weights}` : ''}`));

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** The SQL of each facet over the `matched` rows. */
const FACET_VALUES: Record<DoctorFacet, string> = {
  specialty: 'unnest(m.specialty_names)',
  city: 'unnest(m.city_names)',
  language: 'unnest(m.languages)',
  acceptingNewPatients: 'm.accepting_new_patients::text',
  clinicianType: 'm.clinician_type',
};

/** A search query's FROM and WHERE, shared by its hits, count and facets. */
interface CompiledSearch {
  params: Parameters;
  from: string;
  where: string;
  /** Adds its parameters only when called: a statement must use every parameter it sends. */
  orderBy: () => string;
  /** The matches as whole `search_doctors` rows (for facets), before `WHERE where`. */
  matchedRows: string;
  /**
   * Page doctor ids first (the ordering and filters then need only index columns: an index-only scan), and read the
   * page's documents after. Otherwise `from` yields `document` itself.
   */
  pageFirst: boolean;
  /** Location rows of the matches, when counting them (up to twice the cap) is cheaper than grouping every match. */
  locationRows?: string;
}

function pageBounds(page: number, pageSize: number): { offset: number; limit: number } {
  const offset = (page - 1) * pageSize;
  return { offset, limit: Math.max(0, Math.min(pageSize, MAX_TOTAL_HITS - offset)) };
}

/**
 * The embedded engine: denormalised tables filled by the sync worker, a weighted tsvector (names A, specialties and
 * their synonyms B, cities C, bio D), trigram typo tolerance on names, earthdistance KNN for places, and facet
 * counts by aggregate query. Every value is a parameter.
 */
@Injectable()
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres';

  constructor(private readonly db: Database) {
    super();
  }

  async prepare(): Promise<void> {
    // The tables come with the migrations.
  }

  async isAvailable(): Promise<boolean> {
    return true;
  }

  async beginReindex(): Promise<undefined> {
    // Documents are upserted in place, so a reindex only re-sends every document.
    return undefined;
  }

  async applyDoctors({ upserts, deletedIds }: DocumentChanges<DoctorSearchDocument>): Promise<void> {
    await this.db.transaction(async () => {
      const ids = [...deletedIds, ...upserts.map((d) => d.id)];
      if (deletedIds.length > 0) await this.db.query('DELETE FROM search_doctors WHERE doctor_id = ANY($1::uuid[])', [deletedIds]);
      if (upserts.length === 0) return;
      await this.db.query(
        `INSERT INTO search_doctors (doctor_id, document, tsv, typo_key, sort_name, filter_keys, specialty_names, city_names,
                                     languages, accepting_new_patients, clinician_type, rating_score, rating_mean, rating_count)
         SELECT d.id, d.document,
                setweight(to_tsvector('simple', search_unaccent(d.name_text)), 'A')
                  || setweight(to_tsvector('simple', search_unaccent(d.specialty_text)), 'B')
                  || setweight(to_tsvector('simple', search_unaccent(d.city_text)), 'C')
                  || setweight(to_tsvector('simple', search_unaccent(d.bio_text)), 'D'),
                d.typo_text, d.sort_name, d.filter_keys, d.specialty_names, d.city_names, d.languages,
                d.accepting_new_patients, d.clinician_type, d.rating_score, d.rating_mean, d.rating_count
           FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, document jsonb, name_text text, typo_text text, specialty_text text, city_text text,
                bio_text text, sort_name text, filter_keys text[], specialty_names text[], city_names text[], languages text[],
                accepting_new_patients boolean, clinician_type text, rating_score double precision, rating_mean double precision,
                rating_count integer)
         ON CONFLICT (doctor_id) DO UPDATE SET
           document = excluded.document, tsv = excluded.tsv, typo_key = excluded.typo_key, sort_name = excluded.sort_name,
           filter_keys = excluded.filter_keys, specialty_names = excluded.specialty_names, city_names = excluded.city_names,
           languages = excluded.languages, accepting_new_patients = excluded.accepting_new_patients,
           clinician_type = excluded.clinician_type, rating_score = excluded.rating_score, rating_mean = excluded.rating_mean,
           rating_count = excluded.rating_count`,
        [
          JSON.stringify(
            upserts.map((d) => ({
              id: d.id,
              document: d,
              name_text: d.nameText,
              typo_text: `${d.nameText} ${d.cityText}`,
              specialty_text: d.specialtyText,
              city_text: d.cityText,
              bio_text: d.bioText,
              sort_name: d.sortName,
              filter_keys: doctorFilterKeys(d),
              specialty_names: d.specialtyNames,
              city_names: d.cityNames,
              languages: d.languages,
              accepting_new_patients: d.acceptingNewPatients,
              clinician_type: d.clinicianType,
              rating_score: d.ratingScore,
              rating_mean: d.ratingMean,
              rating_count: d.ratingCount,
            })),
          ),
        ],
      );
      // Words are only added: a word no document has any more expands a typo to nothing.
      await this.db.query(
        `INSERT INTO search_words (word)
         SELECT DISTINCT w FROM unnest($1::text[]) AS t(text), unnest(string_to_array(t.text, ' ')) AS w WHERE w ~ '^[a-z0-9]+$'
         ON CONFLICT DO NOTHING`,
        [upserts.map((d) => `${d.nameText} ${d.cityText}`)],
      );
      await this.db.query('DELETE FROM search_doctor_locations WHERE doctor_id = ANY($1::uuid[])', [ids]);
      await this.db.query(
        `INSERT INTO search_doctor_locations (doctor_id, position, city, city_key, earth, filter_keys, rating_score, rating_mean, sort_name)
         SELECT l.doctor_id, l.position, l.city, l.city_key, CASE WHEN l.lat IS NULL THEN NULL ELSE ll_to_earth(l.lat, l.lng) END,
                d.filter_keys, d.rating_score, d.rating_mean, d.sort_name
           FROM jsonb_to_recordset($1::jsonb) AS l(doctor_id uuid, position smallint, city text, city_key text,
                lat double precision, lng double precision)
           JOIN search_doctors d ON d.doctor_id = l.doctor_id`,
        [
          JSON.stringify(
            upserts.flatMap((d) =>
              d.locations.map((location, position) => ({
                doctor_id: d.id,
                position,
                city: location.city,
                city_key: location.city === null ? null : d.cityKeys[d.cityNames.indexOf(location.city)],
                lat: location.coordinates?.lat ?? null,
                lng: location.coordinates?.lng ?? null,
              })),
            ),
          ),
        ],
      );
    });
  }

  async applyAnswers({ upserts, deletedIds }: DocumentChanges<AnswerSearchDocument>): Promise<void> {
    await this.db.transaction(async () => {
      if (deletedIds.length > 0) await this.db.query('DELETE FROM search_answers WHERE answer_id = ANY($1::uuid[])', [deletedIds]);
      if (upserts.length === 0) return;
      await this.db.query(
        `INSERT INTO search_answers (answer_id, document, tsv, filter_keys, created_at)
         SELECT a.id, a.document,
                setweight(to_tsvector('simple', search_unaccent(a.title_text)), 'A')
                  || setweight(to_tsvector('simple', search_unaccent(a.body_text)), 'B'),
                a.filter_keys, a.created_at
           FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, document jsonb, title_text text, body_text text, filter_keys text[],
                created_at timestamptz)
         ON CONFLICT (answer_id) DO UPDATE SET
           document = excluded.document, tsv = excluded.tsv, filter_keys = excluded.filter_keys, created_at = excluded.created_at`,
        [
          JSON.stringify(
            upserts.map((a) => ({
              id: a.id,
              document: a,
              title_text: a.titleText,
              body_text: a.bodyText,
              filter_keys: answerFilterKeys(a),
              created_at: a.createdAt,
            })),
          ),
        ],
      );
    });
  }

  async searchDoctors(criteria: DoctorSearchCriteria): Promise<SearchPage<DoctorSearchDocument>> {
    const compile = (): CompiledSearch => this.compileDoctorSearch(criteria);
    const [hits, estimatedTotal, facets] = await Promise.all([
      this.hits<DoctorSearchDocument>(compile(), criteria),
      this.countCapped(compile()),
      this.facetCounts(compile(), criteria.facets),
    ]);
    return { hits, facets, estimatedTotal };
  }

  async searchAnswers(criteria: AnswerSearchCriteria): Promise<SearchPage<AnswerSearchDocument>> {
    const compile = (): CompiledSearch => {
      const params = new Parameters();
      const conditions = ['true'];
      const required = [
        ...(criteria.specialtyCode ? [filterKey.specialty(criteria.specialtyCode)] : []),
        ...(criteria.doctorId ? [filterKey.doctor(criteria.doctorId)] : []),
      ];
      if (required.length > 0) conditions.push(`d.filter_keys @> ${params.add(required)}::text[]`);
      if (criteria.specialtyCodes.length > 0) {
        conditions.push(`d.filter_keys && ${params.add(criteria.specialtyCodes.map(filterKey.specialty))}::text[]`);
      }
      for (const query of termQueries(criteria.terms)) conditions.push(`d.tsv @@ to_tsquery('simple', ${params.add(query)})`);
      const rank = (): string =>
        criteria.terms.length > 0
          ? `ts_rank(d.tsv, to_tsquery('simple', ${params.add(termQueries(criteria.terms).join(' | '))})) DESC, `
          : '';
      const from = 'search_answers d';
      const orderBy = (): string => `${rank()}d.created_at DESC, d.answer_id`;
      return { params, from, where: conditions.join(' AND '), orderBy, matchedRows: `SELECT d.* FROM ${from}`, pageFirst: false };
    };
    const [hits, estimatedTotal] = await Promise.all([this.hits<AnswerSearchDocument>(compile(), criteria), this.countCapped(compile())]);
    return { hits, facets: {}, estimatedTotal };
  }

  async suggestDoctors(terms: string[], limit: number): Promise<NameSuggestion[]> {
    if (terms.length === 0) return [];
    const rows = await this.db.query<{ id: string; slug: string; label: string }>(
      `SELECT doctor_id AS id, document->>'slug' AS slug, document->>'displayName' AS label
         FROM search_doctors WHERE tsv @@ to_tsquery('simple', $1)
        ORDER BY rating_score DESC, sort_name, doctor_id LIMIT $2`,
      [termQueries(terms, 'A').join(' & '), limit],
    );
    return rows;
  }

  async suggestCities(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ city: string }>(
      `SELECT min(city) AS city FROM search_doctor_locations WHERE city_key LIKE $1
        GROUP BY city_key ORDER BY count(DISTINCT doctor_id) DESC, city_key LIMIT $2`,
      [`${escapeLike(prefix)}%`, limit],
    );
    return rows.map((row) => row.city);
  }

  private compileDoctorSearch(criteria: DoctorSearchCriteria): CompiledSearch {
    const params = new Parameters();
    const filtersOn = (alias: string): string[] => {
      const conditions: string[] = [];
      const required: string[] = [];
      if (criteria.specialtyCode) required.push(filterKey.specialty(criteria.specialtyCode));
      if (criteria.region) required.push(filterKey.region(criteria.region));
      if (criteria.country) required.push(filterKey.country(criteria.country));
      if (criteria.language) required.push(filterKey.language(criteria.language));
      if (criteria.clinicianType) required.push(filterKey.clinicianType(criteria.clinicianType));
      if (criteria.acceptingNewPatients !== undefined) required.push(filterKey.acceptingNewPatients(criteria.acceptingNewPatients));
      if (criteria.telehealth !== undefined) required.push(filterKey.telehealth(criteria.telehealth));
      if (required.length > 0) conditions.push(`${alias}.filter_keys @> ${params.add(required)}::text[]`);
      for (const anyOf of [criteria.cityKeys?.map(filterKey.city), criteria.specialtyCodes.map(filterKey.specialty)]) {
        if (anyOf && anyOf.length > 0) conditions.push(`${alias}.filter_keys && ${params.add(anyOf)}::text[]`);
      }
      if (criteria.minRating !== undefined) conditions.push(`${alias}.rating_mean >= ${params.add(criteria.minRating)}`);
      return conditions;
    };
    const byScore = 'd.rating_score DESC, d.sort_name, d.doctor_id';
    const point = criteria.point && `ll_to_earth(${params.add(criteria.point.lat)}, ${params.add(criteria.point.lng)})`;
    const inCircle = (meters: string): string =>
      `earth_box(${point}, ${meters}) @> l.earth AND earth_distance(l.earth, ${point}) <= ${meters}`;

    if (point && criteria.radiusKm !== undefined && criteria.terms.length === 0) {
      // Location rows carry their doctor's filter keys and sort fields (like Meilisearch's per-location documents):
      // the circle, the filters and the order are answered from the GiST index and those rows alone, and only the
      // page's doctors are read.
      const meters = params.add(criteria.radiusKm * 1000);
      const locationRows = `FROM search_doctor_locations l WHERE ${[inCircle(meters), ...filtersOn('l')].join(' AND ')}`;
      const from = `(SELECT l.doctor_id, max(l.rating_score) AS rating_score, min(l.sort_name) AS sort_name,
                            min(earth_distance(l.earth, ${point})) AS distance
                       ${locationRows} GROUP BY l.doctor_id) d`;
      const orderBy = (): string => (criteria.sort === 'name' ? 'd.sort_name, d.doctor_id' : criteria.sort === 'distance' ? `d.distance, ${byScore}` : byScore);
      const matchedRows = `SELECT s.* FROM ${from} JOIN search_doctors s ON s.doctor_id = d.doctor_id`;
      return { params, from, where: 'true', orderBy, matchedRows, pageFirst: true, locationRows };
    }

    const conditions = ['true', ...filtersOn('d')];
    const queries = termQueries(criteria.terms);
    criteria.terms.forEach((term, index) => {
      const text = `d.tsv @@ to_tsquery('simple', ${params.add(queries[index])})`;
      // A longer word may carry a typo: it also matches the indexed words most like it ("naficey" → naficy), found
      // in the vocabulary by its trigram index, then looked up in the documents' own index like any word.
      if (term.length < TYPO_MIN_LENGTH) return void conditions.push(text);
      const word = params.add(term);
      conditions.push(`(${text} OR d.tsv @@ (SELECT to_tsquery('simple', string_agg(w.word, ' | ')) FROM (SELECT word FROM search_words
                        WHERE word % ${word} ORDER BY similarity(word, ${word}) DESC LIMIT ${TYPO_EXPANSIONS}) w))`);
    });
    let from = 'search_doctors d';
    if (point && criteria.radiusKm !== undefined) {
      const meters = params.add(criteria.radiusKm * 1000);
      from += ` JOIN (SELECT l.doctor_id, min(earth_distance(l.earth, ${point})) AS distance FROM search_doctor_locations l
                       WHERE ${inCircle(meters)} GROUP BY l.doctor_id) g ON g.doctor_id = d.doctor_id`;
    } else if (point && criteria.sort === 'distance') {
      from += ` LEFT JOIN LATERAL (SELECT min(l.earth <-> ${point}) AS distance FROM search_doctor_locations l
                                   WHERE l.doctor_id = d.doctor_id) g ON true`;
    }
    const orderBy = (): string => {
      switch (criteria.sort) {
        case 'relevance':
          return criteria.terms.length > 0
            ? `ts_rank('{0.1, 0.2, 0.4, 1.0}', d.tsv, to_tsquery('simple', ${params.add(queries.join(' | '))}))
                 + word_similarity(${params.add(criteria.terms.join(' '))}::text, d.typo_key) DESC, ${byScore}`
            : byScore;
        case 'score':
          return byScore;
        case 'distance':
          return point ? `g.distance ASC NULLS LAST, ${byScore}` : byScore;
        case 'name':
          return 'd.sort_name, d.doctor_id';
      }
    };
    const pageFirst = criteria.terms.length === 0;
    return { params, from, where: conditions.join(' AND '), orderBy, matchedRows: `SELECT d.* FROM ${from}`, pageFirst };
  }

  /** One page of documents; none past MAX_TOTAL_HITS. */
  private async hits<T>(search: CompiledSearch, { page, pageSize }: { page: number; pageSize: number }): Promise<T[]> {
    const { offset, limit } = pageBounds(page, pageSize);
    if (limit === 0) return [];
    const paged = `FROM ${search.from} WHERE ${search.where} ORDER BY ${search.orderBy()}
                  LIMIT ${search.params.add(limit)} OFFSET ${search.params.add(offset)}`;
    if (!search.pageFirst) {
      const rows = await this.db.query<{ document: T }>(`SELECT d.document ${paged}`, search.params.values);
      return rows.map((row) => row.document);
    }
    const ids = (await this.db.query<{ id: string }>(`SELECT d.doctor_id AS id ${paged}`, search.params.values)).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string; document: T }>(
      'SELECT doctor_id AS id, document FROM search_doctors WHERE doctor_id = ANY($1::uuid[])',
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row.document]));
    // A document the sync worker removed between the two reads is left out.
    return ids.flatMap((id) => {
      const document = byId.get(id);
      return document === undefined ? [] : [document];
    });
  }

  private async countCapped(search: CompiledSearch): Promise<number> {
    // Doctors among the first 2 × cap location rows: exact below the cap, and the cap itself unless the doctors there
    // average more than two practices inside the circle.
    const sql = search.locationRows
      ? `SELECT least(count(DISTINCT doctor_id), ${search.params.add(MAX_TOTAL_HITS)})::int AS count
           FROM (SELECT l.doctor_id ${search.locationRows} LIMIT ${search.params.add(2 * MAX_TOTAL_HITS)}) capped`
      : `SELECT count(*)::int AS count FROM (SELECT 1 FROM ${search.from} WHERE ${search.where} LIMIT ${search.params.add(MAX_TOTAL_HITS)}) capped`;
    const [row] = await this.db.query<{ count: number }>(sql, search.params.values);
    return row?.count ?? 0;
  }

  private async facetCounts(search: CompiledSearch, facets: readonly DoctorFacet[]): Promise<SearchPage<unknown>['facets']> {
    const result: SearchPage<unknown>['facets'] = {};
    if (facets.length === 0) return result;
    const perFacet = facets.map(
      (facet) =>
        `(SELECT ${search.params.add(facet)}::text AS facet, value, count(*)::int AS count
            FROM (SELECT ${FACET_VALUES[facet]} AS value FROM matched m) v WHERE value IS NOT NULL
           GROUP BY value ORDER BY count(*) DESC, value LIMIT ${MAX_FACET_VALUES})`,
    );
    const rows = await this.db.query<{ facet: DoctorFacet; value: string; count: number }>(
      `WITH matched AS MATERIALIZED (${search.matchedRows} WHERE ${search.where}) ${perFacet.join(' UNION ALL ')}`,
      search.params.values,
    );
    for (const facet of facets) result[facet] = {};
    for (const row of rows) (result[row.facet] ??= {})[row.value] = row.count;
    return result;
  }
}

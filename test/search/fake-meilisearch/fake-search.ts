/**
 * Search and document browsing over a {@link FakeIndex}. Filtering, sorting, facets, pagination and the response
 * shape follow Meilisearch; relevance does not: `q` selects documents whose searchable words contain the query terms
 * (the last one as a prefix; no typos, synonyms or stop words; `matchingStrategy: last` drops terms from the end),
 * more matched terms first, then by `sort`, then in insertion order.
 */
import type { FakeIndex } from './fake-index.js';
import {
  attributeMatches,
  checkFilter,
  compareCodePoints,
  facetValuesAt,
  FilterEvaluationError,
  filterableRules,
  geoPointOf,
  haversineMeters,
  matchesFilter,
  normalizeFacetValue,
  parseFiniteFloat,
  rawValuesAt,
  type Document,
  type FilterableRule,
} from './filter-evaluator.js';
import { FilterSyntaxError, parseFilterParameter, type FilterNode } from './filter-grammar.js';
import { invalidRequest, unsupported } from './meili-errors.js';

/** Search parameters the fake emulates; any other one set to something other than null/false is refused loudly. */
const SUPPORTED_SEARCH_PARAMETERS = new Set([
  'q', 'offset', 'limit', 'page', 'hitsPerPage', 'filter', 'sort', 'facets', 'attributesToRetrieve', 'attributesToSearchOn',
  'attributesToHighlight', 'highlightPreTag', 'highlightPostTag', 'matchingStrategy', 'indexUid',
]);

type Scalar = string | number | boolean;

interface SortRule {
  readonly direction: 1 | -1;
  readonly attribute?: string;
  readonly geoPoint?: readonly [number, number];
}

const FLOAT = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const GEO_POINT_SORT = new RegExp(String.raw`^_geoPoint\(\s*(${FLOAT})\s*,\s*(${FLOAT})\s*\):(asc|desc)$`);

/** Parses a `filter` parameter and checks it against the index, as Meilisearch does before running a query. */
export function compileFilter(index: FakeIndex, filter: unknown, code: 'invalid_search_filter' | 'invalid_document_filter'): FilterNode | null {
  try {
    const node = parseFilterParameter(filter);
    if (node) checkFilter(node, rulesOf(index));
    return node;
  } catch (error) {
    if (error instanceof FilterSyntaxError || error instanceof FilterEvaluationError) throw invalidRequest(code, error.message, 'filter');
    throw error;
  }
}

const rulesOf = (index: FakeIndex): FilterableRule[] => filterableRules((index.settings.filterableAttributes as unknown[] | null) ?? []);
const listSetting = (index: FakeIndex, key: string): string[] => (index.settings[key] as string[] | null) ?? [];
const quoteList = (names: readonly string[]): string => names.map((name) => `\`${name}\``).join(', ');

/** Documents matching a filter, in index order. */
export function documentsMatching(index: FakeIndex, filter: FilterNode | null): [string, Document][] {
  return [...index.documents].filter(([, document]) => filter === null || matchesFilter(filter, document));
}

function parseSort(index: FakeIndex, sort: readonly string[], code: 'invalid_search_sort' | 'invalid_document_sort'): SortRule[] {
  const sortable = listSetting(index, 'sortableAttributes');
  const describeSortable = () =>
    sortable.length === 0 ? 'This index does not have configured sortable attributes.' : `Available sortable attributes are: ${quoteList(sortable)}.`;
  return sort.map((rule) => {
    const geo = GEO_POINT_SORT.exec(rule);
    if (geo) {
      if (!sortable.includes('_geo')) throw invalidRequest(code, `Attribute \`_geo\` is not sortable. ${describeSortable()}`, 'semantic');
      return { direction: geo[3] === 'asc' ? 1 : -1, geoPoint: [Number(geo[1]), Number(geo[2])] };
    }
    const match = /^(.+):(asc|desc)$/.exec(rule);
    if (!match || match[1].startsWith('_geo')) {
      throw invalidRequest(code, `Invalid syntax for the sort parameter: expected expression ending by \`:asc\` or \`:desc\`, found \`${rule}\`.`, 'semantic');
    }
    const attribute = match[1];
    if (!sortable.some((name) => attribute === name || attribute.startsWith(`${name}.`))) {
      throw invalidRequest(code, `Attribute \`${attribute}\` is not sortable. ${describeSortable()}`, 'semantic');
    }
    return { direction: match[2] === 'asc' ? 1 : -1, attribute };
  });
}

/** Numbers before strings, whatever the direction; documents without a value last. Multi-valued: min asc, max desc. */
function sortKey(document: Document, rule: SortRule): Scalar | undefined {
  if (rule.geoPoint) {
    const point = geoPointOf(document);
    return point && haversineMeters(rule.geoPoint, point);
  }
  const values = facetValuesAt(document, rule.attribute!).map((value) => (typeof value === 'boolean' ? String(value) : value));
  if (values.length === 0) return undefined;
  return values.reduce((best, value) => (rule.direction * compareScalars(value, best) < 0 ? value : best));
}

function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareCodePoints(normalizeFacetValue(String(a)), normalizeFacetValue(String(b)));
}

function compareBySort(a: Document, b: Document, rules: readonly SortRule[]): number {
  for (const rule of rules) {
    const left = sortKey(a, rule);
    const right = sortKey(b, rule);
    if (left === undefined || right === undefined) {
      if (left !== right) return left === undefined ? 1 : -1;
      continue;
    }
    const typeOrder = Number(typeof left !== 'number') - Number(typeof right !== 'number');
    const order = typeOrder !== 0 ? typeOrder : rule.direction * compareScalars(left, right);
    if (order !== 0) return order;
  }
  return 0;
}

/** Words as Meilisearch roughly tokenizes them: letters and digits, lowercased, accents removed. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function searchableText(document: Document, attributes: readonly string[] | undefined): string[] {
  const collect = (value: unknown): string[] =>
    Array.isArray(value) ? value.flatMap(collect)
    : typeof value === 'object' && value !== null ? Object.values(value).flatMap(collect)
    : typeof value === 'string' || typeof value === 'number' ? words(String(value))
    : [];
  if (attributes === undefined) return collect(document);
  return attributes.flatMap((attribute) => rawValuesAt(document, attribute).flatMap(collect));
}

/** How many leading query terms the document contains (`matchingStrategy: last` drops terms from the end). */
function matchedTerms(documentWords: readonly string[], terms: readonly string[], strategy: string): number {
  // Only the query's last term is matched as a prefix, even once later terms are dropped.
  const has = (term: string, index: number) => documentWords.some((word) => (index === terms.length - 1 ? word.startsWith(term) : word === term));
  if (strategy === 'all') return terms.every(has) ? terms.length : 0;
  for (let kept = terms.length; kept > 0; kept--) {
    if (terms.slice(0, kept).every(has)) return kept;
  }
  return 0;
}

function searchableAttributes(index: FakeIndex, requested: unknown): string[] | undefined {
  const configured = listSetting(index, 'searchableAttributes');
  const all = configured.includes('*');
  if (!Array.isArray(requested)) return all ? undefined : configured;
  for (const attribute of requested as string[]) {
    if (!all && !configured.some((name) => attributeMatches(name, attribute))) {
      throw invalidRequest(
        'invalid_search_attributes_to_search_on',
        `Attribute \`${attribute}\` is not searchable. Available searchable attributes are: ${quoteList(configured)}.`,
        'semantic',
      );
    }
  }
  return requested as string[];
}

/** Every field path present in the documents (`address`, `address.city`, …). */
function fieldPaths(documents: Iterable<Document>): Set<string> {
  const paths = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) {
      for (const element of value) walk(element, prefix);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const path = prefix === '' ? key : `${prefix}.${key}`;
        paths.add(path);
        walk(child, path);
      }
    }
  };
  for (const document of documents) walk(document, '');
  return paths;
}

function facetDistribution(index: FakeIndex, documents: readonly Document[], facets: readonly string[]) {
  const rules = rulesOf(index);
  const filterable = (attribute: string) => rules.some((rule) => rule.patterns.some((pattern) => attributeMatches(pattern, attribute)));
  const present = fieldPaths(documents);
  const attributes = new Set<string>();
  for (const facet of facets) {
    if (facet.includes('*')) {
      for (const path of present) if (attributeMatches(facet, path) && filterable(path) && path !== '_geo' && !path.startsWith('_geo.')) attributes.add(path);
    } else if (filterable(facet)) {
      attributes.add(facet);
    } else {
      const patterns = [...new Set(rules.flatMap((rule) => rule.patterns))].sort();
      const available = patterns.length === 0 ? 'This index does not have configured filterable attributes.' : `Available filterable attributes patterns are: ${quoteList(patterns)}.`;
      throw invalidRequest('invalid_search_facets', `Invalid facet distribution, attribute \`${facet}\` is not filterable. ${available}`, 'semantic');
    }
  }
  const faceting = (index.settings.faceting ?? {}) as { maxValuesPerFacet?: number; sortFacetValuesBy?: Record<string, string> };
  const distribution: Record<string, Record<string, number>> = {};
  const stats: Record<string, { min: number; max: number }> = {};
  for (const attribute of attributes) {
    const counts = new Map<string, { label: string; value: Scalar; count: number }>();
    for (const document of documents) {
      const seen = new Set<string>();
      for (const value of facetValuesAt(document, attribute)) {
        const key = typeof value === 'number' ? `n:${value}` : `s:${normalizeFacetValue(String(value))}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = counts.get(key) ?? { label: String(value), value, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    const byCount = (faceting.sortFacetValuesBy?.[attribute] ?? faceting.sortFacetValuesBy?.['*']) === 'count';
    const entries = [...counts.values()].sort((a, b) => (byCount && b.count - a.count) || compareScalars(a.value, b.value));
    distribution[attribute] = Object.fromEntries(entries.slice(0, faceting.maxValuesPerFacet ?? 100).map((entry) => [entry.label, entry.count]));
    const numbers = entries.map((entry) => entry.value).filter((value): value is number => typeof value === 'number');
    if (numbers.length > 0) stats[attribute] = { min: Math.min(...numbers), max: Math.max(...numbers) };
  }
  return { facetDistribution: distribution, facetStats: stats };
}

function pick(document: Document, attributes: readonly string[]): Record<string, unknown> {
  if (attributes.includes('*')) return structuredClone(document);
  return Object.fromEntries(Object.entries(structuredClone(document)).filter(([key]) => attributes.includes(key)));
}

function highlight(hit: Record<string, unknown>, attributes: readonly string[], terms: readonly string[], pre: string, post: string) {
  const formatted = structuredClone(hit);
  const mark = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(/[\p{L}\p{N}]+/gu, (word) => {
        const normalized = words(word)[0] ?? '';
        return terms.some((term) => normalized.startsWith(term)) ? `${pre}${word}${post}` : word;
      });
    }
    if (Array.isArray(value)) return value.map(mark);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v)]));
    return value;
  };
  for (const key of Object.keys(formatted)) {
    if (attributes.includes('*') || attributes.includes(key)) formatted[key] = mark(formatted[key]);
  }
  return formatted;
}

const geoRadiusCenter = (node: FilterNode | null): readonly [number, number] | undefined => {
  if (node === null) return undefined;
  switch (node.kind) {
    case 'geoRadius':
      return [parseFiniteFloat(node.lat)!, parseFiniteFloat(node.lng)!];
    case 'and':
    case 'or':
      return node.children.map(geoRadiusCenter).find((center) => center !== undefined);
    case 'not':
    case 'compare':
    case 'between':
    case 'in':
    case 'exists':
    case 'isNull':
    case 'isEmpty':
    case 'geoBoundingBox':
      return undefined;
  }
};

/** `POST /indexes/{uid}/search` (and each query of a multi-search). */
export function search(index: FakeIndex, request: Readonly<Record<string, unknown>>, startedAt: number): Record<string, unknown> {
  for (const [key, value] of Object.entries(request)) {
    if (!SUPPORTED_SEARCH_PARAMETERS.has(key) && value !== undefined && value !== null && value !== false) throw unsupported(`the search parameter \`${key}\``);
  }
  const filter = compileFilter(index, request.filter, 'invalid_search_filter');
  const sort = Array.isArray(request.sort) ? (request.sort as string[]) : [];
  if (sort.length > 0 && !listSetting(index, 'rankingRules').includes('sort')) {
    throw invalidRequest('invalid_search_sort', 'You must specify where `sort` is listed in the rankingRules setting to use the sort parameter at search time.', 'semantic');
  }
  const rules = parseSort(index, sort, 'invalid_search_sort');
  const searchOn = searchableAttributes(index, request.attributesToSearchOn);
  const terms = words(typeof request.q === 'string' ? request.q : '');
  const strategy = typeof request.matchingStrategy === 'string' ? request.matchingStrategy : 'last';

  const candidates = documentsMatching(index, filter)
    .map(([, document], position) => ({ document, position, score: terms.length === 0 ? 0 : matchedTerms(searchableText(document, searchOn), terms, strategy) }))
    .filter((candidate) => terms.length === 0 || candidate.score > 0);
  candidates.sort((a, b) => b.score - a.score || compareBySort(a.document, b.document, rules) || a.position - b.position);

  const maxTotalHits = ((index.settings.pagination ?? {}) as { maxTotalHits?: number }).maxTotalHits ?? 1000;
  const reachable = candidates.slice(0, maxTotalHits);
  const pageMode = (request.page ?? null) !== null || (request.hitsPerPage ?? null) !== null;
  const hitsPerPage = (request.hitsPerPage as number | null | undefined) ?? 20;
  const page = (request.page as number | null | undefined) ?? 1;
  const offset = pageMode ? Math.max(page - 1, 0) * hitsPerPage : ((request.offset as number | undefined) ?? 0);
  const limit = pageMode ? (page === 0 ? 0 : hitsPerPage) : ((request.limit as number | undefined) ?? 20);

  const displayed = listSetting(index, 'displayedAttributes');
  const retrieve = Array.isArray(request.attributesToRetrieve) ? (request.attributesToRetrieve as string[]) : ['*'];
  const geoOrigin = rules.find((rule) => rule.geoPoint)?.geoPoint ?? geoRadiusCenter(filter);
  const highlighted = Array.isArray(request.attributesToHighlight) ? (request.attributesToHighlight as string[]) : undefined;
  const hits = reachable.slice(offset, offset + limit).map(({ document }) => {
    const hit = pick(pick(document, displayed), retrieve);
    const point = geoPointOf(document);
    if (geoOrigin && point) hit._geoDistance = Math.round(haversineMeters(geoOrigin, point));
    if (highlighted) {
      const pre = typeof request.highlightPreTag === 'string' ? request.highlightPreTag : '<em>';
      const post = typeof request.highlightPostTag === 'string' ? request.highlightPostTag : '</em>';
      hit._formatted = highlight(pick(pick(document, displayed), retrieve), highlighted, terms, pre, post);
    }
    return hit;
  });

  const response: Record<string, unknown> = { hits, query: typeof request.q === 'string' ? request.q : '', processingTimeMs: Date.now() - startedAt };
  if (pageMode) {
    Object.assign(response, { hitsPerPage, page, totalPages: hitsPerPage === 0 ? 0 : Math.ceil(reachable.length / hitsPerPage), totalHits: reachable.length });
  } else {
    Object.assign(response, { limit, offset, estimatedTotalHits: reachable.length });
  }
  if (Array.isArray(request.facets)) {
    Object.assign(response, facetDistribution(index, candidates.map((candidate) => candidate.document), request.facets as string[]));
  }
  return response;
}

/** `GET /indexes/{uid}/documents` and `POST /indexes/{uid}/documents/fetch`. */
export function browse(index: FakeIndex, request: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (request.retrieveVectors === true) throw unsupported('`retrieveVectors`');
  const filter = compileFilter(index, request.filter, 'invalid_document_filter');
  const sort = typeof request.sort === 'string' ? request.sort.split(',') : Array.isArray(request.sort) ? (request.sort as string[]) : [];
  const rules = parseSort(index, sort, 'invalid_document_sort');
  const ids = Array.isArray(request.ids) ? new Set((request.ids as unknown[]).map(String)) : undefined;
  const matching = documentsMatching(index, filter)
    .filter(([key]) => ids === undefined || ids.has(key))
    .map(([, document]) => document);
  if (rules.length > 0) matching.sort((a, b) => compareBySort(a, b, rules));
  const offset = (request.offset as number | undefined) ?? 0;
  const limit = (request.limit as number | undefined) ?? 20;
  const fields = Array.isArray(request.fields) ? (request.fields as string[]) : ['*'];
  return { results: matching.slice(offset, offset + limit).map((document) => pick(document, fields)), offset, limit, total: matching.length };
}

/** Picks the requested top-level fields of one document (`GET /indexes/{uid}/documents/{id}`). */
export function pickFields(document: Document, fields: unknown): Record<string, unknown> {
  return pick(document, Array.isArray(fields) ? (fields as string[]) : ['*']);
}

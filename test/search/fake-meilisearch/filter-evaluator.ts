/**
 * Evaluates a parsed filter against documents the way Meilisearch's facet filters do, so tests can check a filter
 * by what it matches rather than by its spelling:
 * - strings compare after normalisation (trim, NFKD, lowercase): `city = PARIS` matches "Paris";
 * - a value that parses as a finite float also matches numbers; `>`, `TO`, … also compare strings lexicographically;
 * - arrays match when any element does; nested objects are reached with dotted paths (`address.city`);
 * - `!=` and `NOT` select every other document, including those without the attribute;
 * - `_geoRadius` uses the haversine distance to the document's `_geo` point.
 */
import type { ComparisonOperator, FilterNode } from './filter-grammar.js';

export type Document = Readonly<Record<string, unknown>>;

/** The filter is well-formed but this index cannot evaluate it (Meilisearch answers `invalid_search_filter`). */
export class FilterEvaluationError extends Error {
  override readonly name = 'FilterEvaluationError';
}

/** One entry of `filterableAttributes` with the features it grants. */
export interface FilterableRule {
  readonly patterns: readonly string[];
  readonly equality: boolean;
  readonly comparison: boolean;
}

const EARTH_RADIUS_METERS = 6_371_000;

/** Meilisearch's facet normalisation (`normalize_facet`): trimmed, compatibility-decomposed, lowercased. */
export function normalizeFacetValue(value: string): string {
  return value.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '').normalize('NFKD').toLowerCase();
}

/** Rust's `str::parse::<f64>` restricted to finite results (Meilisearch's `parse_finite_float`). */
export function parseFiniteFloat(text: string): number | undefined {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** `filterableAttributes` entries: plain names grant every operator; objects grant equality unless told otherwise. */
export function filterableRules(setting: readonly unknown[]): FilterableRule[] {
  return setting.map((entry) => {
    if (typeof entry === 'string') return { patterns: [entry], equality: true, comparison: true };
    const { attributePatterns, features } = entry as { attributePatterns: string[]; features?: { filter?: { equality?: boolean; comparison?: boolean } } };
    return { patterns: attributePatterns, equality: features?.filter?.equality ?? true, comparison: features?.filter?.comparison ?? false };
  });
}

/** Meilisearch attribute patterns: `*`, `prefix*`, `*suffix`, `*infix*`, or a name that also covers its sub-fields. */
export function attributeMatches(pattern: string, attribute: string): boolean {
  if (pattern === '*') return true;
  if (pattern.length > 1 && pattern.startsWith('*') && pattern.endsWith('*')) return attribute.includes(pattern.slice(1, -1));
  if (pattern.startsWith('*')) return attribute.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return attribute.startsWith(pattern.slice(0, -1));
  return attribute === pattern || attribute.startsWith(`${pattern}.`);
}

function ruleFor(attribute: string, rules: readonly FilterableRule[]): FilterableRule | undefined {
  return rules.find((rule) => rule.patterns.some((pattern) => attributeMatches(pattern, attribute)));
}

function notFilterable(attribute: string, rules: readonly FilterableRule[]): FilterEvaluationError {
  const patterns = [...new Set(rules.flatMap((rule) => rule.patterns))].sort();
  const available =
    patterns.length === 0
      ? 'This index does not have configured filterable attributes.'
      : `Available filterable attribute patterns are: ${patterns.map((p) => `\`${p}\``).join(', ')}.`;
  return new FilterEvaluationError(`Attribute \`${attribute}\` is not filterable. ${available}`);
}

function coordinate(text: string, min: number, max: number, name: 'latitude' | 'longitude'): number {
  const value = parseFiniteFloat(text);
  if (value === undefined) throw new FilterEvaluationError(`Could not parse \`${text}\` as a ${name}.`);
  if (value < min || value > max) {
    const label = name === 'latitude' ? 'Latitude' : 'Longitude';
    throw new FilterEvaluationError(`Bad ${name} \`${value}\`. ${label} must be contained between ${min} and ${max} degrees. `);
  }
  return value;
}

/**
 * Rejects what Meilisearch rejects when it evaluates a filter: attributes that are not filterable, operators a
 * rule does not grant, geo filters without a filterable `_geo`, coordinates out of range.
 */
export function checkFilter(node: FilterNode, rules: readonly FilterableRule[]): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) checkFilter(child, rules);
      return;
    case 'not':
      checkFilter(node.child, rules);
      return;
    case 'geoRadius':
      if (!ruleFor('_geo', rules)) throw notFilterable('_geo', rules);
      coordinate(node.lat, -90, 90, 'latitude');
      coordinate(node.lng, -180, 180, 'longitude');
      if (parseFiniteFloat(node.radius) === undefined) throw new FilterEvaluationError(`Could not parse \`${node.radius}\` as a distance.`);
      return;
    case 'geoBoundingBox': {
      if (!ruleFor('_geo', rules)) throw notFilterable('_geo', rules);
      const top = coordinate(node.topRight[0], -90, 90, 'latitude');
      coordinate(node.topRight[1], -180, 180, 'longitude');
      const bottom = coordinate(node.bottomLeft[0], -90, 90, 'latitude');
      coordinate(node.bottomLeft[1], -180, 180, 'longitude');
      if (top < bottom) throw new FilterEvaluationError(`The top latitude \`${top}\` is below the bottom latitude \`${bottom}\`.`);
      return;
    }
    case 'compare':
    case 'between':
    case 'in':
    case 'exists':
    case 'isNull':
    case 'isEmpty': {
      const rule = ruleFor(node.attribute, rules);
      if (!rule || !(rule.equality || rule.comparison)) throw notFilterable(node.attribute, rules);
      const operator = operatorName(node);
      const needsComparison = node.kind === 'between' || (node.kind === 'compare' && !['=', '!='].includes(node.operator));
      const needsEquality = node.kind === 'in' || (node.kind === 'compare' && ['=', '!='].includes(node.operator));
      if ((needsComparison && !rule.comparison) || (needsEquality && !rule.equality)) {
        throw new FilterEvaluationError(`Filter operator \`${operator}\` is not allowed for the attribute \`${node.attribute}\`.`);
      }
      return;
    }
  }
}

function operatorName(node: Extract<FilterNode, { attribute: string }>): string {
  switch (node.kind) {
    case 'compare':
      return node.operator;
    case 'between':
      return 'TO';
    case 'in':
      return 'IN';
    case 'exists':
      return 'EXISTS';
    case 'isNull':
      return 'IS NULL';
    case 'isEmpty':
      return 'IS EMPTY';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The raw values at a dotted path; arrays of objects on the way are crossed, keys may themselves contain dots. */
export function rawValuesAt(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((element) => (isRecord(element) || Array.isArray(element) ? rawValuesAt(element, path) : []));
  if (!isRecord(value)) return [];
  const found: unknown[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key === path) found.push(child);
    else if (path.startsWith(`${key}.`)) found.push(...rawValuesAt(child, path.slice(key.length + 1)));
  }
  return found;
}

/** The facet values at a path: strings, numbers and booleans, arrays flattened. */
export function facetValuesAt(document: Document, path: string): (string | number | boolean)[] {
  const flatten = (value: unknown): (string | number | boolean)[] =>
    Array.isArray(value) ? value.flatMap(flatten) : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [value] : [];
  return rawValuesAt(document, path).flatMap(flatten);
}

/** The document's `_geo` point, if it has a valid one. */
export function geoPointOf(document: Document): readonly [number, number] | undefined {
  const geo = document._geo;
  if (!isRecord(geo)) return undefined;
  const lat = typeof geo.lat === 'number' ? geo.lat : typeof geo.lat === 'string' ? parseFiniteFloat(geo.lat) : undefined;
  const lng = typeof geo.lng === 'number' ? geo.lng : typeof geo.lng === 'string' ? parseFiniteFloat(geo.lng) : undefined;
  return lat === undefined || lng === undefined ? undefined : [lat, lng];
}

export function haversineMeters([lat1, lng1]: readonly [number, number], [lat2, lng2]: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Code point order, which is the byte order Meilisearch's UTF-8 keys sort in. */
export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i].codePointAt(0)! - right[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function equals(values: readonly (string | number | boolean)[], filterValue: string): boolean {
  const text = normalizeFacetValue(filterValue);
  const number = parseFiniteFloat(filterValue);
  return values.some((value) => (typeof value === 'number' ? value === number : normalizeFacetValue(String(value)) === text));
}

interface Bound {
  readonly value: string;
  readonly inclusive: boolean;
}

/** Numbers are compared when the bound parses as a number; strings always, against the bound as written. */
function inRange(values: readonly (string | number | boolean)[], lower: Bound | undefined, upper: Bound | undefined): boolean {
  const lowerNumber = lower && parseFiniteFloat(lower.value);
  const upperNumber = upper && parseFiniteFloat(upper.value);
  const numbersComparable = (lower === undefined || lowerNumber !== undefined) && (upper === undefined || upperNumber !== undefined);
  return values.some((value) => {
    if (typeof value === 'number') {
      if (!numbersComparable) return false;
      const aboveLower = lowerNumber === undefined || (lower!.inclusive ? value >= lowerNumber : value > lowerNumber);
      const belowUpper = upperNumber === undefined || (upper!.inclusive ? value <= upperNumber : value < upperNumber);
      return aboveLower && belowUpper;
    }
    const text = normalizeFacetValue(String(value));
    const fromLower = lower === undefined ? 1 : compareCodePoints(text, lower.value);
    const fromUpper = upper === undefined ? -1 : compareCodePoints(text, upper.value);
    return (lower === undefined || fromLower > 0 || (lower.inclusive && fromLower === 0)) && (upper === undefined || fromUpper < 0 || (upper.inclusive && fromUpper === 0));
  });
}

const RANGES: Record<Exclude<ComparisonOperator, '=' | '!='>, (value: string) => [Bound | undefined, Bound | undefined]> = {
  '>': (value) => [{ value, inclusive: false }, undefined],
  '>=': (value) => [{ value, inclusive: true }, undefined],
  '<': (value) => [undefined, { value, inclusive: false }],
  '<=': (value) => [undefined, { value, inclusive: true }],
};

const isEmptyValue = (value: unknown): boolean =>
  value === '' || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);

/** Whether the document matches; call {@link checkFilter} first, as Meilisearch validates before evaluating. */
export function matchesFilter(node: FilterNode, document: Document): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => matchesFilter(child, document));
    case 'or':
      return node.children.some((child) => matchesFilter(child, document));
    case 'not':
      return !matchesFilter(node.child, document);
    case 'compare': {
      const values = facetValuesAt(document, node.attribute);
      if (node.operator === '=') return equals(values, node.value);
      if (node.operator === '!=') return !equals(values, node.value);
      const [lower, upper] = RANGES[node.operator](node.value);
      return inRange(values, lower, upper);
    }
    case 'between':
      return inRange(facetValuesAt(document, node.attribute), { value: node.from, inclusive: true }, { value: node.to, inclusive: true });
    case 'in': {
      const values = facetValuesAt(document, node.attribute);
      return node.values.some((value) => equals(values, value));
    }
    case 'exists':
      return rawValuesAt(document, node.attribute).length > 0;
    case 'isNull':
      return rawValuesAt(document, node.attribute).some((value) => value === null);
    case 'isEmpty':
      return rawValuesAt(document, node.attribute).some(isEmptyValue);
    case 'geoRadius': {
      const point = geoPointOf(document);
      const center: [number, number] = [parseFiniteFloat(node.lat)!, parseFiniteFloat(node.lng)!];
      return point !== undefined && haversineMeters(center, point) <= parseFiniteFloat(node.radius)! + Number.EPSILON;
    }
    case 'geoBoundingBox': {
      const point = geoPointOf(document);
      if (!point) return false;
      const [top, right] = node.topRight.map((text) => parseFiniteFloat(text)!);
      const [bottom, left] = node.bottomLeft.map((text) => parseFiniteFloat(text)!);
      const [lat, lng] = point;
      // A box whose right edge is west of its left edge crosses the antimeridian.
      const withinLng = right < left ? lng >= left || lng <= right : lng >= left && lng <= right;
      return lat >= bottom && lat <= top && withinLng;
    }
  }
}

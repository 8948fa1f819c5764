/**
 * A small typed builder for Meilisearch filter expressions.
 *
 * Every value is emitted as a literal the filter parser cannot mistake for syntax: strings are double-quoted with
 * `\` and `"` escaped (Meilisearch unescapes both inside quotes), numbers come only from finite JS numbers, booleans
 * are the words `true`/`false`. Attribute names are code constants, emitted bare and checked against a conservative
 * pattern, so user input never reaches the expression outside a quoted literal.
 */

declare const meiliFilterBrand: unique symbol;

/** A filter expression produced by this module (the only way to get one). */
export type MeiliFilter = string & { readonly [meiliFilterBrand]: true };

export type FilterScalar = string | number | boolean;

const ATTRIBUTE_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]*$/;

// Bare words the Meilisearch filter parser reserves (case-sensitive there); an attribute spelled like one of them
// would be read as an operator.
const RESERVED_WORDS = new Set(['AND', 'OR', 'IN', 'NOT', 'TO', 'EXISTS', 'IS', 'NULL', 'EMPTY', 'CONTAINS', 'STARTS', 'WITH']);

const brand = (expression: string): MeiliFilter => expression as MeiliFilter;

function attribute(name: string): string {
  // `_geo…` names are parsed as geo functions (`_geoRadius`, `_geoPoint`, …) even when followed by an operator.
  if (!ATTRIBUTE_PATTERN.test(name) || RESERVED_WORDS.has(name) || name.startsWith('_geo')) {
    throw new RangeError(`Not a filterable attribute name: ${JSON.stringify(name)}`);
  }
  return name;
}

function finiteNumber(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
  // `String(1e21)` is `1e+21`, and `+` ends a bare word in the filter grammar; Rust's float parser reads `1e21`.
  return String(value).replace('e+', 'e');
}

function quoted(value: string): string {
  // A lone surrogate cannot cross Meilisearch's UTF-8 JSON boundary; replace it as any UTF-8 encoder would.
  const wellFormed = value.replace(/\p{Cs}/gu, '\uFFFD');
  return `"${wellFormed.replace(/[\\"]/g, '\\$&')}"`;
}

function literal(value: FilterScalar): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return finiteNumber(value, 'A filter value');
  return value ? 'true' : 'false';
}

/** `attribute = value`; string equality in Meilisearch ignores case and surrounding whitespace. */
export function eq(name: string, value: FilterScalar): MeiliFilter {
  return brand(`${attribute(name)} = ${literal(value)}`);
}

/** `attribute IN [a, b]`; an empty list matches nothing. */
export function inList(name: string, values: readonly FilterScalar[]): MeiliFilter {
  return brand(`${attribute(name)} IN [${values.map(literal).join(', ')}]`);
}

export function gte(name: string, value: number): MeiliFilter {
  return brand(`${attribute(name)} >= ${finiteNumber(value, 'A filter bound')}`);
}

export function lte(name: string, value: number): MeiliFilter {
  return brand(`${attribute(name)} <= ${finiteNumber(value, 'A filter bound')}`);
}

/** Documents whose `_geo` point lies within `meters` of (lat, lng); needs `_geo` in filterableAttributes. */
export function geoRadius(lat: number, lng: number, meters: number): MeiliFilter {
  if (!(lat >= -90 && lat <= 90)) throw new RangeError(`Latitude must be within [-90, 90], got ${lat}`);
  if (!(lng >= -180 && lng <= 180)) throw new RangeError(`Longitude must be within [-180, 180], got ${lng}`);
  if (!(meters >= 0)) throw new RangeError(`Radius must be a non-negative number of meters, got ${meters}`);
  return brand(
    `_geoRadius(${finiteNumber(lat, 'Latitude')}, ${finiteNumber(lng, 'Longitude')}, ${finiteNumber(meters, 'Radius')})`,
  );
}

/** The operators at parenthesis depth 0, outside quoted literals, of an expression built here. */
function topLevelOperators(expression: string): Set<'AND' | 'OR'> {
  const found = new Set<'AND' | 'OR'>();
  let depth = 0;
  let inQuotes = false;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (inQuotes) {
      if (char === '\\') i++;
      else if (char === '"') inQuotes = false;
    } else if (char === '"') inQuotes = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && expression.startsWith(' AND ', i)) found.add('AND');
    else if (depth === 0 && expression.startsWith(' OR ', i)) found.add('OR');
  }
  return found;
}

/** All of the filters. With none it returns `undefined`, which Meilisearch reads as "no filter". */
export function and(first: MeiliFilter, ...rest: readonly MeiliFilter[]): MeiliFilter;
export function and(...filters: readonly MeiliFilter[]): MeiliFilter | undefined;
export function and(...filters: readonly MeiliFilter[]): MeiliFilter | undefined {
  if (filters.length <= 1) return filters[0];
  // AND binds tighter than OR, so only an OR operand needs parentheses.
  return brand(filters.map((f) => (topLevelOperators(f).has('OR') ? `(${f})` : f)).join(' AND '));
}

/** Any of the filters; at least one is required (an empty OR would have to match nothing). */
export function or(first: MeiliFilter, ...rest: readonly MeiliFilter[]): MeiliFilter {
  return brand([first, ...rest].join(' OR '));
}

export function not(filter: MeiliFilter): MeiliFilter {
  return brand(topLevelOperators(filter).size > 0 ? `NOT (${filter})` : `NOT ${filter}`);
}

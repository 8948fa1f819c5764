/**
 * Meilisearch's filter syntax as a recursive-descent parser, following the behaviour of its `filter-parser` crate
 * (v1.x): the same alternatives tried in the same order, the same points of no return, the same reserved words.
 * Keywords are case-sensitive there (`and` is a plain value), and so they are here. Quoted values are unescaped in
 * two steps as Meilisearch does: first `\<quote>`, then Rust-style escapes (`\\`, `\n`, `\u{…}`, …).
 *
 * Not covered: `CONTAINS` / `STARTS WITH` (an experimental feature), `_geoPolygon`, `_vectors` filters.
 */

export type ComparisonOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type FilterNode =
  | { readonly kind: 'and'; readonly children: readonly FilterNode[] }
  | { readonly kind: 'or'; readonly children: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly child: FilterNode }
  | { readonly kind: 'compare'; readonly attribute: string; readonly operator: ComparisonOperator; readonly value: string }
  | { readonly kind: 'between'; readonly attribute: string; readonly from: string; readonly to: string }
  | { readonly kind: 'in'; readonly attribute: string; readonly values: readonly string[] }
  | { readonly kind: 'exists' | 'isNull' | 'isEmpty'; readonly attribute: string }
  // Coordinates stay text, as in Meilisearch: they are parsed (and range-checked) when the filter is evaluated.
  | { readonly kind: 'geoRadius'; readonly lat: string; readonly lng: string; readonly radius: string }
  | { readonly kind: 'geoBoundingBox'; readonly topRight: readonly [string, string]; readonly bottomLeft: readonly [string, string] };

/** A filter Meilisearch would reject; `message` follows Meilisearch's wording and ends with `start:end input`. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
}

const MAX_DEPTH = 200;
const KEYWORDS = new Set([
  'AND', 'OR', 'IN', 'NOT', 'TO', 'EXISTS', 'IS', 'NULL', 'EMPTY', 'CONTAINS', 'STARTS', 'WITH', '_geoRadius', '_geoBoundingBox',
]);
const OPERATIONS =
  '`=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`, `IS NOT NULL`, `IS EMPTY`, ' +
  '`IS NOT EMPTY`, `CONTAINS`, `NOT CONTAINS`, `STARTS WITH`, `NOT STARTS WITH`, `_geoRadius`, or `_geoBoundingBox`';
const GEO_RULES =
  'Use the `_geoRadius(latitude, longitude, distance)` or `_geoBoundingBox([latitude, longitude], [latitude, longitude])` ' +
  'built-in rules to filter on `_geo` coordinates.';

// nom's `multispace` is ASCII only, while a value's leading blanks are any Unicode whitespace.
const isMultispace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\r' || char === '\n';
const isValueComponent = (char: string): boolean => /^[\p{Alphabetic}\p{N}_.-]$/u.test(char);
const isSyntaxComponent = (char: string): boolean => /^[\p{White_Space}()=<>!]$/u.test(char);
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/** A recoverable failure: the caller may try another alternative, or promote it to an error at a point of no return. */
class Soft {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly reservedKeyword = false,
  ) {}
}

interface Parsed<T> {
  readonly node: T;
  readonly end: number;
}

interface Value {
  readonly value: string;
  readonly end: number;
}

/** Parses one filter string; `null` for a blank filter (no constraint). */
export function parseFilterExpression(input: string): FilterNode | null {
  if (input.replace(/\p{White_Space}/gu, '') === '') return null;
  return new Parser(input).parse();
}

/**
 * The `filter` request parameter: a string, or an array whose strings are ANDed and whose nested string arrays are
 * ORed (`["a = 1", ["b = 2", "c = 3"]]`). `null` when it constrains nothing.
 */
export function parseFilterParameter(filter: unknown): FilterNode | null {
  if (filter === null || filter === undefined) return null;
  if (typeof filter === 'string') return parseFilterExpression(filter);
  if (!Array.isArray(filter)) throw invalidFilterType(['String', 'Array'], filter);
  const ands: FilterNode[] = [];
  for (const element of filter) {
    if (typeof element === 'string') {
      const node = parseFilterExpression(element);
      if (node) ands.push(node);
    } else if (Array.isArray(element)) {
      const ors: FilterNode[] = [];
      for (const alternative of element) {
        if (typeof alternative !== 'string') throw invalidFilterType(['String'], alternative);
        const node = parseFilterExpression(alternative);
        if (node) ors.push(node);
      }
      if (ors.length > 0) ands.push(ors.length === 1 ? ors[0] : { kind: 'or', children: ors });
    } else {
      throw invalidFilterType(['String', '[String]'], element);
    }
  }
  if (ands.length === 0) return null;
  return ands.length === 1 ? ands[0] : { kind: 'and', children: ands };
}

function invalidFilterType(expected: readonly string[], found: unknown): FilterSyntaxError {
  return new FilterSyntaxError(`Invalid syntax for the filter parameter: \`expected ${expected.join(', ')}, found: ${JSON.stringify(found)}\`.`);
}

class Parser {
  constructor(private readonly input: string) {}

  parse(): FilterNode {
    const result = this.or(0, 0);
    if (result instanceof Soft) throw this.fail(result);
    if (result.end < this.input.length) {
      const rest = this.input.slice(result.end);
      throw this.error(`Found unexpected characters at the end of the filter: \`${rest}\`. You probably forgot an \`OR\` or an \`AND\` rule.`, result.end);
    }
    return result.node;
  }

  private error(message: string, start: number, end = this.input.length): FilterSyntaxError {
    return new FilterSyntaxError(`${message}\n${start + 1}:${end + 1} ${this.input}`);
  }

  private fail(soft: Soft): FilterSyntaxError {
    return this.error(soft.message, soft.start);
  }

  private depthLimit(depth: number, at: number): void {
    if (depth > MAX_DEPTH) {
      throw this.error('The filter exceeded the maximum depth limit. Try rewriting the filter so that it contains fewer nested conditions.', at);
    }
  }

  // ── lexical helpers ────────────────────────────────────────────────────────────────────────────────────────────

  private skipMultispace(pos: number): number {
    while (isMultispace(this.input[pos])) pos++;
    return pos;
  }

  private skipWhitespace(pos: number): number {
    while (pos < this.input.length && /^\p{White_Space}$/u.test(this.input[pos])) pos++;
    return pos;
  }

  /** End of the run of value characters (letters, digits, `_`, `-`, `.`) starting at `pos`. */
  private wordEnd(pos: number): number {
    let end = pos;
    while (end < this.input.length) {
      const char = String.fromCodePoint(this.input.codePointAt(end)!);
      if (!isValueComponent(char)) break;
      end += char.length;
    }
    return end;
  }

  /** The word `tag` exactly (not a prefix of a longer word), or `undefined`. */
  private wordExact(pos: number, tag: string): number | undefined {
    const end = this.wordEnd(pos);
    return end > pos && this.input.slice(pos, end) === tag ? end : undefined;
  }

  private tag(pos: number, text: string): number | undefined {
    return this.input.startsWith(text, pos) ? pos + text.length : undefined;
  }

  /** `tag` followed by at least one blank, as in `IS NULL`; position after the blanks. */
  private tagThenSpace(pos: number, text: string): number | undefined {
    const end = this.tag(pos, text);
    if (end === undefined || !isMultispace(this.input[end])) return undefined;
    return this.skipMultispace(end);
  }

  // ── values ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /** value = WS* (word | 'single' | "double") WS* */
  private value(pos: number): Value | Soft {
    const start = this.skipWhitespace(pos);
    this.rejectGeoAsValue(start);
    const quote = this.input[start];
    let raw: string;
    let end: number;
    if (quote === '"' || quote === "'") {
      const closing = this.closingQuote(start + 1, quote);
      if (this.input[closing] !== quote) {
        const fragment = this.input.slice(start).replace(/['"\\]/g, '\\$&');
        throw this.error(`Expression \`${fragment}\` is missing the following closing delimiter: \`${quote}\`.`, start);
      }
      raw = this.input.slice(start + 1, closing);
      if (raw.includes(`\\${quote}`)) raw = raw.replaceAll(`\\${quote}`, quote);
      end = closing + 1;
    } else {
      end = this.wordEnd(start);
      raw = this.input.slice(start, end);
      if (end === start) {
        let until = start;
        while (until < this.input.length && !isSyntaxComponent(this.input[until])) until++;
        const found = this.input.slice(start, until);
        return new Soft(`Was expecting a value but instead got ${found === '' ? 'nothing' : `\`${found}\``}.`, start);
      }
      if (KEYWORDS.has(raw)) {
        return new Soft(
          `Was expecting a value but instead got \`${raw}\`, which is a reserved keyword. To use \`${raw}\` as a field name or a value, surround it by quotes.`,
          start,
          true,
        );
      }
    }
    const value = unescape(raw);
    if (value === undefined) return new Soft(`The value \`${raw}\` contains an invalid escape sequence.`, start);
    return { value, end: this.skipMultispace(end) };
  }

  /** Index of the quote closing a quoted value (a backslash always skips the next character), or the input length. */
  private closingQuote(pos: number, quote: string): number {
    for (let i = pos; i < this.input.length; i++) {
      if (this.input[i] === quote) return i;
      if (this.input[i] === '\\') {
        if (i + 1 >= this.input.length) throw this.error(`The value \`${this.input.slice(pos)}\` ends with an incomplete escape sequence.`, pos);
        i++;
      }
    }
    return this.input.length;
  }

  /** Geo functions and reserved geo fields are not values; Meilisearch reports their misuse explicitly. */
  private rejectGeoAsValue(pos: number): void {
    for (const reserved of ['_geoPoint', '_geoDistance']) {
      if (this.tag(pos, reserved) !== undefined) this.reservedGeo(reserved, pos);
    }
    if (this.wordExact(pos, '_geo') !== undefined) this.reservedGeo('_geo', pos);
    if (this.wordExact(pos, '_geoRadius') !== undefined) throw this.error('The `_geoRadius` filter is an operation and can\'t be used as a value.', pos);
    if (this.wordExact(pos, '_geoBoundingBox') !== undefined) {
      throw this.error('The `_geoBoundingBox` filter is an operation and can\'t be used as a value.', pos);
    }
  }

  private reservedGeo(name: string, pos: number): never {
    throw this.error(`\`${name}\` is a reserved keyword and thus can't be used as a filter expression. ${GEO_RULES}`, pos);
  }

  /** value ("," value)* ","?  — stops before anything that is not a value. */
  private valueList(pos: number): { values: string[]; end: number } {
    const values: string[] = [];
    const first = this.value(pos);
    if (first instanceof Soft) return { values, end: pos };
    values.push(first.value);
    let end = first.end;
    for (;;) {
      const comma = this.tag(this.skipMultispace(end), ',');
      if (comma === undefined) break;
      const next = this.value(this.skipMultispace(comma));
      if (next instanceof Soft) {
        end = this.skipMultispace(comma);
        break;
      }
      values.push(next.value);
      end = next.end;
    }
    return { values, end };
  }

  /** "(" WS* float ("," WS* float WS*)* ")" */
  private floatList(pos: number, open: string, close: string): { values: string[]; end: number } | undefined {
    if (this.input[pos] !== open) return undefined;
    const values: string[] = [];
    let cursor = pos + 1;
    for (;;) {
      const start = this.skipMultispace(cursor);
      const match = FLOAT.exec(this.input.slice(start));
      if (!match) return undefined;
      values.push(match[0]);
      cursor = this.skipMultispace(start + match[0].length);
      if (this.input[cursor] === ',') cursor++;
      else break;
    }
    return this.input[cursor] === close ? { values, end: cursor + 1 } : undefined;
  }

  // ── expressions ────────────────────────────────────────────────────────────────────────────────────────────────

  private or(pos: number, depth: number): Parsed<FilterNode> | Soft {
    return this.sequence(pos, depth, 'OR', (at, d) => this.and(at, d));
  }

  private and(pos: number, depth: number): Parsed<FilterNode> | Soft {
    return this.sequence(pos, depth, 'AND', (at, d) => this.not(at, d));
  }

  private sequence(
    pos: number,
    depth: number,
    keyword: 'AND' | 'OR',
    operand: (pos: number, depth: number) => Parsed<FilterNode> | Soft,
  ): Parsed<FilterNode> | Soft {
    this.depthLimit(depth, pos);
    const first = operand(pos, depth + 1);
    if (first instanceof Soft) return first;
    const children = [first.node];
    let end = first.end;
    for (;;) {
      const after = this.wordExact(this.skipMultispace(end), keyword);
      if (after === undefined) break;
      // After AND/OR an operand is mandatory.
      const next = operand(this.skipMultispace(after), depth + 1);
      if (next instanceof Soft) throw this.fail(next);
      children.push(next.node);
      end = next.end;
    }
    const kind = keyword === 'AND' ? 'and' : 'or';
    return { node: children.length === 1 ? children[0] : { kind, children }, end };
  }

  private not(pos: number, depth: number): Parsed<FilterNode> | Soft {
    this.depthLimit(depth, pos);
    const after = this.wordExact(this.skipMultispace(pos), 'NOT');
    if (after !== undefined) {
      const inner = this.not(this.skipMultispace(after), depth + 1);
      if (inner instanceof Soft) throw this.fail(inner);
      // NOT NOT x is x.
      return { node: inner.node.kind === 'not' ? inner.node.child : { kind: 'not', child: inner.node }, end: inner.end };
    }
    return this.primary(pos, depth + 1);
  }

  private primary(pos: number, depth: number): Parsed<FilterNode> | Soft {
    this.depthLimit(depth, pos);
    const open = this.skipMultispace(pos);
    if (this.input[open] === '(') {
      const inner = this.or(this.skipMultispace(open + 1), depth + 1);
      if (inner instanceof Soft) throw this.fail(inner);
      const close = this.skipMultispace(inner.end);
      if (this.input[close] !== ')') {
        throw this.error(`Expression \`${this.input.slice(open)}\` is missing the following closing delimiter: \`)\`.`, open);
      }
      return { node: inner.node, end: this.skipMultispace(close + 1) };
    }
    const alternatives: ((pos: number) => Parsed<FilterNode> | undefined)[] = [
      (at) => this.geoRadius(at),
      (at) => this.geoBoundingBox(at),
      (at) => this.in(at),
      (at) => this.notIn(at),
      (at) => this.condition(at),
      (at) => this.suffix(at, ['IS', 'NULL'], 'isNull', false),
      (at) => this.suffix(at, ['IS', 'NOT', 'NULL'], 'isNull', true),
      (at) => this.suffix(at, ['IS', 'EMPTY'], 'isEmpty', false),
      (at) => this.suffix(at, ['IS', 'NOT', 'EMPTY'], 'isEmpty', true),
      (at) => this.exists(at),
      (at) => this.suffix(at, ['NOT', 'EXISTS'], 'exists', true),
      (at) => this.between(at),
    ];
    for (const alternative of alternatives) {
      const parsed = alternative(pos);
      if (parsed) return parsed;
    }
    // A reserved word where an attribute should be is reported as such rather than as a missing operation.
    const attribute = this.value(pos);
    if (attribute instanceof Soft && attribute.reservedKeyword) throw this.fail(attribute);
    const rest = this.input.slice(pos);
    return new Soft(`Was expecting an operation ${OPERATIONS}${rest === '' ? ' but instead got nothing' : ` at \`${rest}\``}.`, pos);
  }

  private geoRadius(pos: number): Parsed<FilterNode> | undefined {
    const after = this.wordExact(this.skipMultispace(pos), '_geoRadius');
    if (after === undefined) return undefined;
    const args = this.floatList(after, '(', ')');
    if (!args || args.values.length !== 3) {
      throw this.error('The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.', pos);
    }
    const [lat, lng, radius] = args.values;
    return { node: { kind: 'geoRadius', lat, lng, radius }, end: args.end };
  }

  private geoBoundingBox(pos: number): Parsed<FilterNode> | undefined {
    const after = this.wordExact(this.skipMultispace(pos), '_geoBoundingBox');
    if (after === undefined) return undefined;
    const corners: string[][] = [];
    let cursor = after;
    let valid = this.input[cursor] === '(';
    while (valid) {
      const corner = this.floatList(this.skipMultispace(cursor + 1), '[', ']');
      if (!corner) {
        valid = false;
        break;
      }
      corners.push(corner.values);
      cursor = this.skipMultispace(corner.end);
      if (this.input[cursor] !== ',') break;
    }
    valid &&= this.input[cursor] === ')' && corners.length === 2 && corners.every((corner) => corner.length === 2);
    if (!valid) {
      throw this.error(
        'The `_geoBoundingBox` filter expects two pairs of arguments: `_geoBoundingBox([latitude, longitude], [latitude, longitude])`.',
        pos,
      );
    }
    const [[topLat, topLng], [bottomLat, bottomLng]] = corners;
    return { node: { kind: 'geoBoundingBox', topRight: [topLat, topLng], bottomLeft: [bottomLat, bottomLng] }, end: cursor + 1 };
  }

  /** value IN [values] */
  private in(pos: number): Parsed<FilterNode> | undefined {
    const attribute = this.value(pos);
    if (attribute instanceof Soft) return undefined;
    return this.inBody(attribute, attribute.end, false);
  }

  /** value NOT IN [values] */
  private notIn(pos: number): Parsed<FilterNode> | undefined {
    const attribute = this.value(pos);
    if (attribute instanceof Soft) return undefined;
    const after = this.wordExact(attribute.end, 'NOT');
    return after === undefined ? undefined : this.inBody(attribute, after, true);
  }

  private inBody(attribute: Value, pos: number, negated: boolean): Parsed<FilterNode> | undefined {
    const afterIn = this.wordExact(this.skipMultispace(pos), 'IN');
    if (afterIn === undefined) return undefined;
    const open = this.skipMultispace(afterIn);
    if (this.input[open] !== '[') throw this.error('Expected `[` after `IN` keyword.', open);
    const list = this.valueList(open + 1);
    const close = this.skipMultispace(list.end);
    if (this.input[close] !== ']') {
      if (close >= this.input.length) throw this.error('Expected matching `]` after the list of field names given to `IN[`', close);
      throw this.error(`Expected only comma-separated field names inside \`IN[..]\` but instead found \`${this.input.slice(close)}\`.`, close);
    }
    const node: FilterNode = { kind: 'in', attribute: attribute.value, values: list.values };
    return { node: negated ? { kind: 'not', child: node } : node, end: this.skipMultispace(close + 1) };
  }

  /** value (= | != | > | >= | < | <=) value */
  private condition(pos: number): Parsed<FilterNode> | undefined {
    const attribute = this.value(pos);
    if (attribute instanceof Soft) return undefined;
    const operator = (['<=', '>=', '!=', '<', '>', '='] as const).find((op) => this.tag(attribute.end, op) !== undefined);
    if (operator === undefined) return undefined;
    const value = this.value(attribute.end + operator.length);
    if (value instanceof Soft) throw this.fail(value);
    return { node: { kind: 'compare', attribute: attribute.value, operator, value: value.value }, end: value.end };
  }

  /** value EXISTS */
  private exists(pos: number): Parsed<FilterNode> | undefined {
    const attribute = this.value(pos);
    if (attribute instanceof Soft) return undefined;
    const end = this.tag(attribute.end, 'EXISTS');
    return end === undefined ? undefined : { node: { kind: 'exists', attribute: attribute.value }, end };
  }

  /** value IS NULL, value IS NOT EMPTY, value NOT EXISTS, …: keywords separated by blanks, nothing consumed after. */
  private suffix(
    pos: number,
    keywords: readonly string[],
    kind: 'exists' | 'isNull' | 'isEmpty',
    negated: boolean,
  ): Parsed<FilterNode> | undefined {
    const attribute = this.value(pos);
    if (attribute instanceof Soft) return undefined;
    let cursor: number | undefined = attribute.end;
    for (const [index, keyword] of keywords.entries()) {
      cursor = index < keywords.length - 1 ? this.tagThenSpace(cursor, keyword) : this.tag(cursor, keyword);
      if (cursor === undefined) return undefined;
    }
    const node: FilterNode = { kind, attribute: attribute.value };
    return { node: negated ? { kind: 'not', child: node } : node, end: cursor };
  }

  /** value value TO value */
  private between(pos: number): Parsed<FilterNode> | undefined {
    const attribute = this.value(pos);
    if (attribute instanceof Soft) return undefined;
    const from = this.value(attribute.end);
    if (from instanceof Soft) return undefined;
    const afterTo = this.tagThenSpace(from.end, 'TO');
    if (afterTo === undefined) return undefined;
    const to = this.value(afterTo);
    if (to instanceof Soft) throw this.fail(to);
    return { node: { kind: 'between', attribute: attribute.value, from: from.value, to: to.value }, end: to.end };
  }
}

/**
 * Rust-style escapes as the `unescaper` crate reads them (`\b \f \n \r \t \v \' \" \\ \/`, `\u{…}`, `\uXXXX`,
 * `\xHH`, octal `\0`–`\377`); `undefined` for anything else after a backslash.
 */
function unescape(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '"': '"', '\\': '\\', '/': '/' };
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const char = raw[i++];
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escape = raw[i++];
    if (escape === undefined) return undefined;
    if (escape in simple) {
      out += simple[escape];
    } else if (escape === 'u') {
      let hex: string;
      if (raw[i] === '{') {
        const close = raw.indexOf('}', i);
        hex = raw.slice(i + 1, close === -1 ? raw.length : close);
        i = close === -1 ? raw.length : close + 1;
      } else {
        hex = raw.slice(i, i + 4);
        if (hex.length < 4) return undefined;
        i += 4;
      }
      const code = /^\+?[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : Number.NaN;
      if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      out += String.fromCodePoint(code);
    } else if (escape === 'x') {
      const hex = raw.slice(i, i + 2);
      if (!/^(?:[0-9a-fA-F]{2}|\+[0-9a-fA-F])$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else if (/^[0-7]$/.test(escape)) {
      const extra = escape <= '3' ? 2 : 1;
      let digits = escape;
      while (digits.length <= extra && /^[0-7]$/.test(raw[i] ?? '')) digits += raw[i++];
      out += String.fromCharCode(parseInt(digits, 8));
    } else {
      return undefined;
    }
  }
  return out;
}

import { matchRanges, type MatchRange } from './query-understanding.js';

export interface Highlight {
  field: 'displayName' | 'specialty' | 'city' | 'bio' | 'questionTitle' | 'body';
  /** The field's text (for long text, a window around the first match, with `…` where it was cut). */
  text: string;
  /** Matched words as [start, end) offsets in `text`; clients mark them up themselves (no HTML to escape). */
  ranges: MatchRange[];
}

/** A highlight of the field when a term occurs in it. */
export function highlightOf(field: Highlight['field'], text: string | null, terms: readonly string[]): Highlight | undefined {
  if (!text) return undefined;
  const ranges = matchRanges(text, terms);
  return ranges.length > 0 ? { field, text, ranges } : undefined;
}

const ELLIPSIS = '…';

/**
 * About `length` characters of `text` around its first match (its start when nothing matches), cut at spaces, with
 * the match ranges moved to the excerpt.
 */
export function snippetOf(field: Highlight['field'], text: string, terms: readonly string[], length = 200): Highlight {
  const ranges = matchRanges(text, terms);
  if (text.length <= length) return { field, text, ranges };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 4));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + length);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const shift = prefix.length - start;
  return {
    field,
    text: `${prefix}${text.slice(start, end)}${suffix}`,
    ranges: ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s + shift, e + shift]),
  };
}

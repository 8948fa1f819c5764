import { describe, expect, it } from 'vitest';
import { and, eq, geoRadius, gte, inList, lte, not, or } from './meili-filter.js';

describe('meili-filter', () => {
  it('quotes and escapes string values', () => {
    expect(eq('city', 'Paris')).toBe('city = "Paris"');
    expect(eq('city', 'a "b" \\ c')).toBe('city = "a \\"b\\" \\\\ c"');
    expect(eq('city', 'x" OR country = "US')).toBe('city = "x\\" OR country = \\"US"');
    expect(eq('city', '')).toBe('city = ""');
  });

  it('replaces lone surrogates, which cannot be sent as UTF-8', () => {
    expect(eq('city', 'a\uD800b')).toBe('city = "a\uFFFDb"');
    expect(eq('city', '😀')).toBe('city = "😀"');
  });

  it('emits numbers and booleans bare', () => {
    expect(eq('rating', 5)).toBe('rating = 5');
    expect(eq('rating', -0.5)).toBe('rating = -0.5');
    expect(eq('accepts_new_patients', true)).toBe('accepts_new_patients = true');
    expect(gte('rating', 1e21)).toBe('rating >= 1e21');
    expect(lte('rating', 1e-7)).toBe('rating <= 1e-7');
  });

  it('lists values for IN', () => {
    expect(inList('specialty', ['cardiology', 'a"b', 3])).toBe('specialty IN ["cardiology", "a\\"b", 3]');
    expect(inList('specialty', [])).toBe('specialty IN []');
  });

  it('builds geo radius filters from validated coordinates', () => {
    expect(geoRadius(48.8566, 2.3522, 5000)).toBe('_geoRadius(48.8566, 2.3522, 5000)');
    expect(() => geoRadius(91, 0, 1)).toThrow(RangeError);
    expect(() => geoRadius(0, -180.5, 1)).toThrow(RangeError);
    expect(() => geoRadius(0, 0, -1)).toThrow(RangeError);
    expect(() => geoRadius(Number.NaN, 0, 1)).toThrow(RangeError);
    expect(() => geoRadius(0, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('rejects non-finite numbers', () => {
    expect(() => eq('rating', Number.NaN)).toThrow(RangeError);
    expect(() => gte('rating', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => inList('rating', [Number.NEGATIVE_INFINITY])).toThrow(RangeError);
  });

  it.each(['', '1city', 'city name', 'city"', 'a-b', 'AND', 'NOT', 'EXISTS', '_geo', '_geoPoint', '_geoRadius'])(
    'rejects the attribute name %j',
    (name) => {
      expect(() => eq(name, 'x')).toThrow(RangeError);
    },
  );

  it('accepts nested attribute names and lowercase keywords', () => {
    expect(eq('address.city', 'x')).toBe('address.city = "x"');
    expect(eq('and', 'x')).toBe('and = "x"');
  });

  it('parenthesises only where precedence requires it', () => {
    const a = eq('a', 1);
    const b = eq('b', 2);
    const c = eq('c', 3);
    expect(and(a, b, c)).toBe('a = 1 AND b = 2 AND c = 3');
    expect(and(or(a, b), c)).toBe('(a = 1 OR b = 2) AND c = 3');
    expect(or(and(a, b), c)).toBe('a = 1 AND b = 2 OR c = 3');
    expect(not(a)).toBe('NOT a = 1');
    expect(not(and(a, b))).toBe('NOT (a = 1 AND b = 2)');
    expect(and(not(or(a, b)), c)).toBe('NOT (a = 1 OR b = 2) AND c = 3');
    // Operators inside a quoted value are text, not structure.
    expect(and(eq('a', 'x OR y'), b)).toBe('a = "x OR y" AND b = 2');
    expect(and(eq('a', 'x\\" OR (y'), b)).toBe('a = "x\\\\\\" OR (y" AND b = 2');
  });

  it('treats an empty AND as no filter and a single operand as itself', () => {
    expect(and()).toBeUndefined();
    expect(and(eq('a', 1))).toBe('a = 1');
    expect(or(eq('a', 1))).toBe('a = 1');
  });
});

import { describe, expect, it } from 'vitest';
import { copyArray, copyValue } from './directory-row.js';

describe('COPY text encoding', () => {
  it('writes null as \\N and escapes the characters COPY gives meaning to', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('plain')).toBe('plain');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyValue(12.5)).toBe('12.5');
    expect(copyValue(true)).toBe('true');
  });

  it('writes arrays as literals with every element quoted, then escaped for COPY', () => {
    expect(copyArray([])).toBe('{}');
    expect(copyArray(['MD', null])).toBe('{"MD",NULL}');
    // An element with a quote and a backslash: quoted for the array literal, then the backslashes doubled for COPY.
    expect(copyArray(['St. John\'s "North" \\ East'])).toBe('{"St. John\'s \\\\"North\\\\" \\\\\\\\ East"}');
    expect(copyArray(['NULL', 'a,b', '{x}'])).toBe('{"NULL","a,b","{x}"}');
  });
});

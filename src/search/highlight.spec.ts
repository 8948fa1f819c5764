import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightOf, snippetOf } from './highlight.js';

describe('highlightOf', () => {
  it('is undefined when nothing matches or there is no text', () => {
    expect(highlightOf('bio', 'Rhinoplasty', ['acne'])).toBeUndefined();
    expect(highlightOf('bio', null, ['acne'])).toBeUndefined();
    expect(highlightOf('displayName', 'Sam Naficy, MD', ['naf'])).toEqual({ field: 'displayName', text: 'Sam Naficy, MD', ranges: [[4, 10]] });
  });
});

describe('snippetOf', () => {
  const long = `${'Lorem ipsum dolor sit amet. '.repeat(20)}I treat stubborn acne in teenagers. ${'Consectetur adipiscing elit. '.repeat(20)}`;

  it('cuts long text around the first match, at spaces, with ellipses', () => {
    const snippet = snippetOf('bio', long, ['acne'], 120);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(122);
    expect(snippet.ranges.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['acne']);
  });

  it('keeps short text whole', () => {
    expect(snippetOf('body', 'Acne fades.', ['acne'])).toEqual({ field: 'body', text: 'Acne fades.', ranges: [[0, 4]] });
  });

  it('never points a range outside its text, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.array(fc.stringMatching(/^[a-z]{1,4}$/), { maxLength: 3 }), (text, terms) => {
        const snippet = snippetOf('bio', text, terms, 80);
        for (const [start, end] of snippet.ranges) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(snippet.text.length);
          expect(start).toBeLessThan(end);
        }
      }),
    );
  });
});

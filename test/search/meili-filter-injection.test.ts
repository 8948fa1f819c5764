import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { and, eq, gte, inList, lte, not, or, type MeiliFilter } from '../../src/search/engines/meilisearch/meili-filter.js';
import { checkFilter, filterableRules, matchesFilter, normalizeFacetValue, parseFiniteFloat } from './fake-meilisearch/filter-evaluator.js';
import { parseFilterExpression, type FilterNode } from './fake-meilisearch/filter-grammar.js';

/**
 * Injection resistance of the filter builder, checked against Meilisearch's grammar (as the fake implements it):
 * whatever the user types, the filter keeps the structure the code built and compares against exactly that text.
 */

// Pieces of filter syntax an attacker (or an unlucky user) could type.
const SYNTAX = ['"', "'", '\\', '\\"', '\\\\', '\\n', '\\u{41}', 'OR', 'AND', 'TO', 'NOT', 'IN [', ']', '(', ')', '_geoRadius(', '_geoPoint(1, 2)', ',', '=', '!=', ' ', '\n', 'x', 'é', 'ﬁ', '😀', '\u0000', '\uD800'];
const crafted = fc.array(fc.constantFrom(...SYNTAX), { maxLength: 12 }).map((pieces) => pieces.join(''));
const userText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), crafted);
const attributeName = fc.constantFrom('city', 'country', 'specialty', 'address.city', 'AND_', 'and', 'not');

// A lone surrogate cannot be encoded as UTF-8, so the builder sends U+FFFD in its place.
const sent = (text: string): string => text.replace(/\p{Cs}/gu, '\uFFFD');
const equality = (attribute: string, value: string): FilterNode => ({ kind: 'compare', attribute, operator: '=', value });

describe('meili-filter against the Meilisearch filter grammar', () => {
  it('turns eq(attribute, text) into exactly one equality on that text', () => {
    fc.assert(
      fc.property(attributeName, userText, (attribute, text) => {
        expect(parseFilterExpression(eq(attribute, text))).toEqual(equality(attribute, sent(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps and(eq(city, text), eq(country, US)) a conjunction of exactly those two equalities', () => {
    fc.assert(
      fc.property(userText, (text) => {
        expect(parseFilterExpression(and(eq('city', text), eq('country', 'US')))).toEqual({
          kind: 'and',
          children: [equality('city', sent(text)), equality('country', 'US')],
        });
      }),
      { numRuns: 500 },
    );
  });

  it('lists IN values one by one and writes numbers Meilisearch reads back exactly', () => {
    fc.assert(
      fc.property(fc.array(userText, { maxLength: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), (values, bound) => {
        expect(parseFilterExpression(inList('city', values))).toEqual({ kind: 'in', attribute: 'city', values: values.map(sent) });
        for (const [build, operator] of [[gte, '>='], [lte, '<=']] as const) {
          const node = parseFilterExpression(build('rating', bound));
          expect(node).toMatchObject({ kind: 'compare', attribute: 'rating', operator });
          expect(parseFiniteFloat((node as { value: string }).value)).toBe(bound === 0 ? 0 : bound);
        }
      }),
    );
  });

  it('matches exactly the documents whose field equals the text (after Meilisearch normalisation)', () => {
    const rules = filterableRules(['city']);
    const wellFormed = userText.map(sent);
    fc.assert(
      fc.property(wellFormed, fc.array(wellFormed, { maxLength: 5 }), (text, others) => {
        // Decoys: what a broken escaper would compare against, plus near misses.
        const escaped = text.replace(/[\\"]/g, '\\$&');
        const candidates = [text, escaped, `"${escaped}"`, `${text}"`, `${text}\\`, text.toUpperCase(), ` ${text} `, `${text} OR x`, ...others];
        const documents = candidates.map((city, id) => ({ id, city }));
        const filter = parseFilterExpression(eq('city', text))!;
        checkFilter(filter, rules);
        const expected = documents.filter((document) => normalizeFacetValue(document.city) === normalizeFacetValue(text)).map((document) => document.id);
        expect(documents.filter((document) => matchesFilter(filter, document)).map((document) => document.id)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the structure of any and/or/not tree built from user values', () => {
    type Tree = { kind: 'leaf'; attribute: string; value: string } | { kind: 'and' | 'or'; children: Tree[] } | { kind: 'not'; child: Tree };
    const { tree } = fc.letrec<{ tree: Tree; leaf: Tree; and: Tree; or: Tree; not: Tree }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('and'), tie('or'), tie('not')),
      leaf: fc.record({ kind: fc.constant('leaf' as const), attribute: attributeName, value: userText }),
      and: fc.record({ kind: fc.constant('and' as const), children: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
      or: fc.record({ kind: fc.constant('or' as const), children: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
      not: fc.record({ kind: fc.constant('not' as const), child: tie('tree') }),
    }));

    const build = (node: Tree): MeiliFilter => {
      switch (node.kind) {
        case 'leaf':
          return eq(node.attribute, node.value);
        case 'and':
          return and(build(node.children[0]), ...node.children.slice(1).map(build));
        case 'or':
          return or(build(node.children[0]), ...node.children.slice(1).map(build));
        case 'not':
          return not(build(node.child));
      }
    };
    const expected = (node: Tree): FilterNode => {
      switch (node.kind) {
        case 'leaf':
          return equality(node.attribute, sent(node.value));
        case 'not':
          return { kind: 'not', child: expected(node.child) };
        case 'and':
        case 'or':
          return { kind: node.kind, children: node.children.map(expected) };
      }
    };
    // Equal up to what does not change meaning: associativity of AND/OR, single operands, NOT NOT.
    const canonical = (node: FilterNode): FilterNode => {
      if (node.kind === 'not') {
        const child = canonical(node.child);
        return child.kind === 'not' ? child.child : { kind: 'not', child };
      }
      if (node.kind !== 'and' && node.kind !== 'or') return node;
      const children = node.children.map(canonical).flatMap((child) => (child.kind === node.kind ? child.children : [child]));
      return children.length === 1 ? children[0] : { kind: node.kind, children };
    };

    fc.assert(
      fc.property(tree, (node) => {
        expect(canonical(parseFilterExpression(build(node))!)).toEqual(canonical(expected(node)));
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { checkFilter, filterableRules, haversineMeters, matchesFilter, type Document } from './filter-evaluator.js';
import { parseFilterExpression } from './filter-grammar.js';

const DOCUMENTS: Record<string, Document> = {
  paris: { city: 'Paris', rating: 4.5, languages: ['fr', 'EN'], address: { zip: '75001' }, _geo: { lat: 48.8566, lng: 2.3522 } },
  spaced: { city: '  PARIS ', rating: 3, tags: [], note: null },
  lyon: { city: 'Lyon', rating: '4', offices: [{ city: 'Lyon' }, { city: 'Villeurbanne' }], _geo: { lat: '45.764', lng: '4.8357' }, note: '' },
  ligature: { city: 'ﬁgeac', rating: 5, meta: {} },
  bare: { id: 'bare' },
};

const ALL = filterableRules(['*']);

function matching(filter: string): string[] {
  const node = parseFilterExpression(filter)!;
  checkFilter(node, ALL);
  return Object.entries(DOCUMENTS)
    .filter(([, document]) => matchesFilter(node, document))
    .map(([name]) => name);
}

describe('filter evaluation', () => {
  it.each<[string, string[]]>([
    // Strings compare after trimming, compatibility decomposition and lowercasing.
    ['city = paris', ['paris', 'spaced']],
    ['city = "FIGEAC"', ['ligature']],
    // A number matches numbers; the string "4" is only a string.
    ['rating = 4.50', ['paris']],
    ['rating = 4', ['lyon']],
    // `!=` and NOT include documents without the attribute.
    ['city != paris', ['lyon', 'ligature', 'bare']],
    ['NOT rating >= 4', ['spaced', 'bare']],
    // Comparisons also apply to strings, lexicographically against the value as written ("4" > "3").
    ['rating > 3', ['paris', 'lyon', 'ligature']],
    ['rating 3 TO 4.5', ['paris', 'spaced', 'lyon']],
    ['city >= m', ['paris', 'spaced']],
    ['languages = en', ['paris']],
    ['languages IN [de, FR]', ['paris']],
    ['city IN []', []],
    ['address.zip = 75001', ['paris']],
    ['offices.city = villeurbanne', ['lyon']],
    ['note EXISTS', ['spaced', 'lyon']],
    ['note IS NULL', ['spaced']],
    ['note IS NOT NULL', ['paris', 'lyon', 'ligature', 'bare']],
    ['tags IS EMPTY OR note IS EMPTY OR meta IS EMPTY', ['spaced', 'lyon', 'ligature']],
    ['(city = lyon OR rating = 5) AND NOT city = lyon', ['ligature']],
    ['_geoRadius(48.8566, 2.3522, 0)', ['paris']],
    ['_geoRadius(48.8566, 2.3522, 400000)', ['paris', 'lyon']],
    ['_geoBoundingBox([49, 3], [45, 2])', ['paris']],
    // A box whose east edge is west of its west edge wraps around the antimeridian.
    ['_geoBoundingBox([49, 2], [45, 3])', ['lyon']],
  ])('%s', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });

  it('measures great-circle distances (Paris–Lyon ≈ 392 km)', () => {
    expect(haversineMeters([48.8566, 2.3522], [45.764, 4.8357])).toBeCloseTo(391_500, -3);
  });

  it('rejects attributes that are not filterable, as Meilisearch does before evaluating', () => {
    const check = (filter: string, setting: unknown[]) => () => checkFilter(parseFilterExpression(filter)!, filterableRules(setting));
    expect(check('name = x', ['city', 'rating'])).toThrow('Attribute `name` is not filterable. Available filterable attribute patterns are: `city`, `rating`.');
    expect(check('name = x', [])).toThrow('Attribute `name` is not filterable. This index does not have configured filterable attributes.');
    expect(check('NOT (city = a OR name = x)', ['city'])).toThrow('Attribute `name` is not filterable.');
    expect(check('_geoRadius(1, 2, 3)', ['city'])).toThrow('Attribute `_geo` is not filterable.');
    expect(check('address.zip = 1', ['address'])).not.toThrow();
    expect(check('city_name = 1', ['city_*'])).not.toThrow();
    // An object rule grants equality only, unless comparison is enabled.
    const equalityOnly = [{ attributePatterns: ['rating'], features: { filter: { equality: true } } }];
    expect(check('rating = 4', equalityOnly)).not.toThrow();
    expect(check('rating >= 4', equalityOnly)).toThrow('Filter operator `>=` is not allowed for the attribute `rating`.');
    expect(check('_geoRadius(91, 0, 1)', ['_geo'])).toThrow('Bad latitude `91`.');
    expect(check('_geoBoundingBox([1, 0], [2, 0])', ['_geo'])).toThrow('The top latitude `1` is below the bottom latitude `2`.');
  });
});

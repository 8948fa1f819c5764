import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseFilterExpression, parseFilterParameter, type FilterNode } from './filter-grammar.js';

// The expectations follow the behaviour of Meilisearch's filter-parser crate (its own test suite and source).
const compare = (attribute: string, operator: '=' | '!=' | '>' | '>=' | '<' | '<=', value: string): FilterNode => ({ kind: 'compare', attribute, operator, value });
const not = (child: FilterNode): FilterNode => ({ kind: 'not', child });
const and = (...children: FilterNode[]): FilterNode => ({ kind: 'and', children });
const or = (...children: FilterNode[]): FilterNode => ({ kind: 'or', children });

describe('filter grammar', () => {
  it.each<[string, FilterNode]>([
    ['channel = Ponce', compare('channel', '=', 'Ponce')],
    ['subscribers = 12', compare('subscribers', '=', '12')],
    ["channel = 'Mister Mv'", compare('channel', '=', 'Mister Mv')],
    ['channel = "Mister Mv"', compare('channel', '=', 'Mister Mv')],
    ["'dog race' = Borzoi", compare('dog race', '=', 'Borzoi')],
    ['a=b', compare('a', '=', 'b')],
    ['channel != ponce', compare('channel', '!=', 'ponce')],
    ['subscribers >= 1000', compare('subscribers', '>=', '1000')],
    ['subscribers < -1.5e3', compare('subscribers', '<', '-1.5e3')],
    ['NOT channel = ponce', not(compare('channel', '=', 'ponce'))],
    ['NOT NOT NOT NOT x = 5', compare('x', '=', '5')],
    ['NOT NOT (NOT NOT x = 5)', compare('x', '=', '5')],
    ['subscribers 100 TO 1000', { kind: 'between', attribute: 'subscribers', from: '100', to: '1000' }],
    ['colour IN[]', { kind: 'in', attribute: 'colour', values: [] }],
    ['colour IN[green,]', { kind: 'in', attribute: 'colour', values: ['green'] }],
    [' colour IN [  green , "blue" , ]', { kind: 'in', attribute: 'colour', values: ['green', 'blue'] }],
    ['colour NOT IN[green,blue]', not({ kind: 'in', attribute: 'colour', values: ['green', 'blue'] })],
    ['subscribers EXISTS', { kind: 'exists', attribute: 'subscribers' }],
    ['subscribers NOT   EXISTS', not({ kind: 'exists', attribute: 'subscribers' })],
    ['NOT subscribers NOT EXISTS', { kind: 'exists', attribute: 'subscribers' }],
    ['subscribers IS NULL', { kind: 'isNull', attribute: 'subscribers' }],
    ['subscribers  IS   NOT   NULL', not({ kind: 'isNull', attribute: 'subscribers' })],
    ['subscribers IS EMPTY', { kind: 'isEmpty', attribute: 'subscribers' }],
    ['NOT subscribers IS NOT EMPTY', { kind: 'isEmpty', attribute: 'subscribers' }],
    ['_geoRadius(12, 13, 14)', { kind: 'geoRadius', lat: '12', lng: '13', radius: '14' }],
    ['NOT _geoRadius(12,-13.5,1e3)', not({ kind: 'geoRadius', lat: '12', lng: '-13.5', radius: '1e3' })],
    ['_geoBoundingBox([12, 13], [14, 15])', { kind: 'geoBoundingBox', topRight: ['12', '13'], bottomLeft: ['14', '15'] }],
    ['a = 1 AND b = 2 OR c = 3', or(and(compare('a', '=', '1'), compare('b', '=', '2')), compare('c', '=', '3'))],
    ['a = 1 AND (b = 2 OR c = 3) AND d = 4', and(compare('a', '=', '1'), or(compare('b', '=', '2'), compare('c', '=', '3')), compare('d', '=', '4'))],
    ['NOT "OR" EXISTS AND "EXISTS" NOT EXISTS', and(not({ kind: 'exists', attribute: 'OR' }), not({ kind: 'exists', attribute: 'EXISTS' }))],
    // Keywords are case-sensitive: lowercase words are plain values.
    ['city = and', compare('city', '=', 'and')],
    ['not = or', compare('not', '=', 'or')],
  ])('parses %j', (input, expected) => {
    expect(parseFilterExpression(input)).toEqual(expected);
  });

  it.each<[string, string]>([
    [String.raw`title = 'foo\\'`, 'foo\\'],
    [String.raw`title = "a\"b"`, 'a"b'],
    [String.raw`title = "a\\\"b"`, 'a\\"b'],
    [String.raw`title = 'I\'m'`, "I'm"],
    [String.raw`title = 'foo\x20\n\t\"\''`, 'foo \n\t"\''],
    [String.raw`title = "\u{1F600}\u00e9\101"`, '😀éA'],
    ['title = ""', ''],
  ])('unescapes quoted values in %j', (input, value) => {
    expect(parseFilterExpression(input)).toEqual(compare('title', '=', value));
  });

  it.each<[string, string]>([
    ['channel = Ponce = 12', 'Found unexpected characters at the end of the filter: `= 12`. You probably forgot an `OR` or an `AND` rule.\n17:21 channel = Ponce = 12'],
    ['city = Paris and rating > 4', 'Found unexpected characters at the end of the filter: `and rating > 4`'],
    ['channel =    ', 'Was expecting a value but instead got nothing.'],
    ['channel = 🐻 AND followers < 100', 'Was expecting a value but instead got `🐻`.'],
    ["'OR'", "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`"],
    ['OR', 'Was expecting a value but instead got `OR`, which is a reserved keyword. To use `OR` as a field name or a value, surround it by quotes.'],
    ['AND = 8', 'instead got `AND`, which is a reserved keyword'],
    ['x = EXISTS', 'instead got `EXISTS`, which is a reserved keyword'],
    ['channel = Ponce OR', 'or `_geoBoundingBox` but instead got nothing.'],
    ['channel Ponce', 'Was expecting an operation'],
    ['subscribers 100 TO1000', 'Was expecting an operation'],
    ['value IS NOT', 'Was expecting an operation'],
    ['_geoRadius', 'The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`.'],
    ['_geoRadius(1, 2)', 'The `_geoRadius` filter expects three arguments'],
    ['_geoBoundingBox(1.0, 1.0)', 'The `_geoBoundingBox` filter expects two pairs of arguments'],
    ['_geoPoint(12, 13, 14)', '`_geoPoint` is a reserved keyword and thus can\'t be used as a filter expression.'],
    ['position <= _geoDistance(12, 13)', '`_geoDistance` is a reserved keyword'],
    ['_geo(12, 13, 14)', '`_geo` is a reserved keyword'],
    ['position <= _geoRadius(12, 13, 14)', "The `_geoRadius` filter is an operation and can't be used as a value."],
    ["channel = 'ponce", "is missing the following closing delimiter: `'`."],
    ['channel = "ponce', 'is missing the following closing delimiter: `"`.'],
    ['channel = mv OR (followers >= 1000', 'Expression `(followers >= 1000` is missing the following closing delimiter: `)`.'],
    ['channel = mv OR followers >= 1000)', 'Found unexpected characters at the end of the filter: `)`.'],
    ['colour IN blue, green]', 'Expected `[` after `IN` keyword.'],
    ["colour IN [blue, green, 'blue' > 2]", 'Expected only comma-separated field names inside `IN[..]` but instead found `> 2]`.'],
    ['colour IN [blue, green, AND]', 'Expected only comma-separated field names inside `IN[..]` but instead found `AND]`.'],
    ['colour IN [blue, green', 'Expected matching `]` after the list of field names given to `IN[`'],
    [String.raw`title = "\q"`, 'The value `\\q` contains an invalid escape sequence.'],
    // `\"` escapes the quote, so the value never closes.
    [String.raw`title = "abc\"`, 'is missing the following closing delimiter: `"`.'],
    ['title = "abc\\', 'ends with an incomplete escape sequence'],
  ])('rejects %j', (input, message) => {
    expect(() => parseFilterExpression(input)).toThrow(FilterSyntaxError);
    expect(() => parseFilterExpression(input)).toThrow(message);
  });

  it('limits nesting as Meilisearch does (49 levels of parentheses)', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}x = 1${')'.repeat(depth)}`;
    expect(parseFilterExpression(nested(49))).toEqual(compare('x', '=', '1'));
    expect(() => parseFilterExpression(nested(50))).toThrow('The filter exceeded the maximum depth limit.');
  });

  it('reads a blank filter as no filter', () => {
    expect(parseFilterExpression('  \n ')).toBeNull();
  });

  it('reads the array form: strings are ANDed, nested arrays ORed, blanks skipped', () => {
    expect(parseFilterParameter(['a = 1', ['b = 2', 'c = 3'], ' '])).toEqual(
      and(compare('a', '=', '1'), or(compare('b', '=', '2'), compare('c', '=', '3'))),
    );
    expect(parseFilterParameter([['a = 1'], []])).toEqual(compare('a', '=', '1'));
    expect(parseFilterParameter([])).toBeNull();
    expect(parseFilterParameter(null)).toBeNull();
    expect(() => parseFilterParameter([1])).toThrow('Invalid syntax for the filter parameter: `expected String, [String], found: 1`.');
    expect(() => parseFilterParameter([[['a = 1']]])).toThrow('expected String, found: ["a = 1"]');
    expect(() => parseFilterParameter({ city: 'Paris' })).toThrow('expected String, Array');
  });
});

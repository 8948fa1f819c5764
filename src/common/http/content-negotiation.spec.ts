import { describe, expect, it } from 'vitest';
import { preferredMediaType } from './content-negotiation.js';

const OFFERED = ['application/json', 'application/ld+json'] as const;

describe('preferredMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/ld+json', 'application/ld+json'],
    ['Application/LD+JSON; charset=utf-8', 'application/ld+json'],
    ['application/ld+json, */*;q=0.1', 'application/ld+json'],
    ['application/json;q=0.5, application/ld+json', 'application/ld+json'],
    ['application/ld+json;q=0.4, application/json', 'application/json'],
    ['application/ld+json, application/json', 'application/json'],
    ['application/*', 'application/json'],
    ['application/ld+json;q=0, */*', 'application/json'],
    ['text/html', 'application/json'],
    ['garbage', 'application/json'],
  ])('%j → %s', (accept, expected) => {
    expect(preferredMediaType(accept, [...OFFERED] as [string, ...string[]])).toBe(expected);
  });
});

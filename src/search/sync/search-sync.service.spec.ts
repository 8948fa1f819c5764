import { describe, expect, it } from 'vitest';
import { backoffSeconds } from './search-sync.service.js';

describe('backoffSeconds', () => {
  it('doubles from one second and stops at a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });
});

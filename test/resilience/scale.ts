/**
 * `npm test` runs a small version of each resilience check; `npm run test:resilience` (RESILIENCE_SCALE=full) runs
 * them at the sizes BENCHMARKS.md reports.
 */
export const FULL_SCALE = process.env.RESILIENCE_SCALE === 'full';

export const atScale = (small: number, full: number): number => (FULL_SCALE ? full : small);

import { expect } from 'vitest';
import type { TestApp } from '../utils/test-app.js';

let sequence = 0;

/** A create-review body that passes validation and no moderation rule; override any field (undefined removes it). */
export function makeReview(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  const body: Record<string, unknown> = {
    rating: 5,
    text: `Visit ${sequence}: she listened, explained the options and the follow-up was on time.`,
    subRatings: { bedsideManner: 5, waitTime: 4 },
    visitMonth: '2026-02',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** Posts a review as `token` and returns its body. */
export async function postReview(t: TestApp, doctorId: string, token: string, overrides: Record<string, unknown> = {}): Promise<any> {
  const response = await t.api.post(`/v1/doctors/${doctorId}/reviews`, makeReview(overrides), { token });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** Makes accounts look established, so their reviews never count towards a burst of new accounts. */
export async function ageAccounts(t: TestApp, accountIds: string[], days = 60): Promise<void> {
  await t.sql(`UPDATE accounts SET created_at = now() - make_interval(days => $2) WHERE id = ANY($1::uuid[])`, [accountIds, days]);
}

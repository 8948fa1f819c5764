import { expect } from 'vitest';
import { TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';
import type { TestAccount } from './account.factory.js';
import { makeDoctor } from './doctor.factory.js';

/** Creates a profile through the API with the admin token and returns its body. */
export async function createProfile(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  const response = await t.api.post('/v1/doctors', makeDoctor(overrides), { token: TEST_ADMIN_TOKEN });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

/** Makes `doctor` the owner of the profile: a claim approved by the admin token. */
export async function giveOwnership(t: TestApp, doctorId: string, doctor: TestAccount, npi = '1234567893'): Promise<void> {
  const claim = await t.api.post(`/v1/doctors/${doctorId}/claims`, { npi }, { token: doctor.accessToken });
  expect(claim.status, claim.text).toBe(202);
  if (claim.body.status === 'approved') return;
  const approved = await t.api.post(`/v1/moderation/claims/${claim.body.id}/approve`, undefined, { token: TEST_ADMIN_TOKEN });
  expect(approved.status, approved.text).toBe(200);
}

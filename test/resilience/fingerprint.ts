import type { TestApp } from '../utils/test-app.js';

/**
 * The tables that hold what users and imports wrote. Audit entries, the search outbox, sessions, tokens and rate-limit
 * counters legitimately change on refused requests (a failed login is counted), so they are left out.
 */
export const BUSINESS_TABLES = [
  'accounts',
  'doctors',
  'doctor_specialties',
  'practice_locations',
  'doctor_slug_redirects',
  'doctor_claims',
  'profile_conflicts',
  'merge_candidates',
  'reviews',
  'review_votes',
  'review_reports',
  'review_replies',
  'external_ratings',
  'rating_aggregates',
  'questions',
  'answers',
  'answer_mentions',
] as const;

/** One digest of every business row: equal digests, unchanged data. */
export async function fingerprint(t: TestApp): Promise<string> {
  const parts = BUSINESS_TABLES.map((table) => `SELECT '${table}' || ':' || count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM ${table} t`);
  const rows = await t.sql<{ d: string }>(parts.join(' UNION ALL '));
  return rows.map((row) => row.d).join('\n');
}

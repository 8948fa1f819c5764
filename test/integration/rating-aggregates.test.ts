import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import type { ModerationAction } from '../../src/reviews/review-lifecycle.js';
import { ReviewsService } from '../../src/reviews/reviews.service.js';
import { createProfile } from '../factories/profile.factory.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

type Operation =
  | { kind: 'create'; author: number; rating: number; flagged: boolean }
  | { kind: 'edit'; review: number; rating: number; flagged: boolean }
  | { kind: 'moderate'; review: number; action: ModerationAction };

const AUTHORS = 6;
const star = fc.integer({ min: 1, max: 5 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), author: fc.nat({ max: AUTHORS - 1 }), rating: star, flagged: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), review: fc.nat(), rating: star, flagged: fc.boolean() }),
  fc.record({ kind: fc.constant('moderate' as const), review: fc.nat(), action: fc.constantFrom<ModerationAction>('publish', 'reject', 'restore') }),
);

const moderator: Principal = { accountId: null, email: null, roles: ['admin'], emailVerified: true, ownedDoctorIds: [], sessionId: null };

describe('rating aggregates on Postgres', () => {
  let t: TestApp;
  let reviews: ReviewsService;
  let authors: Principal[];

  beforeAll(async () => {
    t = await createTestApp();
    reviews = t.app.get(ReviewsService);
    // Established accounts, so the burst rule never mixes in.
    const rows = await t.sql<{ id: string }>(
      `INSERT INTO accounts (email, display_name, password_hash, roles, email_verified_at, created_at)
       SELECT 'aggregate-' || n || '@example.org', 'Author ' || n, 'not-a-hash', ARRAY['patient'], now(), now() - interval '60 days'
         FROM generate_series(1, $1) AS n RETURNING id`,
      [AUTHORS],
    );
    authors = rows.map((row) => ({ accountId: row.id, email: null, roles: ['patient'], emailVerified: true, ownedDoctorIds: [], sessionId: null }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('equal a from-scratch recomputation after any sequence of create/edit/publish/reject/restore', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        const doctor = await createProfile(t);
        const written: { id: string; author: Principal; version: number }[] = [];
        const used = new Set<number>();
        for (const op of operations) {
          if (op.kind === 'create') {
            if (used.has(op.author)) continue;
            used.add(op.author);
            const author = authors[op.author];
            const review = await reviews.create(author, doctor.id, { rating: op.rating, text: op.flagged ? 'see www.example-clinic.com' : 'Kind and clear.' });
            written.push({ id: review.id, author, version: review.version });
            continue;
          }
          const target = written[op.review % Math.max(1, written.length)];
          if (!target) continue;
          const result =
            op.kind === 'edit'
              ? await reviews.update(target.author, target.id, target.version, { rating: op.rating, text: op.flagged ? 'call 206-555-0134' : 'Kind and clear.' })
              : await reviews.moderate(moderator, target.id, op.action, {}).catch((error: { status?: number }) => {
                  if (error.status !== 409) throw error;
                  return undefined;
                });
          if (result) target.version = result.version;
        }
        const [running] = await t.sql(`SELECT count, sum, sum_squares, histogram FROM rating_aggregates WHERE doctor_id = $1 AND source = 'docfinder'`, [doctor.id]);
        const [scratch] = await t.sql(
          `SELECT count(*)::int AS count, COALESCE(sum(rating), 0)::float8 AS sum, COALESCE(sum(rating * rating), 0)::float8 AS sum_squares,
                  ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
                        count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)]::int[] AS histogram
             FROM reviews WHERE doctor_id = $1 AND status = 'published'`,
          [doctor.id],
        );
        expect(running ?? { count: 0, sum: 0, sum_squares: 0, histogram: [0, 0, 0, 0, 0] }).toEqual(scratch);
        const { body } = await t.api.get(`/v1/doctors/${doctor.id}`);
        expect(body.rating.own.count).toBe(scratch.count);
        expect(body.rating.own.histogram).toEqual(scratch.histogram);
      }),
      { numRuns: 15 },
    );
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { Database } from '../../src/database/database.js';
import { DemoDataService } from '../../src/doctors/demo/demo-data.service.js';
import { RatingsService } from '../../src/reviews/ratings.service.js';
import { SearchSyncService } from '../../src/search/sync/search-sync.service.js';

export interface LoadReport {
  doctors: number;
  externalRatings: number;
  reviews: number;
  answers: number;
  /** Seconds per step and in all. */
  seconds: Record<'doctors' | 'ratings' | 'answers' | 'index' | 'total', number>;
}

const RECOUNT_PAGE = 2000;
const TOPICS = ['botox', 'migraine', 'acne', 'eczema', 'knee pain', 'cataract', 'rhinoplasty', 'hair loss', 'back pain', 'asthma', 'diabetes', 'anxiety'];

const elapsed = (from: number): number => Math.round(performance.now() - from) / 1000;
const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

/**
 * Fills a fresh database the way a real directory looks, deterministically: `doctors` demo doctors from the streaming
 * generator, external ratings for most (two sources), own reviews with a long tail (most doctors none or a few, one
 * in a hundred dozens), questions with `doctors / 5` answers, then the search index built through the outbox.
 */
export async function loadData(app: INestApplicationContext, doctors: number): Promise<LoadReport> {
  const db = app.get(Database);
  const total = performance.now();
  let started = performance.now();
  await app.get(DemoDataService).seed(doctors);
  const seconds = { doctors: elapsed(started), ratings: 0, answers: 0, index: 0, total: 0 };
  log(`${doctors} doctors in ${seconds.doctors} s`);

  started = performance.now();
  // hashtext() of the id makes every "random" choice repeatable for the same doctors.
  await db.query(
    `INSERT INTO external_ratings (doctor_id, source, source_url, value, scale, review_count, observed_at, is_current, recorded_by)
     SELECT d.id, s.source, 'https://www.' || s.source || '.com/doctor/' || d.id, 3 + (abs(hashtext(d.id::text || s.source)) % 200) / 100.0, 5,
            1 + abs(hashtext(s.source || d.id::text)) % 300, now() - interval '30 days', true, 'bench'
       FROM doctors d CROSS JOIN (VALUES ('google'), ('healthgrades')) AS s(source)
      WHERE abs(hashtext(d.id::text || s.source)) % 10 < 6`,
  );
  await db.query(
    `INSERT INTO reviews (doctor_id, rating, text, status, published_at)
     SELECT d.id, (ARRAY[1, 2, 3, 4, 4, 5, 5, 5, 5, 5])[1 + abs(hashtext(d.id::text || n)) % 10],
            'Bench review ' || n || ': the doctor listened and explained the options clearly.', 'published', now() - (n || ' days')::interval
       FROM (SELECT id, abs(hashtext(id::text)) % 100 AS bucket, abs(hashtext(id::text || 'n')) AS h FROM doctors) d
       CROSS JOIN LATERAL generate_series(1, CASE WHEN d.bucket < 70 THEN 0 WHEN d.bucket < 92 THEN 1 + d.h % 3
                                                  WHEN d.bucket < 99 THEN 4 + d.h % 9 ELSE 20 + d.h % 61 END) AS n`,
  );
  const [counts] = await db.query<{ external: number; reviews: number }>(
    'SELECT (SELECT count(*)::int FROM external_ratings) AS external, (SELECT count(*)::int FROM reviews) AS reviews',
  );
  const ratings = app.get(RatingsService);
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const page = await db.query<{ id: string }>(
      `SELECT id FROM doctors WHERE id > $1::uuid AND (EXISTS (SELECT 1 FROM reviews r WHERE r.doctor_id = doctors.id)
          OR EXISTS (SELECT 1 FROM external_ratings e WHERE e.doctor_id = doctors.id)) ORDER BY id LIMIT $2`,
      [after, RECOUNT_PAGE],
    );
    if (page.length === 0) break;
    await ratings.recount(page.map((row) => row.id));
    after = page.at(-1)!.id;
  }
  seconds.ratings = elapsed(started);
  log(`${counts.external} external ratings and ${counts.reviews} reviews, summaries rebuilt, in ${seconds.ratings} s`);

  started = performance.now();
  const questions = Math.max(1, Math.floor(doctors / 10));
  await db.query(
    `INSERT INTO questions (slug, title, body, tags, source, source_url, natural_key, asked_at)
     SELECT 'bench-question-' || i, 'What helps with ' || t.topic || ' (case ' || i || ')?', 'I have ' || t.topic || ' and want to know my options.',
            ARRAY[t.topic], 'bench', 'https://example.org/q/' || i, 'bench:' || i, now() - (i % 1000 || ' hours')::interval
       FROM generate_series(1, $1::int) AS i, LATERAL (SELECT ($2::text[])[1 + i % cardinality($2::text[])] AS topic) AS t`,
    [questions, TOPICS],
  );
  await db.query(
    `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM doctors), total AS (SELECT count(*) AS n FROM doctors)
     INSERT INTO answers (question_id, position, body, body_hash, author_doctor_id, attribution, source_url)
     SELECT q.id, p.position, 'For ' || q.tags[1] || ', answer ' || p.position || ' of question ' || q.slug || ': start conservatively and see a specialist if it persists.',
            md5(q.id::text || p.position), d.id, 'linked', q.source_url
       FROM questions q CROSS JOIN generate_series(0, 1) AS p(position) CROSS JOIN total
       JOIN numbered d ON d.n = 1 + abs(hashtext(q.id::text || p.position)) % total.n`,
  );
  await db.query(`INSERT INTO search_outbox (document_type, document_id) SELECT 'answer', id FROM answers ON CONFLICT DO NOTHING`);
  const [{ answers }] = (await db.query<{ answers: number }>('SELECT count(*)::int AS answers FROM answers')) as [{ answers: number }];
  seconds.answers = elapsed(started);
  log(`${answers} answers to ${questions} questions in ${seconds.answers} s`);

  started = performance.now();
  const sync = app.get(SearchSyncService);
  for (;;) {
    const result = await sync.drain();
    if (result.failedBatches > 0) throw new Error('Indexing failed while loading');
    if (result.indexed + result.removed === 0) break;
  }
  await db.query('ANALYZE');
  seconds.index = elapsed(started);
  seconds.total = elapsed(total);
  log(`search index built in ${seconds.index} s; load ${seconds.total} s in all`);
  return { doctors, externalRatings: counts.external, reviews: counts.reviews, answers, seconds };
}

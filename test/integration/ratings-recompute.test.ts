import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app.setup.js';
import { loadConfiguration } from '../../src/config/configuration.js';
import { Database } from '../../src/database/database.js';
import { RatingsService } from '../../src/reviews/ratings.service.js';
import { aggregateOf, type Star } from '../../src/reviews/statistics/rating-aggregate.js';
import { DEFAULT_PRIORS, rankingScore } from '../../src/reviews/statistics/ranking.js';
import { createProfile } from '../factories/profile.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };
const FACIAL_PLASTIC_SURGERY = '207YS0123X';
const DERMATOLOGY = '207N00000X';

describe('ratings:recompute', () => {
  let t: TestApp;
  let ratings: RatingsService;
  const createDoctor = async (code: string): Promise<string> => (await createProfile(t, { specialties: [{ code, primary: true }] })).id;
  const ratingOf = async (id: string) => (await t.api.get(`/v1/doctors/${id}`)).body.rating;
  const revision = async (id: string): Promise<number> => Number((await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [id]))[0].revision);

  beforeAll(async () => {
    t = await createTestApp({ RATINGS_RECOMPUTE_CRON: '5 4 * * *' });
    ratings = t.app.get(RatingsService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('computes priors per specialty with fallbacks, re-scores the doctors that moved and queues them for search', async () => {
    const external = await createDoctor(FACIAL_PLASTIC_SURGERY);
    const own = await createDoctor(FACIAL_PLASTIC_SURGERY);
    const small = await createDoctor(DERMATOLOGY);
    await t.api.post(`/v1/doctors/${external}/external-ratings`, makeObservation({ value: 4.9, reviewCount: 150 }), admin);
    await t.api.post(`/v1/doctors/${small}/external-ratings`, makeObservation({ value: 3, reviewCount: 50 }), admin);
    const stars: Star[] = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 3 : 5));
    const db = t.app.get(Database);
    for (const star of stars) await db.transaction(() => ratings.ownRatingChanged(own, null, star));

    // Until the first recompute every doctor is scored with the defaults.
    const before = await ratingOf(small);
    expect(before.score).toBeCloseTo(rankingScore({ mean: 3, count: 50 }, DEFAULT_PRIORS), 12);
    const revisions = { external: await revision(external), own: await revision(own), small: await revision(small) };

    const result = await ratings.recompute();
    expect(result).toEqual({ ran: true, priors: 3, rescored: 3 });

    const ownAggregate = aggregateOf(stars);
    const ownMean = ownAggregate.sum / ownAggregate.count;
    const ownSigma = Math.sqrt((ownAggregate.sumSquares - ownAggregate.sum ** 2 / 120) / 119);
    const priors = await t.sql('SELECT scope, mean, sigma, mean_from, sigma_from, rating_count, own_count FROM rating_priors ORDER BY scope');
    const allMean = (4.9 * 150 + ownAggregate.sum + 3 * 50) / 320;
    const specialtyMean = (4.9 * 150 + ownAggregate.sum) / 270;
    expect(priors).toEqual([
      { scope: '*', mean: expect.closeTo(allMean, 10), sigma: expect.closeTo(ownSigma, 10), mean_from: 'all', sigma_from: 'all', rating_count: 320, own_count: 120 },
      { scope: DERMATOLOGY, mean: expect.closeTo(allMean, 10), sigma: expect.closeTo(ownSigma, 10), mean_from: 'all', sigma_from: 'all', rating_count: 50, own_count: 0 },
      { scope: FACIAL_PLASTIC_SURGERY, mean: expect.closeTo(specialtyMean, 10), sigma: expect.closeTo(ownSigma, 10), mean_from: 'specialty', sigma_from: 'specialty', rating_count: 270, own_count: 120 },
    ]);

    const rescored = await ratingOf(own);
    expect(rescored.score).toBeCloseTo(rankingScore({ mean: ownMean, count: 120 }, { mean: specialtyMean, sigma: ownSigma }), 10);
    expect((await ratingOf(small)).score).toBeCloseTo(rankingScore({ mean: 3, count: 50 }, { mean: allMean, sigma: ownSigma }), 10);
    expect(await revision(external)).toBe(revisions.external + 1);
    expect(await revision(own)).toBe(revisions.own + 1);
    expect(await revision(small)).toBe(revisions.small + 1);

    // Nothing moved since: nobody is re-scored or re-indexed.
    expect(await ratings.recompute()).toEqual({ ran: true, priors: 3, rescored: 0 });
    expect(await revision(own)).toBe(revisions.own + 1);

    // New writes are scored with the current priors right away.
    await db.transaction(() => ratings.ownRatingChanged(own, null, 1));
    const after = await ratingOf(own);
    expect(after.score).toBeCloseTo(rankingScore({ mean: (ownAggregate.sum + 1) / 121, count: 121 }, { mean: specialtyMean, sigma: ownSigma }), 10);
    expect(after.own.histogram).toEqual([1, 0, 40, 0, 80]);
  });

  it('re-scores a doctor whose primary specialty changed', async () => {
    const doctor = await createDoctor(DERMATOLOGY);
    await t.api.post(`/v1/doctors/${doctor}/external-ratings`, makeObservation({ value: 2, reviewCount: 5 }), admin);
    await ratings.recompute();
    const patch = await t.api.patch(`/v1/doctors/${doctor}`, { specialties: [{ code: FACIAL_PLASTIC_SURGERY }] }, { ...admin, headers: { 'if-match': '"1"' } });
    expect(patch.status, patch.text).toBe(200);
    const indexed = await revision(doctor);
    await ratings.recompute();
    const [prior] = await t.sql(`SELECT mean, sigma FROM rating_priors WHERE scope = $1`, [FACIAL_PLASTIC_SURGERY]);
    expect((await ratingOf(doctor)).score).toBeCloseTo(rankingScore({ mean: 2, count: 5 }, prior), 10);
    expect(await revision(doctor)).toBe(indexed + 1);
  });

  it('is scheduled in the API process with the configured cron, and not in CLI processes', async () => {
    const job = t.app.get(SchedulerRegistry).getCronJob('ratings-recompute');
    expect(job.cronTime.source).toBe('5 4 * * *');

    const cli = await createAppContext({ config: loadConfiguration('cli', { ...process.env, DATABASE_URL: t.database.url, JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' }) });
    try {
      expect(() => cli.get(SchedulerRegistry)).toThrow();
      expect(cli.get(RatingsService)).toBeInstanceOf(RatingsService);
    } finally {
      await cli.close();
    }
  });
});

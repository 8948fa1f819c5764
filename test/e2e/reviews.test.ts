import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, type TestAccount } from '../factories/account.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { createProfile, giveOwnership } from '../factories/profile.factory.js';
import { ageAccounts, makeReview, postReview } from '../factories/review.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('own reviews', () => {
  let t: TestApp;
  let patient: TestAccount;
  let otherPatient: TestAccount;
  let owner: TestAccount;
  let moderator: TestAccount;
  let owned: any;

  const as = (account: TestAccount, headers: Record<string, string> = {}) => ({ token: account.accessToken, headers });
  const countReviews = async (doctorId: string): Promise<number> => Number((await t.sql('SELECT count(*) AS n FROM reviews WHERE doctor_id = $1', [doctorId]))[0].n);
  const ratingOf = async (doctorId: string) => (await t.api.get(`/v1/doctors/${doctorId}`)).body.rating;
  const freshPatient = async (): Promise<TestAccount> => {
    const account = await makeAccount(t, 'patient');
    await ageAccounts(t, [account.id]);
    return account;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [patient, otherPatient, owner, moderator] = [
      await makeAccount(t, 'patient'),
      await makeAccount(t, 'patient'),
      await makeAccount(t, 'doctor'),
      await makeAccount(t, 'moderator'),
    ];
    await ageAccounts(t, [patient.id, otherPatient.id]);
    owned = await createProfile(t, { npi: '1234567893', website: 'https://example.org' });
    await giveOwnership(t, owned.id, owner);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('writing', () => {
    it('publishes a clean review at once, counts it, re-indexes the doctor and e-mails the owner', async () => {
      const [before] = await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [owned.id]);
      const response = await t.api.post(`/v1/doctors/${owned.id}/reviews`, makeReview({ rating: 4, visitMonth: '2026-01' }), as(patient));
      expect(response.status, response.text).toBe(201);
      expect(response.headers.get('location')).toBe(`/v1/reviews/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.body).toMatchObject({
        doctorId: owned.id,
        rating: 4,
        status: 'published',
        visitMonth: '2026-01',
        subRatings: { bedsideManner: 5, explanation: null, waitTime: 4, staff: null, office: null },
        author: { displayName: 'Test patient', deleted: false },
        votes: { helpful: 0, unhelpful: 0 },
        reply: null,
        moderation: { flags: [], openReports: 0 },
      });
      expect(response.body.publishedAt).not.toBeNull();

      const rating = await ratingOf(owned.id);
      expect(rating.own).toEqual({ mean: 4, count: 1, histogram: [0, 0, 0, 1, 0] });
      expect(rating.sources[0]).toMatchObject({ source: 'docfinder', value: 4, scale: 5, count: 1, sourceUrl: `/v1/doctors/${owned.id}/reviews` });
      const [after] = await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [owned.id]);
      expect(Number(after.revision)).toBe(Number(before.revision) + 1);

      const mails = await t.mails(owner.email);
      expect(mails.at(-1)).toMatchObject({ subject: 'A new review of your profile was published' });
      expect(mails.at(-1)!.text).toContain('4-star');
      expect(mails.at(-1)!.text).not.toContain('she listened');
    });

    it('allows one review per doctor per account (409, nothing written)', async () => {
      const doctor = await createProfile(t);
      await postReview(t, doctor.id, otherPatient.accessToken);
      const again = await t.api.post(`/v1/doctors/${doctor.id}/reviews`, makeReview(), as(otherPatient));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REVIEW.DUPLICATE');
      expect(await countReviews(doctor.id)).toBe(1);
    });

    it.each([
      ['a link', 'Book at www.cheap-botox-deals.com', 'link'],
      ['a phone number', 'Call her cell (206) 555-0134 for a discount', 'phone'],
      ['an e-mail address', 'Write to frontdesk@example.com', 'email'],
      ['profanity', 'The receptionist was a total b1tch', 'profanity'],
    ])('holds a review with %s for a moderator, uncounted and unseen', async (_name, text, flag) => {
      const doctor = await createProfile(t);
      const author = await freshPatient();
      const mailsBefore = (await t.mails()).length;
      const review = await postReview(t, doctor.id, author.accessToken, { text });
      expect(review.status).toBe('pending');
      expect(review.moderation.flags).toEqual([flag]);
      expect((await ratingOf(doctor.id)).own.count).toBe(0);
      expect((await t.api.get(`/v1/reviews/${review.id}`)).status).toBe(404);
      expect((await t.api.get(`/v1/reviews/${review.id}`, as(author))).status).toBe(200);
      expect((await t.api.get(`/v1/reviews/${review.id}`, as(moderator))).status).toBe(200);
      expect((await t.api.get(`/v1/doctors/${doctor.id}/reviews`)).body.items).toEqual([]);
      expect((await t.mails()).length).toBe(mailsBefore);
    });

    describe('refuses bad input with a problem naming the field, writing nothing', () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['a rating of 0', makeReview({ rating: 0 }), 'rating'],
        ['a rating of 6', makeReview({ rating: 6 }), 'rating'],
        ['half a star', makeReview({ rating: 4.5 }), 'rating'],
        ['a rating as a string', makeReview({ rating: '5' }), 'rating'],
        ['no rating', makeReview({ rating: undefined }), 'rating'],
        ['an empty text', makeReview({ text: '   ' }), 'text'],
        ['a text over 5,000 characters', makeReview({ text: 'a'.repeat(5001) }), 'text'],
        ['a number for a text', makeReview({ text: 42 }), 'text'],
        ['a sub-rating of 6', makeReview({ subRatings: { waitTime: 6 } }), 'subRatings.waitTime'],
        ['an unknown sub-rating', makeReview({ subRatings: { parking: 3 } }), 'subRatings.parking'],
        ['sub-ratings as a string', makeReview({ subRatings: 'great' }), 'subRatings'],
        ['a malformed visit month', makeReview({ visitMonth: '2026-13' }), 'visitMonth'],
        ['a visit month in the future', makeReview({ visitMonth: '2999-01' }), 'visitMonth'],
        ['a status', { ...makeReview(), status: 'published' }, 'status'],
        ['vote counts', { ...makeReview(), helpfulVotes: 100 }, 'helpfulVotes'],
        ['an author', { ...makeReview(), authorAccountId: '8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1' }, 'authorAccountId'],
      ];
      it.each(cases)('%s', async (_name, body, field) => {
        const doctor = await createProfile(t);
        const response = await t.api.post(`/v1/doctors/${doctor.id}/reviews`, body, as(patient));
        expect(response.status, response.text).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Object.keys(response.body.errors)).toContain(field);
        expect(await countReviews(doctor.id)).toBe(0);
      });
    });

    it('needs a verified patient account (401/403) and an existing doctor (400/404), writing nothing', async () => {
      const doctor = await createProfile(t);
      const unverified = await makeAccount(t, 'patient', { unverified: true });
      const otherDoctor = await makeAccount(t, 'doctor');
      expect((await t.api.post(`/v1/doctors/${doctor.id}/reviews`, makeReview())).status).toBe(401);
      const refused = await t.api.post(`/v1/doctors/${doctor.id}/reviews`, makeReview(), as(unverified));
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('REVIEW.EMAIL_NOT_VERIFIED');
      for (const caller of [as(owner), as(otherDoctor), as(moderator), admin]) {
        expect((await t.api.post(`/v1/doctors/${doctor.id}/reviews`, makeReview(), caller)).status).toBe(403);
      }
      expect((await t.api.post('/v1/doctors/not-a-uuid/reviews', makeReview(), as(patient))).status).toBe(400);
      const missing = await t.api.post('/v1/doctors/8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1/reviews', makeReview(), as(patient));
      expect(missing.status).toBe(404);
      expect(await countReviews(doctor.id)).toBe(0);
    });
  });

  describe('editing', () => {
    it('lets the author edit with If-Match, moving the aggregate with the rating', async () => {
      const doctor = await createProfile(t);
      const review = await postReview(t, doctor.id, patient.accessToken, { rating: 2 });
      const edited = await t.api.patch(`/v1/reviews/${review.id}`, { rating: 5, subRatings: null, visitMonth: null }, as(patient, { 'if-match': '"1"' }));
      expect(edited.status, edited.text).toBe(200);
      expect(edited.headers.get('etag')).toBe('"2"');
      expect(edited.body).toMatchObject({ rating: 5, status: 'published', visitMonth: null, subRatings: { bedsideManner: null, waitTime: null } });
      expect((await ratingOf(doctor.id)).own).toEqual({ mean: 5, count: 1, histogram: [0, 0, 0, 0, 1] });
    });

    it('holds a live review again when an edit adds a phone number, taking it out of the aggregate', async () => {
      const doctor = await createProfile(t);
      const review = await postReview(t, doctor.id, patient.accessToken, { rating: 3 });
      const edited = await t.api.patch(`/v1/reviews/${review.id}`, { text: 'Text me on 206-555-0134' }, as(patient, { 'if-match': '"1"' }));
      expect(edited.body).toMatchObject({ status: 'pending', moderation: { flags: ['phone'] } });
      expect((await ratingOf(doctor.id)).own.count).toBe(0);
      const cleaned = await t.api.patch(`/v1/reviews/${review.id}`, { text: 'Fine visit.' }, as(patient, { 'if-match': '"2"' }));
      // Still a moderator's call: an edit never publishes by itself.
      expect(cleaned.body.status).toBe('pending');
    });

    it('refuses others (401/403), a missing (428), stale (412) or malformed (400) If-Match, and empty or bad bodies', async () => {
      const doctor = await createProfile(t);
      const review = await postReview(t, doctor.id, patient.accessToken);
      const path = `/v1/reviews/${review.id}`;
      expect((await t.api.patch(path, { rating: 1 }, { headers: { 'if-match': '"1"' } })).status).toBe(401);
      expect((await t.api.patch(path, { rating: 1 }, as(otherPatient, { 'if-match': '"1"' }))).status).toBe(403);
      expect((await t.api.patch(path, { rating: 1 }, as(moderator, { 'if-match': '"1"' }))).status).toBe(403);
      expect((await t.api.patch(path, { rating: 1 }, as(patient))).status).toBe(428);
      expect((await t.api.patch(path, { rating: 1 }, as(patient, { 'if-match': '"7"' }))).status).toBe(412);
      expect((await t.api.patch(path, { rating: 1 }, as(patient, { 'if-match': 'W/"1"' }))).status).toBe(400);
      const empty = await t.api.patch(path, {}, as(patient, { 'if-match': '"1"' }));
      expect(empty.status).toBe(400);
      const bad = await t.api.patch(path, { rating: 9, status: 'published' }, as(patient, { 'if-match': '"1"' }));
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors).sort()).toEqual(['rating', 'status']);
      const [row] = await t.sql('SELECT rating, version FROM reviews WHERE id = $1', [review.id]);
      expect(row).toEqual({ rating: 5, version: 1 });
      expect((await t.api.patch('/v1/reviews/8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1', { rating: 1 }, as(patient, { 'if-match': '"1"' }))).status).toBe(404);
    });

    it('two edits with the same ETag: one 200, one 412', async () => {
      const doctor = await createProfile(t);
      const review = await postReview(t, doctor.id, patient.accessToken);
      const results = await Promise.all(
        [2, 3].map((rating) => t.api.patch(`/v1/reviews/${review.id}`, { rating }, as(patient, { 'if-match': '"1"' }))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const own = (await ratingOf(doctor.id)).own;
      expect(own.count).toBe(1);
      expect([2, 3]).toContain(own.mean);
    });
  });

  describe('replies', () => {
    it('the owner doctor replies once (409 after), nobody else (403/401), only to live reviews', async () => {
      const review = await postReview(t, owned.id, otherPatient.accessToken, { rating: 2 });
      const otherDoctor = await makeAccount(t, 'doctor');
      const path = `/v1/reviews/${review.id}/reply`;
      expect((await t.api.post(path, { text: 'Thanks.' })).status).toBe(401);
      expect((await t.api.post(path, { text: 'Thanks.' }, as(otherDoctor))).status).toBe(403);
      expect((await t.api.post(path, { text: 'Thanks.' }, as(patient))).status).toBe(403);
      expect((await t.api.post(path, { text: '' }, as(owner))).status).toBe(400);
      const replied = await t.api.post(path, { text: 'Thank you, please call the office so we can fix this.' }, as(owner));
      expect(replied.status, replied.text).toBe(201);
      expect(replied.body.reply.text).toBe('Thank you, please call the office so we can fix this.');
      expect(replied.body.version).toBe(2);
      const again = await t.api.post(path, { text: 'One more thing.' }, as(owner));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REVIEW.ALREADY_REPLIED');
      expect(await t.sql('SELECT text FROM review_replies WHERE review_id = $1', [review.id])).toHaveLength(1);

      const held = await postReview(t, owned.id, (await freshPatient()).accessToken, { text: 'see www.example-clinic.com' });
      expect((await t.api.post(`/v1/reviews/${held.id}/reply`, { text: 'Hi' }, as(owner))).status).toBe(404);
    });
  });

  describe('helpful votes', () => {
    it('count once per account; neither the author nor the reviewed doctor votes', async () => {
      const review = await postReview(t, owned.id, (await freshPatient()).accessToken);
      const path = `/v1/reviews/${review.id}/helpful`;
      expect((await t.api.post(path, {})).status).toBe(401);
      const voted = await t.api.post(path, {}, as(patient));
      expect(voted.status, voted.text).toBe(201);
      expect(voted.body.votes).toEqual({ helpful: 1, unhelpful: 0 });
      expect(voted.body.version).toBe(review.version);
      const again = await t.api.post(path, { helpful: false }, as(patient));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('REVIEW.ALREADY_VOTED');
      expect((await t.api.post(path, { helpful: false }, as(otherPatient))).body.votes).toEqual({ helpful: 1, unhelpful: 1 });
      expect((await t.api.post(path, {}, as(owner))).status).toBe(403);
      expect((await t.api.post(path, {}, admin)).status).toBe(403);
      expect((await t.api.post(path, { helpful: 'yes' }, as(moderator))).status).toBe(400);
      expect(await t.sql('SELECT count(*)::int AS n FROM review_votes WHERE review_id = $1', [review.id])).toEqual([{ n: 2 }]);
    });

    it('"most helpful" ranks by the Wilson lower bound, not the raw count', async () => {
      const doctor = await createProfile(t);
      const split = await postReview(t, doctor.id, patient.accessToken);
      const liked = await postReview(t, doctor.id, otherPatient.accessToken);
      const voters = await Promise.all(Array.from({ length: 6 }, () => makeAccount(t, 'patient')));
      for (const [i, voter] of voters.entries()) {
        await t.api.post(`/v1/reviews/${split.id}/helpful`, { helpful: i < 3 }, as(voter));
        if (i < 2) await t.api.post(`/v1/reviews/${liked.id}/helpful`, { helpful: true }, as(voter));
      }
      // 3 of 6 found `split` helpful, 2 of 2 found `liked` helpful: more raw votes, less evidence of help.
      const helpful = await t.api.get(`/v1/doctors/${doctor.id}/reviews?sort=helpful`);
      expect(helpful.body.items.map((r: any) => r.id)).toEqual([liked.id, split.id]);
    });
  });

  describe('reports and moderation', () => {
    it('a report brings a live review to moderators without hiding it; their decision resolves it', async () => {
      const review = await postReview(t, owned.id, (await freshPatient()).accessToken, { rating: 1 });
      const path = `/v1/reviews/${review.id}/reports`;
      expect((await t.api.post(path, { reason: 'spam' })).status).toBe(401);
      expect((await t.api.post(path, { reason: 'because' }, as(owner))).status).toBe(400);
      const reported = await t.api.post(path, { reason: 'not_a_patient', details: 'I never saw this person.' }, as(owner));
      expect(reported.status, reported.text).toBe(201);
      expect(reported.body).toMatchObject({ reviewId: review.id, reason: 'not_a_patient' });
      expect((await t.api.post(path, { reason: 'spam' }, as(owner))).status).toBe(409);
      expect((await t.api.get(`/v1/reviews/${review.id}`)).status).toBe(200);

      const queue = await t.api.get('/v1/moderation/reviews?status=published&reported=true', as(moderator));
      expect(queue.status).toBe(200);
      const item = queue.body.items.find((r: any) => r.id === review.id);
      expect(item.moderation.openReports).toBe(1);

      const kept = await t.api.post(`/v1/moderation/reviews/${review.id}/reject`, { note: 'Off-topic' }, as(moderator));
      expect(kept.status).toBe(200);
      expect(kept.body.moderation).toMatchObject({ note: 'Off-topic', openReports: 0 });
    });

    it('publish, reject and restore move the review and its rating, are audited, and refuse other transitions (409)', async () => {
      const doctor = await createProfile(t);
      const author = await freshPatient();
      const review = await postReview(t, doctor.id, author.accessToken, { rating: 2, text: 'Ask for dr.smith@example.com' });
      const decide = (action: string, account = moderator) => t.api.post(`/v1/moderation/reviews/${review.id}/${action}`, {}, as(account));

      const queue = await t.api.get('/v1/moderation/reviews', as(moderator));
      expect(queue.body.items.map((r: any) => r.id)).toContain(review.id);
      expect((await t.api.get('/v1/moderation/reviews')).status).toBe(401);
      expect((await t.api.get('/v1/moderation/reviews', as(patient))).status).toBe(403);
      expect((await t.api.get('/v1/moderation/reviews?status=hidden', as(moderator))).status).toBe(400);
      expect((await decide('publish', patient)).status).toBe(403);
      expect((await decide('restore')).status).toBe(409);

      const published = await decide('publish');
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
      expect((await ratingOf(doctor.id)).own.count).toBe(1);
      expect((await decide('publish')).status).toBe(409);

      expect((await decide('reject')).body.status).toBe('rejected');
      expect((await ratingOf(doctor.id)).own.count).toBe(0);
      expect((await t.api.get(`/v1/reviews/${review.id}`)).status).toBe(404);
      expect((await decide('reject')).status).toBe(409);

      expect((await decide('restore')).body.status).toBe('published');
      expect((await ratingOf(doctor.id)).own).toEqual({ mean: 2, count: 1, histogram: [0, 1, 0, 0, 0] });

      const audit = await t.api.get(`/v1/audit?entityType=review&entityId=${review.id}`, as(moderator));
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((entry: any) => entry.action).sort()).toEqual(['review.publish', 'review.reject', 'review.restore']);
      expect(audit.body.items.every((entry: any) => entry.actor.accountId === moderator.id)).toBe(true);
      expect((await t.api.post('/v1/moderation/reviews/8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1/publish', {}, as(moderator))).status).toBe(404);
    });

    it('e-mails the owner when a held review of them is published, once', async () => {
      const review = await postReview(t, owned.id, (await freshPatient()).accessToken, { rating: 3, text: 'see www.x-clinic.com' });
      const before = (await t.mails(owner.email)).length;
      await t.api.post(`/v1/moderation/reviews/${review.id}/publish`, {}, as(moderator));
      expect((await t.mails(owner.email)).length).toBe(before + 1);
      await t.api.post(`/v1/moderation/reviews/${review.id}/reject`, {}, as(moderator));
      await t.api.post(`/v1/moderation/reviews/${review.id}/restore`, {}, as(moderator));
      expect((await t.mails(owner.email)).length).toBe(before + 1);
    });
  });

  describe('reading', () => {
    it('pages a doctor\'s published reviews by recent and by rating without gaps', async () => {
      const doctor = await createProfile(t);
      const authors = await Promise.all(Array.from({ length: 5 }, () => freshPatient()));
      const ids: string[] = [];
      for (const [i, author] of authors.entries()) ids.push((await postReview(t, doctor.id, author.accessToken, { rating: (i % 5) + 1 })).id);
      const pageAll = async (sort: string): Promise<any[]> => {
        const items: any[] = [];
        let after: string | null = null;
        do {
          const response: any = await t.api.get(`/v1/doctors/${doctor.id}/reviews?sort=${sort}&limit=2${after ? `&after=${after}` : ''}`);
          expect(response.status, response.text).toBe(200);
          items.push(...response.body.items);
          after = response.body.next;
        } while (after);
        return items;
      };
      expect((await pageAll('recent')).map((r) => r.id)).toEqual([...ids].reverse());
      expect((await pageAll('rating')).map((r) => r.rating)).toEqual([5, 4, 3, 2, 1]);
      expect((await pageAll('recent'))[0]).not.toHaveProperty('moderation');
      expect((await t.api.get(`/v1/doctors/${doctor.id}/reviews?sort=best`)).status).toBe(400);
      expect((await t.api.get(`/v1/doctors/${doctor.id}/reviews?after=garbage`)).status).toBe(400);
      expect((await t.api.get('/v1/doctors/8f7c1f5e-7c55-4a8e-a3d5-0a4a4cbbd3a1/reviews')).status).toBe(404);
    });

    it('JSON-LD carries an AggregateRating from own reviews only', async () => {
      const doctor = await createProfile(t);
      await postReview(t, doctor.id, patient.accessToken, { rating: 4 });
      await postReview(t, doctor.id, otherPatient.accessToken, { rating: 5 });
      await t.api.post(`/v1/doctors/${doctor.id}/external-ratings`, makeObservation({ value: 1, reviewCount: 500 }), admin);
      const ld = await t.api.get(`/v1/doctors/${doctor.id}`, { headers: { accept: 'application/ld+json' } });
      expect(ld.body.aggregateRating).toEqual({ '@type': 'AggregateRating', ratingValue: 4.5, ratingCount: 2, reviewCount: 2, bestRating: 5, worstRating: 1 });
      expect((await ratingOf(doctor.id)).pooled.count).toBe(502);
    });
  });

  it('a deleted account leaves its reviews, shown as from a deleted account, still counted', async () => {
    const doctor = await createProfile(t);
    const leaving = await freshPatient();
    const review = await postReview(t, doctor.id, leaving.accessToken, { rating: 1 });
    const deleted = await t.api.delete('/v1/me', as(leaving));
    expect(deleted.status, deleted.text).toBe(204);
    const read = await t.api.get(`/v1/reviews/${review.id}`);
    expect(read.status).toBe(200);
    expect(read.body.author).toEqual({ displayName: null, deleted: true });
    expect((await ratingOf(doctor.id)).own).toMatchObject({ mean: 1, count: 1 });
  });

  it('aggregates equal a from-scratch recomputation after everything above', async () => {
    const running = await t.sql(
      `SELECT doctor_id, count, sum, sum_squares, histogram FROM rating_aggregates WHERE source = 'docfinder' AND count > 0 ORDER BY doctor_id`,
    );
    const fromScratch = await t.sql(
      `SELECT doctor_id, count(*)::int AS count, sum(rating)::float8 AS sum, sum(rating * rating)::float8 AS sum_squares,
              ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), count(*) FILTER (WHERE rating = 3),
                    count(*) FILTER (WHERE rating = 4), count(*) FILTER (WHERE rating = 5)]::int[] AS histogram
         FROM reviews WHERE status = 'published' GROUP BY doctor_id ORDER BY doctor_id`,
    );
    expect(fromScratch.length).toBeGreaterThan(5);
    expect(running).toEqual(fromScratch);
  });
});

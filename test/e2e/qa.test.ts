import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, type TestAccount } from '../factories/account.factory.js';
import { giveOwnership } from '../factories/profile.factory.js';
import { uniqueQuestion } from '../factories/qa-page.factory.js';
import { admin, createSearchTestApp, type SearchTestApp } from '../search/search-test-kit.js';

describe('questions and answers', () => {
  let t: SearchTestApp;
  let patient: TestAccount;
  let owner: TestAccount;
  let doctorWithoutProfile: TestAccount;
  let moderator: TestAccount;
  let profile: { id: string; slug: string };

  const ask = (account: TestAccount | undefined, body: Record<string, unknown> = uniqueQuestion()) =>
    t.api.post('/v1/questions', body, account ? { token: account.accessToken } : {});
  const answer = (questionId: string, account: TestAccount | undefined, body: Record<string, unknown>) =>
    t.api.post(`/v1/questions/${questionId}/answers`, body, account ? { token: account.accessToken } : {});

  beforeAll(async () => {
    t = await createSearchTestApp();
    [patient, owner, doctorWithoutProfile, moderator] = await Promise.all([
      makeAccount(t, 'patient'),
      makeAccount(t, 'doctor'),
      makeAccount(t, 'doctor'),
      makeAccount(t, 'moderator'),
    ]);
    profile = await t.createDoctor({ givenName: 'Nora', familyName: 'Lindqvist', specialties: [{ code: '207N00000X' }] });
    await giveOwnership(t, profile.id, owner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a patient ask, with a slug and tags, and refuses everyone who may not', async () => {
    const asked = await ask(patient, { title: 'Hair loss after Botox for migraines?', body: 'A month after my injections my hair thinned.', tags: ['Botox', 'migraine'] });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toMatchObject({ slug: 'hair-loss-after-botox-for-migraines', tags: ['botox', 'migraine'], source: 'docfinder', answers: [], answerCount: 0 });
    expect(asked.headers.get('location')).toBe('/v1/questions/hair-loss-after-botox-for-migraines');
    const again = await ask(patient, { title: 'Hair loss after Botox for migraines?', body: 'Same here.' });
    expect(again.body.slug).toBe('hair-loss-after-botox-for-migraines-2');

    expect((await ask(undefined)).status).toBe(401);
    expect((await ask(owner)).status).toBe(403);
  });

  it.each([
    ['no title', { body: 'Why?' }, 'title'],
    ['an empty title', { title: '  ', body: 'Why?' }, 'title'],
    ['a title that is not a string', { title: 42, body: 'Why?' }, 'title'],
    ['an unknown field', { title: 'Why?', body: 'Why?', answerCount: 9 }, 'answerCount'],
    ['a tag with capitals and symbols', { title: 'Why?', body: 'Why?', tags: ['no;way'] }, 'tags'],
  ])('refuses a question with %s (400 naming the field, nothing written)', async (_case, body, field) => {
    const before = await t.sql('SELECT count(*)::int AS n FROM questions');
    const response = await ask(patient, body);
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Object.keys(response.body.errors)).toContain(field);
    expect(await t.sql('SELECT count(*)::int AS n FROM questions')).toEqual(before);
  });

  it('lets the owner of a profile answer as that profile, linked to it; nobody else answers', async () => {
    const question = (await ask(patient)).body;
    expect((await answer(question.id, undefined, { body: 'Anonymous advice' })).status).toBe(401);
    expect((await answer(question.id, patient, { body: 'Patient advice' })).status).toBe(403);
    const stranger = await answer(question.id, doctorWithoutProfile, { body: 'Advice from a doctor without a profile' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('QA.NOT_PROFILE_OWNER');
    expect((await answer(question.id, owner, { body: 'Advice', doctorId: '00000000-0000-4000-8000-000000000000' })).status).toBe(403);

    const answered = await answer(question.id, owner, { title: 'Usually normal', body: 'Swelling often lasts six weeks.' });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.body).toMatchObject({
      questionId: question.id,
      position: 0,
      title: 'Usually normal',
      attribution: 'linked',
      signature: null,
      mentions: [],
      author: {
        id: profile.id,
        slug: profile.slug,
        displayName: 'Nora Lindqvist, MD, FACS',
        credentials: ['MD', 'FACS'],
        primarySpecialty: 'Dermatology',
        city: 'Seattle',
        rating: { mean: null, count: 0, score: null },
        profileUrl: `/v1/doctors/${profile.slug}`,
      },
    });
    expect((await answer(question.id, owner, { body: 'swelling often lasts SIX weeks.' })).status).toBe(409);
    expect((await answer('00000000-0000-4000-8000-000000000000', owner, { body: 'Lost' })).status).toBe(404);
    expect((await answer('not-a-uuid', owner, { body: 'Lost' })).status).toBe(400);

    const read = await t.api.get(`/v1/questions/${question.slug}`);
    expect(read.status).toBe(200);
    expect(read.body.answerCount).toBe(1);
    expect(read.body.answers).toEqual([answered.body]);
    expect((await t.api.get(`/v1/answers/${answered.body.id}`)).body).toEqual(answered.body);

    const list = await t.api.get(`/v1/doctors/${profile.slug}/answers`);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: answered.body.id, questionTitle: question.title, questionSlug: question.slug });
  });

  it("pages a doctor's answers newest first, and redirects an old slug", async () => {
    const doctor = await makeAccount(t, 'doctor');
    const own = await t.createDoctor({ givenName: 'Paging', familyName: 'Answerer' });
    await giveOwnership(t, own.id, doctor);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const question = (await ask(patient)).body;
      ids.push((await answer(question.id, doctor, { body: `Answer number ${i}` })).body.id);
    }
    const first = await t.api.get(`/v1/doctors/${own.id}/answers?limit=2`);
    expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
    const second = await t.api.get(`/v1/doctors/${own.id}/answers?limit=2&after=${first.body.next}`);
    expect(second.body).toMatchObject({ items: [{ id: ids[0] }], next: null });
    expect((await t.api.get(`/v1/doctors/${own.id}/answers?after=garbage`)).status).toBe(400);

    const current = (await t.api.get(`/v1/doctors/${own.id}`)).body;
    const renamed = await t.api.patch(`/v1/doctors/${own.id}`, { familyName: 'Renamed' }, { ...admin, headers: { 'if-match': `"${current.version}"` } });
    expect(renamed.status, renamed.text).toBe(200);
    const moved = await t.api.get(`/v1/doctors/${own.slug}/answers`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/v1/doctors/${renamed.body.slug}/answers`);
    expect((await t.api.get(`/v1/answers/${ids[0]}`)).body.author).toMatchObject({ slug: renamed.body.slug, profileUrl: `/v1/doctors/${renamed.body.slug}` });
    expect((await t.api.get('/v1/doctors/nobody-by-that-name/answers')).status).toBe(404);
  });

  it('indexes answers for search, and a hidden answer or question leaves the API and the index', async () => {
    const question = (await ask(patient, { title: 'Is tretinoin safe while breastfeeding?', body: 'I want to restart tretinoin.' })).body;
    const first = (await answer(question.id, owner, { body: 'Topical tretinoin is poorly absorbed, but most of us still advise waiting.' })).body;
    await t.sync.drain();
    const found = await t.api.get('/v1/search/answers?q=tretinoin');
    expect(found.status).toBe(200);
    expect(found.body.items.map((hit: { id: string }) => hit.id)).toEqual([first.id]);

    expect((await t.api.post(`/v1/moderation/answers/${first.id}/hide`, { reason: 'Takedown requested' }, { token: patient.accessToken })).status).toBe(403);
    expect((await t.api.post(`/v1/moderation/answers/${first.id}/hide`, {}, { token: moderator.accessToken })).status).toBe(400);
    expect((await t.api.post(`/v1/moderation/answers/${first.id}/hide`, { reason: 'Takedown requested' }, { token: moderator.accessToken })).status).toBe(204);
    expect((await t.api.get(`/v1/answers/${first.id}`)).status).toBe(404);
    expect((await t.api.get(`/v1/questions/${question.id}`)).body.answers).toEqual([]);
    expect((await t.api.post(`/v1/moderation/answers/${first.id}/hide`, { reason: 'Again' }, { token: moderator.accessToken })).status).toBe(404);
    const [audit] = await t.sql(`SELECT action FROM audit_log WHERE entity_id = $1`, [first.id]);
    expect(audit).toEqual({ action: 'answer.hide' });
    await t.sync.drain();
    expect((await t.api.get('/v1/search/answers?q=tretinoin')).body.items).toEqual([]);

    const second = (await answer(question.id, owner, { body: 'Tretinoin can wait until after weaning.' })).body;
    await t.sync.drain();
    expect((await t.api.get('/v1/search/answers?q=weaning')).body.items).toHaveLength(1);
    expect((await t.api.post(`/v1/moderation/questions/${question.id}/hide`, { reason: 'Source takedown' }, admin)).status).toBe(204);
    expect((await t.api.get(`/v1/questions/${question.slug}`)).status).toBe(404);
    expect((await t.api.get(`/v1/answers/${second.id}`)).status).toBe(404);
    await t.sync.drain();
    expect((await t.api.get('/v1/search/answers?q=weaning')).body.items).toEqual([]);
  });

  it('lists questions newest first, by tag', async () => {
    const tagged = (await ask(patient, { ...uniqueQuestion('acne'), tags: ['acne'] })).body;
    const list = await t.api.get('/v1/questions?tag=acne');
    expect(list.status).toBe(200);
    expect(list.body.items.map((q: { id: string }) => q.id)).toEqual([tagged.id]);
    expect((await t.api.get('/v1/questions?limit=0')).status).toBe(400);
    expect((await t.api.get('/v1/questions/no-such-question')).status).toBe(404);
    // Not a slug: names nothing, and never reaches the database (a NUL byte there would be an error).
    expect((await t.api.get('/v1/questions/%00')).status).toBe(404);
  });
});

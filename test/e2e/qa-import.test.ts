import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/common/cli/cli-runtime.js';
import { runQaImportCommand } from '../../src/import/qa/qa-import.commands.js';
import { makeAccount } from '../factories/account.factory.js';
import { qaPage, uniqueQuestion, type PageAnswer } from '../factories/qa-page.factory.js';
import { makeObservation } from '../factories/rating.factory.js';
import { admin, createSearchTestApp, type SearchTestApp } from '../search/search-test-kit.js';
import { describeWithShared, sharedPath } from '../utils/shared.js';

const signed = (name: string, place: string, rating?: string): string[] => [name, place, ...(rating ? [rating] : [])];

describe('Q&A page import', () => {
  let t: SearchTestApp;
  let dir: string;
  let family = 0;
  /** A family name no other test uses, so matches are only the ones a test sets up. */
  const uniqueFamily = (): string => {
    family += 1;
    return `Qaimport${String.fromCharCode(97 + (family % 26))}${String.fromCharCode(97 + Math.floor(family / 26))}son`;
  };
  const importPage = (text: string, sourceUrl: string, extra: Record<string, unknown> = {}) =>
    t.api.post('/v1/imports/qa-pages', { text, sourceUrl, ...extra }, admin);
  const dumpPage = (questionId: string) =>
    t.sql(
      `SELECT a.position, a.title, a.body, a.attribution, a.signature, d.given_name, d.family_name, d.credentials,
              (SELECT json_agg(json_build_object('text', m.text, 'doctor', md.family_name) ORDER BY m.position)
                 FROM answer_mentions m LEFT JOIN doctors md ON md.id = m.doctor_id WHERE m.answer_id = a.id) AS mentions
         FROM answers a LEFT JOIN doctors d ON d.id = a.author_doctor_id WHERE a.question_id = $1 ORDER BY a.position`,
      [questionId],
    );
  const counts = async () => (await t.sql(
    `SELECT (SELECT count(*)::int FROM doctors) AS doctors, (SELECT count(*)::int FROM questions) AS questions,
            (SELECT count(*)::int FROM answers) AS answers, (SELECT count(*)::int FROM external_ratings) AS ratings,
            (SELECT count(*)::int FROM merge_candidates) AS candidates`,
  ))[0];

  beforeAll(async () => {
    t = await createSearchTestApp();
    dir = await mkdtemp(join(tmpdir(), 'qa-import-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates profiles for unknown authors with their signature rating, links mentions, and a rerun changes nothing', async () => {
    const lindqvist = uniqueFamily();
    const quist = uniqueFamily();
    const answers: PageAnswer[] = [
      { title: 'Usually normal', body: `Swelling often lasts six weeks. Dr. ${quist} agrees.`, signature: signed(`Nora ${lindqvist}, MD, FACS`, 'Seattle Dermatologist', '4.8 out of 5 stars 95 reviews') },
      { title: 'Give it time', body: 'Lymph drainage differs from side to side.' },
      { title: 'Agreed', body: `I agree with Dr. ${lindqvist} here.`, signature: signed(`Henrik ${quist}, MD`, 'Toronto Plastic Surgeon') },
    ];
    const text = qaPage(uniqueQuestion(), answers);
    const url = `https://www.realself.com/question/${lindqvist}#answers`;
    const before = await counts();

    const first = await importPage(text, url);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ added: 3, doctorsCreated: 2, doctorsLinked: 0, unattributed: 1, queued: 0 });
    const [nora, , henrik] = first.body.answers;
    expect(first.body.answers[1].authorDoctorId).toBeNull();

    const profile = (await t.api.get(`/v1/doctors/${nora.authorDoctorId}`)).body;
    expect(profile).toMatchObject({ displayName: `Nora ${lindqvist}, MD, FACS`, credentials: ['MD', 'FACS'], specialties: [{ code: '207N00000X' }], locations: [{ city: 'Seattle', region: 'WA', country: 'US' }] });
    expect(profile.provenance.givenName.source).toBe('import:qa');
    expect(profile.rating.sources).toEqual([expect.objectContaining({ source: 'realself', sourceUrl: `https://www.realself.com/question/${lindqvist}`, value: 4.8, count: 95 })]);

    const read = await t.api.get(`/v1/answers/${nora.id}`);
    expect(read.body).toMatchObject({
      attribution: 'linked',
      author: { id: nora.authorDoctorId, profileUrl: `/v1/doctors/${profile.slug}`, city: 'Seattle', rating: { mean: 4.8, count: 95 } },
      mentions: [{ text: `Dr. ${quist}`, doctor: { id: henrik.authorDoctorId } }],
      sourceUrl: `https://www.realself.com/question/${lindqvist}`,
    });
    const unsigned = await t.api.get(`/v1/answers/${first.body.answers[1].id}`);
    expect(unsigned.body).toMatchObject({ author: null, attribution: 'unattributed', signature: null });

    const dump = await dumpPage(first.body.questionId);
    const after = await counts();
    const rerun = await importPage(text, url);
    expect(rerun.body).toMatchObject({ questionId: first.body.questionId, answers: first.body.answers, added: 0, doctorsCreated: 0, doctorsLinked: 0, unattributed: 0 });
    expect(await dumpPage(first.body.questionId)).toEqual(dump);
    expect(await counts()).toEqual(after);
    expect(after.doctors - before.doctors).toBe(2);

    // A newer snapshot of the page: only the new answer is added, after the others.
    const newer = qaPage(parsedQuestion(text), [...answers, { title: 'Late reply', body: 'Arnica did nothing for my patients.' }]);
    const snapshot = await importPage(newer, url);
    expect(snapshot.body).toMatchObject({ added: 1, unattributed: 1 });
    expect(snapshot.body.answers.slice(0, 3)).toEqual(first.body.answers);
    expect((await dumpPage(first.body.questionId)).map((row) => row.position)).toEqual([0, 1, 2, 3]);
  });

  it('links a unique strong match, and queues an ambiguous one as a new profile with its candidates', async () => {
    const strong = uniqueFamily();
    const existing = await t.createDoctor({ givenName: 'Ramona', familyName: strong, credentials: ['MD'], specialties: [{ code: '207N00000X' }], locations: [{ city: 'St. Louis', region: 'MO', country: 'US' }] });
    const twin = uniqueFamily();
    const twins = [
      await t.createDoctor({ givenName: 'John', familyName: twin, specialties: [{ code: '207N00000X' }], locations: [{ city: 'Chicago', region: 'IL', country: 'US' }] }),
      await t.createDoctor({ givenName: 'John', familyName: twin, specialties: [{ code: '207N00000X' }], locations: [{ city: 'Chicago', region: 'IL', country: 'US' }] }),
    ];
    const text = qaPage(uniqueQuestion('acne'), [
      { title: 'Try a retinoid', body: 'A topical retinoid is the first step.', signature: signed(`Ramona ${strong}, MD`, 'Saint Louis Dermatologic Surgeon') },
      { title: 'See someone', body: 'Acne that scars deserves a visit.', signature: signed(`John ${twin}, MD`, 'Chicago Dermatologist', '4.2 out of 5 stars 7 reviews') },
    ]);
    const response = await importPage(text, `https://www.realself.com/question/${strong}`);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ added: 2, doctorsLinked: 1, doctorsCreated: 1, queued: 1 });
    const [linked, queued] = response.body.answers;
    expect(linked.authorDoctorId).toBe(existing.id);
    expect(twins.map((d) => d.id)).not.toContain(queued.authorDoctorId);

    const merges = await t.api.get('/v1/moderation/merges?limit=100', admin);
    const pairs = merges.body.items.filter((item: { doctor: { id: string } }) => item.doctor.id === queued.authorDoctorId);
    expect(pairs.map((item: { candidate: { id: string } }) => item.candidate.id).sort()).toEqual(twins.map((d) => d.id).sort());

    // The moderator merges the new profile into one of the twins: the answer and its rating move, the old slug redirects.
    const created = (await t.api.get(`/v1/doctors/${queued.authorDoctorId}`)).body;
    const merged = await t.api.post('/v1/moderation/merges', { keepId: twins[0].id, mergeId: created.id }, admin);
    expect(merged.status, merged.text).toBe(200);
    expect((await t.api.get(`/v1/answers/${queued.id}`)).body.author).toMatchObject({ id: twins[0].id, slug: twins[0].slug });
    const moved = await t.api.get(`/v1/doctors/${created.slug}/answers`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/v1/doctors/${twins[0].slug}/answers`);
    expect((await t.api.get(`/v1/doctors/${twins[0].id}/answers`)).body.items.map((a: { id: string }) => a.id)).toEqual([queued.id]);
  });

  it('links a nameless signature only when exactly one profile shows that rating on that source in that city and specialty', async () => {
    const one = await t.createDoctor({ givenName: 'Only', familyName: uniqueFamily(), specialties: [{ code: '207W00000X' }], locations: [{ city: 'Toronto', region: 'ON', country: 'CA' }] });
    const recorded = await t.api.post(`/v1/doctors/${one.id}/external-ratings`, makeObservation({ source: 'realself', value: 4.6, scale: 5, reviewCount: 12 }), admin);
    expect(recorded.status, recorded.text).toBe(201);
    const nameless = (rating: string): string =>
      qaPage(uniqueQuestion('dry eye'), [{ title: 'Drops first', body: `Artificial tears four times a day (${rating}).`, signature: ['Toronto Ophthalmologist', rating] }]);

    const linked = await importPage(nameless('4.6 out of 5 stars 12 reviews'), `https://www.realself.com/question/dry-eye-${one.id}`);
    expect(linked.body).toMatchObject({ doctorsLinked: 1, unattributed: 0, answers: [{ authorDoctorId: one.id }] });
    expect((await t.api.get(`/v1/answers/${linked.body.answers[0].id}`)).body.signature).toBe('Toronto Ophthalmologist\n4.6 out of 5 stars 12 reviews');

    const other = await importPage(nameless('4.6 out of 5 stars 12 reviews'), `https://www.healthtap.com/question/dry-eye-${one.id}`);
    expect(other.body).toMatchObject({ doctorsLinked: 0, unattributed: 1, answers: [{ authorDoctorId: null }] });

    const two = await t.createDoctor({ givenName: 'Second', familyName: uniqueFamily(), specialties: [{ code: '207W00000X' }], locations: [{ city: 'Toronto', region: 'ON', country: 'CA' }] });
    await t.api.post(`/v1/doctors/${two.id}/external-ratings`, makeObservation({ source: 'realself', value: 4.6, scale: 5, reviewCount: 12 }), admin);
    const ambiguous = await importPage(nameless('4.6 out of 5 stars 12 reviews'), `https://www.realself.com/question/dry-eye-2-${one.id}`);
    expect(ambiguous.body).toMatchObject({ unattributed: 1, answers: [{ authorDoctorId: null }] });
    expect((await t.api.get(`/v1/answers/${ambiguous.body.answers[0].id}`)).body).toMatchObject({ attribution: 'unattributed', signature: 'Toronto Ophthalmologist\n4.6 out of 5 stars 12 reviews' });
  });

  it('refuses what it cannot import, writing nothing; only staff import', async () => {
    const before = await counts();
    const text = qaPage(uniqueQuestion(), [{ title: 'Fine', body: 'All good.', signature: signed(`Ann ${uniqueFamily()}, MD`, 'Boston Dermatologist') }]);
    expect((await importPage(text, 'ftp://example.org/page')).status).toBe(400);
    expect((await importPage('', 'https://example.org/page')).status).toBe(400);
    expect((await importPage(text, 'https://example.org/page', { source: 'Real Self' })).status).toBe(400);
    const patient = await makeAccount(t, 'patient');
    expect((await t.api.post('/v1/imports/qa-pages', { text, sourceUrl: 'https://example.org/p' }, { token: patient.accessToken })).status).toBe(403);
    expect((await t.api.post('/v1/imports/qa-pages', { text, sourceUrl: 'https://example.org/p' })).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  describe('npm run cli -- import:qa', () => {
    let stdout: string[];
    const capture = (): void => {
      stdout = [];
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout.push(chunk.toString());
        return true;
      });
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    };
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('--json prints exactly one JSON object per run; pages without URL are keyed by their text', async () => {
      const files = [join(dir, 'a.txt'), join(dir, 'b.html')];
      await writeFile(files[0], qaPage(uniqueQuestion(), [{ title: 'Rest', body: 'Rest the knee for a week.', signature: signed(`Lena ${uniqueFamily()}, MD`, 'Denver Orthopaedic Surgeon', '4.9 out of 5 stars 40 reviews') }]));
      await writeFile(files[1], `<html><body>${qaPage(uniqueQuestion('knee pain'), [{ title: 'Ice', body: 'Ice it twice a day.' }]).split('\n\n').map((block) => `<p>${block.replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`);
      capture();
      await runQaImportCommand(t.app, files, { json: true, source: 'realself' });
      expect(stdout).toHaveLength(1);
      const result = JSON.parse(stdout[0]);
      expect(result).toMatchObject({ doctorsCreated: 1, doctorsLinked: 0, unattributed: 1, queued: 0, warnings: [] });
      expect(result.pages).toEqual([
        { file: files[0], questionId: expect.any(String), answers: [{ id: expect.any(String), authorDoctorId: expect.any(String) }] },
        { file: files[1], questionId: expect.any(String), answers: [{ id: expect.any(String), authorDoctorId: null }] },
      ]);

      capture();
      await runQaImportCommand(t.app, files, { json: true, source: 'realself' });
      expect(JSON.parse(stdout[0])).toEqual({ ...result, doctorsCreated: 0, unattributed: 0 });
    });

    it('refuses --source-url with several files and unreadable files', async () => {
      await expect(runQaImportCommand(t.app, ['x.txt', 'y.txt'], { sourceUrl: 'https://example.org/q' })).rejects.toThrow(new CliError('--source-url names one page: give exactly one file with it', 2));
      await expect(runQaImportCommand(t.app, [join(dir, 'missing.txt')], {})).rejects.toThrow(/missing\.txt: ENOENT/);
    });
  });

  describeWithShared('the shared Q&A page', ['fixtures', 'qa-pages', 'botox-migraine-hair-loss.txt'], () => {
    it('imports its 8 answers, links the signed ones to profiles and the mention of Dr. Barankin to his', async () => {
      capture();
      const file = sharedPath('fixtures', 'qa-pages', 'botox-migraine-hair-loss.txt');
      const summary = await runQaImportCommand(t.app, [file], { json: true, sourceUrl: 'https://www.realself.com/question/hair-loss-after-botox-for-migraines' });
      vi.restoreAllMocks();
      const [page] = summary.pages;
      expect(page.answers).toHaveLength(8);
      expect(page.answers.filter((answer) => answer.authorDoctorId !== null)).toHaveLength(6);
      const naficy = (await t.api.get(`/v1/answers/${page.answers[3].id}`)).body;
      const barankin = page.answers[4].authorDoctorId;
      expect(naficy.author).toMatchObject({ displayName: 'Sam Naficy, MD, FACS', city: 'Seattle', rating: { mean: 4.7, count: 231 } });
      expect(naficy.mentions).toEqual([{ text: 'Dr. Barankin', doctor: expect.objectContaining({ id: barankin }) }]);
    });

    function capture(): void {
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    }
  });
});

/** The question of a page built by qaPage(): its first two blocks. */
function parsedQuestion(text: string): { title: string; body: string } {
  const [title, body] = text.split('\n\n');
  return { title: title, body: body };
}

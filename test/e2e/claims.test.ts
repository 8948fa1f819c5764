import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, uniqueEmail, type TestAccount } from '../factories/account.factory.js';
import { uniqueNpi } from '../factories/doctor.factory.js';
import { createProfile, giveOwnership } from '../factories/profile.factory.js';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../utils/test-app.js';

const admin = { token: TEST_ADMIN_TOKEN };

describe('claims', () => {
  let t: TestApp;
  let moderator: TestAccount;
  const claim = (doctorId: string, account: TestAccount, body: Record<string, unknown>) =>
    t.api.post(`/v1/doctors/${doctorId}/claims`, body, { token: account.accessToken });
  const ownerOf = async (doctorId: string): Promise<string | null> =>
    (await t.sql('SELECT owner_account_id FROM doctors WHERE id = $1', [doctorId]))[0].owner_account_id;
  const countClaims = async (): Promise<number> => Number((await t.sql('SELECT count(*) AS n FROM doctor_claims'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    moderator = await makeAccount(t, 'moderator');
  });
  afterAll(async () => {
    await t.close();
  });

  it('approves at once when the verified e-mail is at the website domain and the NPI matches', async () => {
    const npi = uniqueNpi();
    const profile = await createProfile(t, { npi, website: 'https://www.lee-dermatology.com/team' });
    const doctor = await makeAccount(t, 'doctor', { email: uniqueEmail('lee-dermatology.com') });
    const response = await claim(profile.id, doctor, { npi, licenseNumber: 'MD-60512', licenseRegion: 'WA' });
    expect(response.status, response.text).toBe(202);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      status: 'approved',
      autoApproved: true,
      doctor: { id: profile.id, npi },
      claimant: { accountId: doctor.id, email: doctor.email },
      evidence: { npi, licenseNumber: 'MD-60512', licenseRegion: 'WA', practiceEmail: null },
    });
    expect(await ownerOf(profile.id)).toBe(doctor.id);
    const after = await t.api.get(`/v1/doctors/${profile.id}`);
    expect(after.body).toMatchObject({ claimed: true, version: 2 });
    expect((await t.api.get('/v1/me', { token: doctor.accessToken })).body.ownedDoctorIds).toEqual([profile.id]);
    const audit = await t.sql(`SELECT action, entity_type, actor_account_id FROM audit_log WHERE entity_id = ANY($1::uuid[]) ORDER BY id`, [[profile.id, response.body.id]]);
    expect(audit.map((row) => row.action)).toEqual(['doctor.create', 'claim.create', 'doctor.owner', 'claim.approve']);
    expect(audit.slice(1).every((row) => row.actor_account_id === doctor.id)).toBe(true);
    const outbox = await t.sql('SELECT revision FROM search_outbox WHERE document_id = $1', [profile.id]);
    expect(Number(outbox[0].revision)).toBe(2);
  });

  it.each([
    ['an e-mail elsewhere', 'gmail.com', 'https://lee-clinic.com', undefined],
    ['an e-mail at a look-alike domain', 'evil-lee-clinic.com', 'https://lee-clinic.com', undefined],
    ['no website on record', 'lee-clinic.com', null, undefined],
    ['an NPI other than the one on record', 'lee-clinic.com', 'https://lee-clinic.com', 'other'],
  ])('waits for a moderator with %s', async (_name, domain, website, npiCase) => {
    const npi = uniqueNpi();
    const profile = await createProfile(t, { npi, website });
    const doctor = await makeAccount(t, 'doctor', { email: uniqueEmail(domain) });
    const response = await claim(profile.id, doctor, { npi: npiCase === 'other' ? uniqueNpi() : npi });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'pending', autoApproved: false });
    expect(await ownerOf(profile.id)).toBeNull();
    expect((await t.api.get(`/v1/doctors/${profile.id}`)).body).toMatchObject({ claimed: false, version: 1 });
  });

  it('a moderator lists pending claims oldest first, page by page, and approves one', async () => {
    const filed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const profile = await createProfile(t);
      const doctor = await makeAccount(t, 'doctor');
      filed.push((await claim(profile.id, doctor, { npi: uniqueNpi(), practiceEmail: 'office@clinic.example' })).body.id);
    }
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: any = await t.api.get(`/v1/moderation/claims?limit=2${next ? `&after=${next}` : ''}`, { token: moderator.accessToken });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      next = page.body.next;
    } while (next);
    expect(seen.filter((id) => filed.includes(id))).toEqual(filed);

    const approved = await t.api.post(`/v1/moderation/claims/${filed[0]}/approve`, undefined, { token: moderator.accessToken });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', autoApproved: false, decidedAt: expect.any(String) });
    expect(await ownerOf(approved.body.doctor.id)).toBe(approved.body.claimant.accountId);
    const [decided] = await t.sql('SELECT decided_by FROM doctor_claims WHERE id = $1', [filed[0]]);
    expect(decided.decided_by).toBe(moderator.id);
    const listed = await t.api.get('/v1/moderation/claims?status=approved&limit=100', { token: moderator.accessToken });
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(filed[0]);
    const again = await t.api.post(`/v1/moderation/claims/${filed[0]}/approve`, undefined, { token: moderator.accessToken });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CLAIM.ALREADY_DECIDED');
  });

  it('a moderator rejects with a reason; the profile keeps no owner', async () => {
    const profile = await createProfile(t);
    const doctor = await makeAccount(t, 'doctor');
    const filed = await claim(profile.id, doctor, { npi: uniqueNpi() });
    const noReason = await t.api.post(`/v1/moderation/claims/${filed.body.id}/reject`, {}, { token: moderator.accessToken });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
    const rejected = await t.api.post(`/v1/moderation/claims/${filed.body.id}/reject`, { reason: 'The NPI belongs to someone else' }, { token: moderator.accessToken });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'The NPI belongs to someone else' });
    expect(await ownerOf(profile.id)).toBeNull();
    const [audit] = await t.sql(`SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'claim.reject'`, [filed.body.id]);
    expect(audit.changes.status).toEqual({ before: 'pending', after: 'rejected' });
  });

  it('a claim on an owned profile → 409, and nothing is written', async () => {
    const profile = await createProfile(t);
    await giveOwnership(t, profile.id, await makeAccount(t, 'doctor'), uniqueNpi());
    const before = await countClaims();
    const response = await claim(profile.id, await makeAccount(t, 'doctor'), { npi: uniqueNpi() });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CLAIM.ALREADY_OWNED');
    expect(await countClaims()).toBe(before);
  });

  it('refuses a second pending claim, a claim by an owner of another profile, and an approval that would give an account two profiles', async () => {
    const first = await createProfile(t);
    const second = await createProfile(t);
    const doctor = await makeAccount(t, 'doctor');
    const pendingA = await claim(first.id, doctor, { npi: uniqueNpi() });
    const pendingB = await claim(second.id, doctor, { npi: uniqueNpi() });
    expect([pendingA.status, pendingB.status]).toEqual([202, 202]);
    const duplicate = await claim(first.id, doctor, { npi: uniqueNpi() });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('CLAIM.DUPLICATE');

    expect((await t.api.post(`/v1/moderation/claims/${pendingA.body.id}/approve`, undefined, admin)).status).toBe(200);
    const secondApproval = await t.api.post(`/v1/moderation/claims/${pendingB.body.id}/approve`, undefined, admin);
    expect(secondApproval.status).toBe(409);
    expect(secondApproval.body.code).toBe('CLAIM.ALREADY_OWNER');
    expect(await ownerOf(second.id)).toBeNull();
    expect((await t.sql('SELECT status FROM doctor_claims WHERE id = $1', [pendingB.body.id]))[0].status).toBe('pending');

    const third = await createProfile(t);
    const byOwner = await claim(third.id, doctor, { npi: uniqueNpi() });
    expect(byOwner.status).toBe(409);
    expect(byOwner.body.code).toBe('CLAIM.ALREADY_OWNER');
  });

  it('needs a verified e-mail', async () => {
    const profile = await createProfile(t);
    const doctor = await makeAccount(t, 'doctor', { unverified: true });
    const response = await claim(profile.id, doctor, { npi: uniqueNpi() });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('AUTH.EMAIL_NOT_VERIFIED');
  });

  describe('refuses bad input with 400 naming the field, writing nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['no NPI', {}, 'npi'],
      ['an NPI with a bad check digit', { npi: '1234567890' }, 'npi'],
      ['a bad practice e-mail', { npi: '1234567893', practiceEmail: 'nope' }, 'practiceEmail'],
      ['a huge licence number', { npi: '1234567893', licenseNumber: 'x'.repeat(51) }, 'licenseNumber'],
      ['a status', { npi: '1234567893', status: 'approved' }, 'status'],
      ['an auto-approval flag', { npi: '1234567893', autoApproved: true }, 'autoApproved'],
    ];
    it.each(cases)('%s', async (_name, body, field) => {
      const profile = await createProfile(t);
      const doctor = await makeAccount(t, 'doctor');
      const before = await countClaims();
      const response = await claim(profile.id, doctor, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Object.keys(response.body.errors)).toContain(field);
      expect(await countClaims()).toBe(before);
    });

    it('bad ids and unknown ones', async () => {
      const doctor = await makeAccount(t, 'doctor');
      expect((await t.api.post('/v1/doctors/not-a-uuid/claims', { npi: '1234567893' }, { token: doctor.accessToken })).status).toBe(400);
      expect((await t.api.post('/v1/doctors/6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11/claims', { npi: '1234567893' }, { token: doctor.accessToken })).status).toBe(404);
      expect((await t.api.post('/v1/moderation/claims/6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11/approve', undefined, admin)).status).toBe(404);
      expect((await t.api.get('/v1/moderation/claims?status=maybe', admin)).status).toBe(400);
      expect((await t.api.get('/v1/moderation/claims?after=garbage', admin)).status).toBe(400);
    });
  });

  it('deleting the owner account leaves the profile unclaimed (audited); the account\'s claims go with it', async () => {
    const profile = await createProfile(t);
    const doctor = await makeAccount(t, 'doctor');
    await giveOwnership(t, profile.id, doctor, uniqueNpi());
    expect((await t.api.delete('/v1/me', { token: doctor.accessToken })).status).toBe(204);
    expect(await ownerOf(profile.id)).toBeNull();
    const after = await t.api.get(`/v1/doctors/${profile.id}`);
    expect(after.body).toMatchObject({ claimed: false, version: 3 });
    const [release] = await t.sql(`SELECT actor_account_id, changes FROM audit_log WHERE entity_id = $1 AND action = 'doctor.owner' ORDER BY id DESC LIMIT 1`, [profile.id]);
    expect(release).toEqual({ actor_account_id: doctor.id, changes: { ownerAccountId: { before: doctor.id, after: null } } });
    expect(await t.sql('SELECT 1 FROM doctor_claims WHERE account_id = $1', [doctor.id])).toEqual([]);
  });
});

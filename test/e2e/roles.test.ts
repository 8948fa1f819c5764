import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, uniqueEmail, type TestAccount } from '../factories/account.factory.js';
import { makeDoctor, uniqueNpi } from '../factories/doctor.factory.js';
import { createProfile, giveOwnership } from '../factories/profile.factory.js';
import { createTestApp, type TestApp } from '../utils/test-app.js';

/**
 * The role × route table of the README, cell by cell, with the row unchanged wherever the call is refused.
 * Reviews, answers, merges and conflicts have their own features' tests.
 */
type Actor = 'anonymous' | 'patient' | 'doctor (owner)' | 'doctor (other)' | 'moderator' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'patient', 'doctor (owner)', 'doctor (other)', 'moderator', 'admin'];

describe('who may do what', () => {
  let t: TestApp;
  const tokens = {} as Record<Actor, string | undefined>;
  let owned: { id: string };
  let ownerAccount: TestAccount;

  /** The whole doctors row, to prove a refused call wrote nothing. */
  const row = async (id: string) => (await t.sql('SELECT to_jsonb(d) AS row FROM doctors d WHERE id = $1', [id]))[0].row;
  const version = async (id: string): Promise<number> => (await t.api.get(`/v1/doctors/${id}`)).body.version;
  const patch = async (actor: Actor, id: string, body: Record<string, unknown>) =>
    t.api.patch(`/v1/doctors/${id}`, body, { token: tokens[actor], headers: { 'if-match': `"${await version(id)}"` } });

  beforeAll(async () => {
    t = await createTestApp();
    owned = await createProfile(t, { npi: uniqueNpi(), website: 'https://owner-clinic.example.com' });
    ownerAccount = await makeAccount(t, 'doctor');
    await giveOwnership(t, owned.id, ownerAccount, uniqueNpi());
    tokens.anonymous = undefined;
    tokens['doctor (owner)'] = ownerAccount.accessToken;
    tokens.patient = (await makeAccount(t, 'patient')).accessToken;
    tokens['doctor (other)'] = (await makeAccount(t, 'doctor')).accessToken;
    tokens.moderator = (await makeAccount(t, 'moderator')).accessToken;
    tokens.admin = (await makeAccount(t, 'admin')).accessToken;
  });
  afterAll(async () => {
    await t.close();
  });

  const expected = (cells: Record<Actor, number>) => ACTORS.map((actor) => [actor, cells[actor]] as const);

  describe('read profiles', () => {
    it.each(ACTORS)('%s → 200', async (actor) => {
      expect((await t.api.get(`/v1/doctors/${owned.id}`, { token: tokens[actor] })).status).toBe(200);
      expect((await t.api.get('/v1/doctors?limit=5', { token: tokens[actor] })).status).toBe(200);
    });
  });

  describe('create a doctor', () => {
    it.each(expected({ anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 201, admin: 201 }))(
      '%s → %i',
      async (actor, status) => {
        const familyName = `Created${actor.replace(/\W/g, '')}`;
        const response = await t.api.post('/v1/doctors', makeDoctor({ familyName }), { token: tokens[actor] });
        expect(response.status, response.text).toBe(status);
        const rows = await t.sql('SELECT 1 FROM doctors WHERE family_name = $1', [familyName]);
        expect(rows).toHaveLength(status === 201 ? 1 : 0);
      },
    );
  });

  describe('delete a doctor', () => {
    it.each(expected({ anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 204, admin: 204 }))(
      '%s → %i',
      async (actor, status) => {
        // The owner tries on the profile they own; the others on a fresh one.
        const target = actor === 'doctor (owner)' ? owned : await createProfile(t);
        const before = await row(target.id);
        const response = await t.api.delete(`/v1/doctors/${target.id}`, { token: tokens[actor] });
        expect(response.status, response.text).toBe(status);
        if (status === 204) expect((await row(target.id)).deleted_at).not.toBeNull();
        else expect(await row(target.id)).toEqual(before);
      },
    );
  });

  describe('edit owner fields of a profile', () => {
    it.each(expected({ anonymous: 401, patient: 403, 'doctor (owner)': 200, 'doctor (other)': 403, moderator: 200, admin: 200 }))(
      '%s → %i',
      async (actor, status) => {
        const before = await row(owned.id);
        const bio = `Bio written by ${actor}`;
        const response = await patch(actor, owned.id, { bio, telehealth: true, languages: ['en', 'es'] });
        expect(response.status, response.text).toBe(status);
        if (status === 200) expect((await row(owned.id)).bio).toBe(bio);
        else expect(await row(owned.id)).toEqual(before);
      },
    );
  });

  describe('edit name, NPI, credentials', () => {
    // Values are made per call: an NPI can be on one live profile only.
    const fields: [string, () => unknown][] = [
      ['familyName', () => 'Renamed'],
      ['givenName', () => 'Alex'],
      ['npi', uniqueNpi],
      ['credentials', () => ['DO']],
    ];
    for (const [field, value] of fields) {
      it.each(expected({ anonymous: 401, patient: 403, 'doctor (owner)': 400, 'doctor (other)': 403, moderator: 200, admin: 200 }))(
        `${field}: %s → %i`,
        async (actor, status) => {
          // Staff edit a profile of their own making so the owned one keeps its name for the other cells.
          const target = status === 200 ? await createProfile(t) : owned;
          const before = await row(target.id);
          const response = await patch(actor, target.id, { [field]: value() });
          expect(response.status, response.text).toBe(status);
          if (status === 400) {
            expect(response.body.code).toBe('DOCTOR.FORBIDDEN_FIELDS');
            expect(Object.keys(response.body.errors)).toEqual([field]);
          }
          if (status !== 200) expect(await row(target.id)).toEqual(before);
        },
      );
    }
  });

  describe('set ratings, owner, verification: 400 for every signed-in role (anonymous callers are stopped at 401 first)', () => {
    const fields: [string, unknown][] = [
      ['rating', { score: 5 }],
      ['ownerAccountId', '6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11'],
      ['verified', true],
      ['claimed', true],
      ['provenance', { bio: { source: 'admin' } }],
      ['acceptingNewPatientsVerifiedAt', '2020-01-01T00:00:00Z'],
    ];
    for (const [field, value] of fields) {
      it.each(expected({ anonymous: 401, patient: 400, 'doctor (owner)': 400, 'doctor (other)': 400, moderator: 400, admin: 400 }))(
        `${field}: %s → %i`,
        async (actor, status) => {
          const before = await row(owned.id);
          const response = await patch(actor, owned.id, { [field]: value });
          expect(response.status, response.text).toBe(status);
          if (status === 400) expect(Object.keys(response.body.errors)).toContain(field);
          expect(await row(owned.id)).toEqual(before);
        },
      );
    }
  });

  describe('claim a profile (the owner column: the doctor whose profile it is, e-mail at its website domain)', () => {
    it.each(expected({ anonymous: 401, patient: 403, 'doctor (owner)': 202, 'doctor (other)': 202, moderator: 403, admin: 403 }))(
      '%s → %i',
      async (actor, status) => {
        const npi = uniqueNpi();
        const profile = await createProfile(t, { npi, website: 'https://rightful-owner.example.org' });
        const token = actor === 'doctor (owner)' ? (await makeAccount(t, 'doctor', { email: uniqueEmail('rightful-owner.example.org') })).accessToken : tokens[actor];
        const response = await t.api.post(`/v1/doctors/${profile.id}/claims`, { npi }, { token });
        expect(response.status, response.text).toBe(status);
        const claims = await t.sql('SELECT status FROM doctor_claims WHERE doctor_id = $1', [profile.id]);
        if (actor === 'doctor (owner)') expect(claims).toEqual([{ status: 'approved' }]);
        else if (actor === 'doctor (other)') expect(claims).toEqual([{ status: 'pending' }]);
        else expect(claims).toEqual([]);
      },
    );
  });

  describe('decide claims, read the audit log', () => {
    it.each(expected({ anonymous: 401, patient: 403, 'doctor (owner)': 403, 'doctor (other)': 403, moderator: 200, admin: 200 }))(
      '%s → %i',
      async (actor, status) => {
        const profile = await createProfile(t);
        const claimant = await makeAccount(t, 'doctor');
        const filed = (await t.api.post(`/v1/doctors/${profile.id}/claims`, { npi: uniqueNpi() }, { token: claimant.accessToken })).body;
        const token = { token: tokens[actor] };
        expect((await t.api.get('/v1/moderation/claims', token)).status).toBe(status);
        expect((await t.api.get(`/v1/audit?entityType=doctor&entityId=${profile.id}`, token)).status).toBe(status);
        const rejected = await t.api.post(`/v1/moderation/claims/${filed.id}/reject`, { reason: 'Not enough evidence' }, token);
        expect(rejected.status).toBe(status);
        const approvedOther = await t.api.post(`/v1/moderation/claims/${filed.id}/approve`, undefined, token);
        // A decided claim cannot be decided again; refused callers never got that far.
        expect(approvedOther.status).toBe(status === 200 ? 409 : status);
        const [claim] = await t.sql('SELECT status FROM doctor_claims WHERE id = $1', [filed.id]);
        expect(claim.status).toBe(status === 200 ? 'rejected' : 'pending');
      },
    );
  });
});

describe('owner edits', () => {
  let t: TestApp;
  let owner: TestAccount;
  let profile: any;
  const row = async () => (await t.sql('SELECT to_jsonb(d) AS row FROM doctors d WHERE id = $1', [profile.id]))[0].row;
  const current = async () => (await t.api.get(`/v1/doctors/${profile.id}`)).body;

  beforeAll(async () => {
    t = await createTestApp();
    profile = await createProfile(t, { npi: uniqueNpi(), acceptingNewPatients: false });
    owner = await makeAccount(t, 'doctor');
    await giveOwnership(t, profile.id, owner, uniqueNpi());
  });
  afterAll(async () => {
    await t.close();
  });

  it('records provenance `doctor` and dates accepting-new-patients to now', async () => {
    const before = await current();
    const started = Date.now();
    const response = await t.api.patch(
      `/v1/doctors/${profile.id}`,
      {
        bio: 'I see children and adults.',
        acceptingNewPatients: true,
        gender: 'female',
        website: 'https://new-site.example.com',
        photoUrl: 'https://new-site.example.com/me.jpg',
        specialties: [{ name: 'Dermatology' }],
        locations: [{ city: 'Reno', region: 'NV', country: 'US', phone: '+1 775-555-0100' }],
      },
      { token: owner.accessToken, headers: { 'if-match': `"${before.version}"` } },
    );
    expect(response.status, response.text).toBe(200);
    for (const field of ['bio', 'acceptingNewPatients', 'gender', 'website', 'photoUrl', 'specialties', 'locations']) {
      expect(response.body.provenance[field].source, field).toBe('doctor');
    }
    expect(response.body.provenance.givenName.source).toBe('admin');
    expect(Date.parse(response.body.acceptingNewPatientsVerifiedAt)).toBeGreaterThanOrEqual(started - 1000);
    expect(response.body.locations[0]).toMatchObject({ city: 'Reno', phone: '+1 775-555-0100' });
    expect(response.body.specialties[0]).toMatchObject({ code: '207N00000X' });
  });

  it('mass assignment: every field the owner may not set → 400 naming it, and no write', async () => {
    const refused: [string, unknown][] = [
      ['givenName', 'Alex'],
      ['middleName', 'Q'],
      ['familyName', 'Other'],
      ['nameSuffix', 'Jr.'],
      ['credentials', ['DO']],
      ['npi', '1234567893'],
      ['id', '6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11'],
      ['slug', 'new-slug'],
      ['displayName', 'Dr Who'],
      ['clinicianType', 'nurse_practitioner'],
      ['version', 99],
      ['rating', 5],
      ['ratingScore', 5],
      ['ownerAccountId', '6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11'],
      ['owner', 'me'],
      ['claimed', false],
      ['verified', true],
      ['acceptingNewPatientsVerifiedAt', '2020-01-01T00:00:00Z'],
      ['provenance', {}],
      ['isDemo', true],
      ['mergedIntoId', '6a1e4a36-9a7e-4c1e-9d59-3b1f4a7a0b11'],
      ['medicalSchool', 'Somewhere'],
      ['graduationYear', 1999],
      ['hospitalAffiliations', ['General']],
      ['createdAt', '2020-01-01T00:00:00Z'],
      ['updatedAt', '2020-01-01T00:00:00Z'],
      ['deletedAt', null],
    ];
    for (const [field, value] of refused) {
      const before = await row();
      const response = await t.api.patch(`/v1/doctors/${profile.id}`, { bio: 'Allowed alone', [field]: value }, {
        token: owner.accessToken,
        headers: { 'if-match': `"${before.version}"` },
      });
      expect(response.status, field).toBe(400);
      expect(Object.keys(response.body.errors), field).toEqual([field]);
      expect(await row(), field).toEqual(before);
    }
  });

  it('two PATCHes with the same ETag (owner and moderator): one 200, one 412', async () => {
    const moderator = await makeAccount(t, 'moderator');
    const { version } = await current();
    const headers = { 'if-match': `"${version}"` };
    const [a, b] = await Promise.all([
      t.api.patch(`/v1/doctors/${profile.id}`, { bio: 'From the owner' }, { token: owner.accessToken, headers }),
      t.api.patch(`/v1/doctors/${profile.id}`, { bio: 'From a moderator' }, { token: moderator.accessToken, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((await current()).version).toBe(version + 1);
  });

  it('losing the doctor role ends owner editing at once', async () => {
    const { version } = await current();
    await t.sql(`UPDATE accounts SET roles = '{patient}' WHERE id = $1`, [owner.id]);
    const response = await t.api.patch(`/v1/doctors/${profile.id}`, { bio: 'Still mine?' }, { token: owner.accessToken, headers: { 'if-match': `"${version}"` } });
    expect(response.status).toBe(403);
    await t.sql(`UPDATE accounts SET roles = '{doctor}' WHERE id = $1`, [owner.id]);
  });
});

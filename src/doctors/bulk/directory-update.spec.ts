import { describe, expect, it } from 'vitest';
import type { Provenance } from '../entities/doctor.entity.js';
import { planDirectoryUpdate, type DirectoryProfile, type ProfileLocation } from './directory-update.js';

const AT = '2026-01-02T03:04:05.000Z';

const location = (overrides: Partial<ProfileLocation> = {}): ProfileLocation => ({
  externalId: 'NY100011234',
  addressLine1: '1 MAIN ST',
  addressLine2: null,
  city: 'New York',
  cityKey: 'new york',
  region: 'NY',
  postalCode: '10001-1234',
  country: 'US',
  phone: null,
  latitude: 40.75,
  longitude: -73.99,
  geocodeStatus: 'matched',
  geocodeNote: null,
  ...overrides,
});

const profile = (overrides: Partial<DirectoryProfile> = {}): DirectoryProfile => ({
  givenName: 'Ronald',
  middleName: null,
  familyName: 'Shelton',
  nameSuffix: null,
  gender: 'male',
  credentials: ['MD'],
  medicalSchool: null,
  graduationYear: 1990,
  hospitalAffiliations: [],
  telehealth: null,
  specialties: [{ code: '207N00000X', rawName: null }],
  locations: [location()],
  ...overrides,
});

const importedBy = (source: 'import:cms' | 'doctor' | 'admin', fields: string[]): Provenance =>
  Object.fromEntries(fields.map((field) => [field, { source, at: '2025-01-01T00:00:00.000Z' }]));

const current = (overrides: Partial<DirectoryProfile>, provenance: Provenance) => ({
  ...profile(overrides),
  provenance,
  clinicianType: 'physician' as const,
});

describe('planDirectoryUpdate', () => {
  it('changes nothing when the proposal equals the profile', () => {
    const plan = planDirectoryUpdate(current({}, {}), profile(), 'import:cms', AT);
    expect(plan.changedFields).toEqual([]);
    expect(plan.conflicts).toEqual([]);
  });

  it('updates fields the import set before, or nobody set, with the import as their source', () => {
    const plan = planDirectoryUpdate(
      current({ graduationYear: 1989 }, importedBy('import:cms', ['graduationYear'])),
      profile({ medicalSchool: 'Temple University School of Medicine' }),
      'import:cms',
      AT,
    );
    expect(plan.changedFields).toEqual(['medicalSchool', 'graduationYear']);
    expect(plan.profile).toMatchObject({ medicalSchool: 'Temple University School of Medicine', graduationYear: 1990 });
    expect(plan.provenance.graduationYear).toEqual({ source: 'import:cms', at: AT });
    expect(plan.provenance.medicalSchool).toEqual({ source: 'import:cms', at: AT });
  });

  it('never overwrites what a doctor or an admin set: the proposal becomes a conflict', () => {
    const provenance = { ...importedBy('doctor', ['familyName']), ...importedBy('admin', ['locations']) };
    const plan = planDirectoryUpdate(
      current({ familyName: 'Shelton-Smith', locations: [location({ externalId: null, addressLine1: null })] }, provenance),
      profile(),
      'import:cms',
      AT,
    );
    expect(plan.changedFields).toEqual([]);
    expect(plan.profile.familyName).toBe('Shelton-Smith');
    expect(plan.provenance).toEqual(provenance);
    expect(plan.conflicts).toEqual([
      { field: 'familyName', currentValue: 'Shelton-Smith', currentSource: 'doctor', proposedValue: 'Shelton' },
      { field: 'locations', currentValue: [location({ externalId: null, addressLine1: null })], currentSource: 'admin', proposedValue: [location()] },
    ]);
  });

  it('compares locations by what was written, not by the coordinates geocoding derived', () => {
    const plan = planDirectoryUpdate(current({ locations: [location({ latitude: 1, longitude: 2 })] }, {}), profile(), 'import:cms', AT);
    expect(plan.changedFields).toEqual([]);
  });

  it('proposes only the fields the source carries', () => {
    const plan = planDirectoryUpdate(
      current({ hospitalAffiliations: ['Naples Community Hospital'], telehealth: true }, {}),
      profile({ hospitalAffiliations: [], telehealth: null, graduationYear: 1991 }),
      'import:cms',
      AT,
      ['graduationYear', 'telehealth'],
    );
    expect(plan.changedFields).toEqual(['graduationYear', 'telehealth']);
    expect(plan.profile).toMatchObject({ hospitalAffiliations: ['Naples Community Hospital'], telehealth: null, graduationYear: 1991 });
  });

  it('derives display name and clinician type from the result', () => {
    const plan = planDirectoryUpdate(
      current({ credentials: [] }, importedBy('doctor', ['specialties'])),
      profile({ credentials: ['NP'], specialties: [{ code: '363L00000X', rawName: null }] }),
      'import:cms',
      AT,
    );
    expect(plan.changedFields).toEqual(['credentials']);
    expect(plan.displayName).toBe('Ronald Shelton, NP');
    expect(plan.clinicianType).toBe('nurse_practitioner');
    expect(plan.conflicts.map((c) => c.field)).toEqual(['specialties']);
  });
});

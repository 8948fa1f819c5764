import { deriveClinicianType, type ClinicianType } from '../clinician-type.js';
import { displayNameOf } from '../profile-names.js';
import type { Provenance, ProvenanceSource } from '../entities/doctor.entity.js';
import type { LocationRow } from '../location-geocoding.js';

/** Values people chose: an import never overwrites them, it proposes a change instead. */
export const PROTECTED_SOURCES: readonly ProvenanceSource[] = ['doctor', 'moderator', 'admin'];

export interface ProfileSpecialty {
  code: string | null;
  rawName: string | null;
}

/** A location as a list holds it: its position is its place in the list. */
export type ProfileLocation = Omit<LocationRow, 'position'>;

/** The profile fields a directory import writes, as the API and `provenance` name them. */
export interface DirectoryProfile {
  givenName: string;
  middleName: string | null;
  familyName: string;
  nameSuffix: string | null;
  gender: 'female' | 'male' | 'non_binary' | 'other' | null;
  credentials: string[];
  medicalSchool: string | null;
  graduationYear: number | null;
  hospitalAffiliations: string[];
  telehealth: boolean | null;
  /** Primary first. */
  specialties: ProfileSpecialty[];
  locations: ProfileLocation[];
}

export type DirectoryField = keyof DirectoryProfile;

export const DIRECTORY_FIELDS: readonly DirectoryField[] = [
  'givenName',
  'middleName',
  'familyName',
  'nameSuffix',
  'gender',
  'credentials',
  'medicalSchool',
  'graduationYear',
  'hospitalAffiliations',
  'telehealth',
  'specialties',
  'locations',
];

export interface ConflictProposal {
  field: DirectoryField;
  currentValue: unknown;
  currentSource: ProvenanceSource;
  proposedValue: unknown;
}

export interface DirectoryUpdatePlan {
  /** The profile after the update: proposed values where allowed, current ones elsewhere. */
  profile: DirectoryProfile;
  changedFields: DirectoryField[];
  provenance: Provenance;
  displayName: string;
  clinicianType: ClinicianType;
  conflicts: ConflictProposal[];
}

/** What makes two values of a field the same; for locations, what was written, not what geocoding derived. */
function comparable(field: DirectoryField, profile: DirectoryProfile): unknown {
  if (field === 'specialties') return profile.specialties.map((s) => [s.code, s.code ? null : s.rawName]);
  if (field === 'locations') {
    return profile.locations.map((l) => [l.externalId, l.addressLine1, l.addressLine2, l.city, l.region, l.postalCode, l.country, l.phone]);
  }
  return profile[field];
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Decides, field by field, what a directory import may change on an existing profile: a field whose value was
 * set by a doctor, a moderator or an admin keeps it, and a differing proposal becomes a conflict for moderators;
 * any other field (never set, or set by an import or demo data) takes the proposed value and the import's
 * provenance. Only the `fields` the source carries are proposed: a file without hospital columns says nothing
 * about hospitals. Display name and clinician type follow the result.
 */
export function planDirectoryUpdate(
  current: DirectoryProfile & { provenance: Provenance; clinicianType: ClinicianType },
  proposed: DirectoryProfile,
  source: ProvenanceSource,
  at: string,
  fields: readonly DirectoryField[] = DIRECTORY_FIELDS,
): DirectoryUpdatePlan {
  const profile: DirectoryProfile = { ...current };
  const provenance: Provenance = { ...current.provenance };
  const changedFields: DirectoryField[] = [];
  const conflicts: ConflictProposal[] = [];
  for (const field of fields) {
    if (sameValue(comparable(field, current), comparable(field, proposed))) continue;
    const setBy = current.provenance[field]?.source;
    if (setBy && PROTECTED_SOURCES.includes(setBy)) {
      conflicts.push({ field, currentValue: current[field], currentSource: setBy, proposedValue: proposed[field] });
      continue;
    }
    (profile as unknown as Record<DirectoryField, unknown>)[field] = proposed[field];
    provenance[field] = { source, at };
    changedFields.push(field);
  }
  const typeChanged = changedFields.includes('credentials') || changedFields.includes('specialties');
  return {
    profile,
    changedFields,
    provenance,
    displayName: displayNameOf(profile.givenName, profile.familyName, profile.nameSuffix, profile.credentials),
    clinicianType: typeChanged
      ? deriveClinicianType(profile.credentials, profile.specialties.flatMap((s) => (s.code ? [s.code] : [])))
      : current.clinicianType,
    conflicts,
  };
}

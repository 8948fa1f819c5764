import { EMPTY_RATING_SUMMARY } from '../reviews/statistics/rating-summary.js';
import type { ClinicianType } from './clinician-type.js';
import type { DoctorProfileRow } from './doctors.repository.js';
import type { DoctorDto } from './dto/doctor-response.dto.js';
import type { Gender, ProvenanceSource } from './entities/doctor.entity.js';
import type { GeocodeStatus } from './entities/practice-location.entity.js';

/** The API shape of a profile row (camelCase, coordinates grouped, dates as ISO strings). */
export function presentDoctor(row: DoctorProfileRow): DoctorDto {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.display_name,
    givenName: row.given_name,
    middleName: row.middle_name,
    familyName: row.family_name,
    nameSuffix: row.name_suffix,
    credentials: row.credentials,
    credentialsRaw: row.credentials_raw,
    clinicianType: row.clinician_type as ClinicianType,
    npi: row.npi,
    gender: row.gender as Gender | null,
    languages: row.languages,
    bio: row.bio,
    website: row.website,
    photoUrl: row.photo_url,
    telehealth: row.telehealth,
    acceptingNewPatients: row.accepting_new_patients,
    acceptingNewPatientsVerifiedAt: row.accepting_new_patients_verified_at?.toISOString() ?? null,
    specialties: row.specialties,
    locations: row.locations.map((l) => ({
      id: l.id,
      addressLine1: l.addressLine1,
      addressLine2: l.addressLine2,
      city: l.city,
      region: l.region,
      postalCode: l.postalCode,
      country: l.country,
      phone: l.phone,
      coordinates: l.latitude === null || l.longitude === null ? null : { lat: l.latitude, lng: l.longitude },
      geocode: { status: l.geocodeStatus as GeocodeStatus, note: l.geocodeNote },
    })),
    medicalSchool: row.medical_school,
    graduationYear: row.graduation_year,
    hospitalAffiliations: row.hospital_affiliations,
    provenance: row.provenance as Record<string, { source: ProvenanceSource; at: string }>,
    rating: row.rating ?? EMPTY_RATING_SUMMARY,
    isDemo: row.is_demo,
    claimed: row.claimed,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

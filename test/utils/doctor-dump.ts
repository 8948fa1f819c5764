import type { TestApp } from './test-app.js';

/**
 * Every live profile with its specialties and locations, keyed by natural keys (NPI, slug, position): what an
 * import must leave the same however it got there. Ids, timestamps and outbox rows are left out, except that
 * `withIds` keeps location ids (to check that re-imports keep them).
 */
export async function dumpDoctors(t: TestApp, { withIds = false } = {}): Promise<unknown[]> {
  return t.sql(
    `SELECT d.npi, d.slug, d.given_name, d.middle_name, d.family_name, d.name_suffix, d.display_name, d.credentials, d.credentials_raw,
            d.clinician_type, d.gender, d.medical_school, d.graduation_year, d.hospital_affiliations, d.telehealth, d.version,
            (SELECT jsonb_object_agg(p.key, p.value->>'source') FROM jsonb_each(d.provenance) AS p) AS provenance,
            (SELECT json_agg(json_build_object('code', s.specialty_code, 'raw', s.raw_name, 'primary', s.is_primary) ORDER BY s.position)
               FROM doctor_specialties s WHERE s.doctor_id = d.id) AS specialties,
            (SELECT json_agg(json_build_object('id', CASE WHEN $1 THEN l.id END, 'externalId', l.external_id, 'line1', l.address_line1,
                                               'line2', l.address_line2, 'city', l.city, 'region', l.region, 'postalCode', l.postal_code,
                                               'phone', l.phone, 'lat', l.latitude, 'lng', l.longitude, 'geocode', l.geocode_status)
                             ORDER BY l.position)
               FROM practice_locations l WHERE l.doctor_id = d.id) AS locations
       FROM doctors d WHERE d.deleted_at IS NULL
      ORDER BY d.npi NULLS LAST, d.slug`,
    [withIds],
  );
}

import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { DoctorSlugRedirect } from './entities/doctor-slug-redirect.entity.js';
import { DoctorSpecialty } from './entities/doctor-specialty.entity.js';
import { Doctor } from './entities/doctor.entity.js';
import { PracticeLocation } from './entities/practice-location.entity.js';
import type { RatingSummary } from '../reviews/statistics/rating-summary.js';

/** A profile as read in one query: the doctor row with its specialties and locations as JSON. */
export interface DoctorProfileRow {
  id: string;
  slug: string;
  display_name: string;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  name_suffix: string | null;
  credentials: string[];
  credentials_raw: string | null;
  clinician_type: string;
  npi: string | null;
  gender: string | null;
  languages: string[];
  bio: string | null;
  website: string | null;
  photo_url: string | null;
  telehealth: boolean | null;
  accepting_new_patients: boolean | null;
  accepting_new_patients_verified_at: Date | null;
  medical_school: string | null;
  graduation_year: number | null;
  hospital_affiliations: string[];
  provenance: Record<string, { source: string; at: string }>;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  claimed: boolean;
  /** Null until the doctor's first rating write. */
  rating: RatingSummary | null;
  rating_changed_at: Date | null;
  specialties: { code: string | null; name: string; practitionerNoun: string | null; primary: boolean }[];
  locations: {
    id: string;
    addressLine1: string | null;
    addressLine2: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string;
    phone: string | null;
    latitude: number | null;
    longitude: number | null;
    geocodeStatus: string;
    geocodeNote: string | null;
  }[];
}

/**
 * The profile projection: one round trip per page of doctors. The benchmark's bare-handler baseline runs this same
 * statement, so keep it the only read path for profiles. The rating summary is read as the reviews feature keeps it
 * (`doctor_ratings`, written only by that feature), so a profile never aggregates ratings.
 */
export const PROFILE_SELECT = `
  SELECT d.id, d.slug, d.display_name, d.given_name, d.middle_name, d.family_name, d.name_suffix, d.credentials,
         d.credentials_raw, d.clinician_type, d.npi, d.gender, d.languages, d.bio, d.website, d.photo_url, d.telehealth,
         d.accepting_new_patients, d.accepting_new_patients_verified_at, d.medical_school, d.graduation_year,
         d.hospital_affiliations, d.provenance, d.is_demo, d.created_at, d.updated_at, d.version,
         d.owner_account_id IS NOT NULL AS claimed,
         r.summary AS rating, r.changed_at AS rating_changed_at,
         COALESCE((SELECT json_agg(json_build_object(
                    'code', ds.specialty_code, 'name', COALESCE(s.name, ds.raw_name),
                    'practitionerNoun', s.practitioner_noun, 'primary', ds.is_primary) ORDER BY ds.position)
                   FROM doctor_specialties ds LEFT JOIN specialties s ON s.code = ds.specialty_code
                  WHERE ds.doctor_id = d.id), '[]') AS specialties,
         COALESCE((SELECT json_agg(json_build_object(
                    'id', l.id, 'addressLine1', l.address_line1, 'addressLine2', l.address_line2, 'city', l.city,
                    'region', l.region, 'postalCode', l.postal_code, 'country', l.country, 'phone', l.phone,
                    'latitude', l.latitude, 'longitude', l.longitude, 'geocodeStatus', l.geocode_status,
                    'geocodeNote', l.geocode_note) ORDER BY l.position)
                   FROM practice_locations l WHERE l.doctor_id = d.id), '[]') AS locations
    FROM doctors d LEFT JOIN doctor_ratings r ON r.doctor_id = d.id`;

export interface DoctorListFilter {
  cityKeys?: string[];
  region?: string;
  country?: string;
  specialtyCode?: string;
  npi?: string;
  afterId?: string;
  limit: number;
}

/** A profile as the doctor matcher compares it. */
export interface MatchProfileRow {
  id: string;
  slug: string;
  display_name: string;
  given_name: string;
  family_name: string;
  credentials: string[];
  npi: string | null;
  city_keys: string[];
  regions: string[];
  specialty_codes: string[];
}

export type DoctorChanges = Partial<Omit<Doctor, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>>;

/** All SQL about doctors, specialties of doctors, locations and slugs. */
@Injectable()
export class DoctorsRepository {
  constructor(private readonly db: Database) {}

  async findProfile(id: string): Promise<DoctorProfileRow | undefined> {
    const rows = await this.db.query<DoctorProfileRow>(`${PROFILE_SELECT} WHERE d.id = $1 AND d.deleted_at IS NULL`, [id]);
    return rows[0];
  }

  async findProfiles(ids: readonly string[]): Promise<DoctorProfileRow[]> {
    if (ids.length === 0) return [];
    return this.db.query<DoctorProfileRow>(`${PROFILE_SELECT} WHERE d.id = ANY($1::uuid[]) AND d.deleted_at IS NULL`, [ids]);
  }

  async pageIds(afterId: string | undefined, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM doctors WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId ?? null, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Keyset page ordered by id (stable while rows are added); filters are all parameters. */
  async page(filter: DoctorListFilter): Promise<DoctorProfileRow[]> {
    const conditions = ['d.deleted_at IS NULL'];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.npi !== undefined) conditions.push(`d.npi = ${param(filter.npi)}`);
    if (filter.afterId !== undefined) conditions.push(`d.id > ${param(filter.afterId)}::uuid`);
    if (filter.specialtyCode !== undefined) {
      conditions.push(`EXISTS (SELECT 1 FROM doctor_specialties ds WHERE ds.doctor_id = d.id AND ds.specialty_code = ${param(filter.specialtyCode)})`);
    }
    const location: string[] = [];
    if (filter.cityKeys !== undefined) location.push(`l.city_key = ANY(${param(filter.cityKeys)}::text[])`);
    if (filter.region !== undefined) location.push(`upper(l.region) = upper(${param(filter.region)})`);
    if (filter.country !== undefined) location.push(`l.country = upper(${param(filter.country)})`);
    if (location.length > 0) {
      conditions.push(`EXISTS (SELECT 1 FROM practice_locations l WHERE l.doctor_id = d.id AND ${location.join(' AND ')})`);
    }
    return this.db.query<DoctorProfileRow>(
      `${PROFILE_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY d.id LIMIT ${param(filter.limit + 1)}`,
      params,
    );
  }

  /** Current state for a write, locked against concurrent writers of the same profile. */
  async lockForUpdate(id: string): Promise<Doctor | null> {
    return this.db
      .repository(Doctor)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id AND d.deleted_at IS NULL', { id })
      .getOne();
  }

  async insert(doctor: DoctorChanges): Promise<string> {
    const result = await this.db.repository(Doctor).insert(doctor);
    return (result.identifiers[0] as { id: string }).id;
  }

  /**
   * Applies changes only if the row still has `expectedVersion`, bumping it; false when it was changed meanwhile
   * (or deleted). TypeORM's version column alone does not guard concurrent writers.
   */
  async updateIfVersion(id: string, expectedVersion: number, changes: DoctorChanges): Promise<boolean> {
    const result = await this.db
      .repository(Doctor)
      .createQueryBuilder()
      .update(Doctor)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion AND deleted_at IS NULL', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }

  async exists(id: string): Promise<boolean> {
    const rows = await this.db.query('SELECT 1 FROM doctors WHERE id = $1 AND deleted_at IS NULL', [id]);
    return rows.length > 0;
  }

  async softDelete(id: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE doctors SET deleted_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async findOwnerAccountId(id: string): Promise<string | null> {
    const rows = await this.db.query<{ owner_account_id: string | null }>(
      'SELECT owner_account_id FROM doctors WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return rows[0]?.owner_account_id ?? null;
  }

  /** Sets or clears the owner of a live profile, bumping its version; false when there is no such profile. */
  async setOwner(id: string, accountId: string | null): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE doctors SET owner_account_id = $2, updated_at = now(), version = version + 1
        WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id, accountId],
    );
    return rows.length > 0;
  }

  async findOwnedIds(accountId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM doctors WHERE owner_account_id = $1 AND deleted_at IS NULL', [accountId]);
    return rows.map((r) => r.id);
  }

  async replaceSpecialties(doctorId: string, specialties: Omit<DoctorSpecialty, 'doctorId'>[]): Promise<void> {
    const repository = this.db.repository(DoctorSpecialty);
    await repository.delete({ doctorId });
    if (specialties.length > 0) await repository.insert(specialties.map((s) => ({ ...s, doctorId })));
  }

  async replaceLocations(doctorId: string, locations: Omit<PracticeLocation, 'id' | 'doctorId'>[]): Promise<void> {
    const repository = this.db.repository(PracticeLocation);
    await repository.delete({ doctorId });
    if (locations.length > 0) await repository.insert(locations.map((l) => ({ ...l, doctorId })));
  }

  async findIdBySlug(slug: string): Promise<string | undefined> {
    const rows = await this.db.query<{ id: string }>('SELECT id FROM doctors WHERE slug = $1 AND deleted_at IS NULL', [slug]);
    return rows[0]?.id;
  }

  /** Where an old slug points now: the current slug of the doctor it was moved to. */
  async findRedirectTarget(slug: string): Promise<string | undefined> {
    const rows = await this.db.query<{ slug: string }>(
      `SELECT d.slug FROM doctor_slug_redirects r JOIN doctors d ON d.id = r.doctor_id
        WHERE r.slug = $1 AND d.deleted_at IS NULL`,
      [slug],
    );
    return rows[0]?.slug;
  }

  /** The current slug of the live profile a merged profile was merged into. */
  async findMergeTarget(id: string): Promise<string | undefined> {
    const rows = await this.db.query<{ slug: string }>(
      `SELECT k.slug FROM doctors m JOIN doctors k ON k.id = m.merged_into_id WHERE m.id = $1 AND k.deleted_at IS NULL`,
      [id],
    );
    return rows[0]?.slug;
  }

  /**
   * The first free slug among `base`, `base-2`, `base-3`… counting old slugs as taken (they keep redirecting).
   * Serialised per base with a transaction-level advisory lock, so two writers never pick the same one.
   */
  async reserveSlug(base: string): Promise<string> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`doctor-slug:${base}`]);
    const rows = await this.db.query<{ slug: string }>(
      `SELECT slug FROM doctors WHERE slug = $1 OR slug LIKE $2
       UNION SELECT slug FROM doctor_slug_redirects WHERE slug = $1 OR slug LIKE $2`,
      [base, `${base.replace(/[%_\\]/g, '\\$&')}-%`],
    );
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n += 1) {
      if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
    }
  }

  /**
   * Live, non-demo profiles sharing a family-name word (doctor_name_tokens) or holding one of the NPIs, with their
   * cities, regions and specialty codes. `withoutNpi` limits them to profiles without an NPI (its own index). The
   * statement has only the conditions in use, so the planner can pick the indexes for them.
   */
  async findMatchProfiles(familyTokens: readonly string[], npis: readonly string[], withoutNpi: boolean): Promise<MatchProfileRow[]> {
    return this.db.query<MatchProfileRow>(
      `SELECT d.id, d.slug, d.display_name, d.given_name, d.family_name, d.credentials, d.npi,
              ARRAY(SELECT DISTINCT l.city_key FROM practice_locations l WHERE l.doctor_id = d.id AND l.city_key IS NOT NULL) AS city_keys,
              ARRAY(SELECT DISTINCT l.region FROM practice_locations l WHERE l.doctor_id = d.id AND l.region IS NOT NULL) AS regions,
              ARRAY(SELECT ds.specialty_code FROM doctor_specialties ds
                     WHERE ds.doctor_id = d.id AND ds.specialty_code IS NOT NULL ORDER BY ds.position) AS specialty_codes
         FROM doctors d
        WHERE d.deleted_at IS NULL AND NOT d.is_demo ${withoutNpi ? 'AND d.npi IS NULL' : ''}
          AND (doctor_name_tokens(d.family_name) && $1::text[] ${npis.length > 0 ? 'OR d.npi = ANY($2::text[])' : ''})`,
      npis.length > 0 ? [familyTokens, npis] : [familyTokens],
    );
  }

  async addRedirect(slug: string, doctorId: string): Promise<void> {
    await this.db.repository(DoctorSlugRedirect).upsert({ slug, doctorId }, ['slug']);
  }

  /**
   * Gives a renamed profile a slug from `base` (unless its slug already is `base` or `base-n`); the old slug
   * keeps working as a redirect (301).
   */
  async renameSlug(id: string, base: string): Promise<void> {
    const [current] = await this.db.query<{ slug: string }>('SELECT slug FROM doctors WHERE id = $1', [id]);
    const keeps = current && (current.slug === base || (current.slug.startsWith(`${base}-`) && /^\d+$/.test(current.slug.slice(base.length + 1))));
    if (!current || keeps) return;
    const slug = await this.reserveSlug(base);
    await this.addRedirect(current.slug, id);
    await this.db.query('UPDATE doctors SET slug = $2 WHERE id = $1', [id, slug]);
  }
}

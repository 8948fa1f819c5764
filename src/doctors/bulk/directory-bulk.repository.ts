import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import type { ClinicianType } from '../clinician-type.js';
import type { Provenance, ProvenanceSource } from '../entities/doctor.entity.js';
import { STAGING_COLUMNS } from './directory-row.js';
import type { DirectoryProfile, ProfileLocation, ProfileSpecialty } from './directory-update.js';

const STAGING_TABLE = /^import_staging_[0-9a-f]{32}$/;

/** Staging tables are named by the bulk writer; anything else never reaches the SQL below. */
export function assertStagingTable(name: string): string {
  if (!STAGING_TABLE.test(name)) throw new Error(`"${name}" is not a staging table name`);
  return name;
}

/** A location as JSON in the shape of ProfileLocation, from a row of `alias` with practice_locations' columns. */
const locationJson = (alias: string, externalId: string): string => `json_build_object(
  'externalId', ${alias}.${externalId}, 'addressLine1', ${alias}.address_line1, 'addressLine2', ${alias}.address_line2,
  'city', ${alias}.city, 'cityKey', ${alias}.city_key, 'region', ${alias}.region, 'postalCode', ${alias}.postal_code,
  'country', ${alias}.country, 'phone', ${alias}.phone, 'latitude', ${alias}.latitude, 'longitude', ${alias}.longitude,
  'geocodeStatus', ${alias}.geocode_status, 'geocodeNote', ${alias}.geocode_note)`;

/** Whether a slug is used by a profile (live or not) or kept as an old slug that redirects. */
const slugTaken = (slug: string): string =>
  `(EXISTS (SELECT 1 FROM doctors t WHERE t.slug = ${slug}) OR EXISTS (SELECT 1 FROM doctor_slug_redirects t WHERE t.slug = ${slug}))`;

/** The doctor columns a directory import writes. */
interface DirectoryColumns {
  given_name: string;
  middle_name: string | null;
  family_name: string;
  name_suffix: string | null;
  gender: DirectoryProfile['gender'];
  credentials: string[];
  credentials_raw: string | null;
  medical_school: string | null;
  graduation_year: number | null;
  hospital_affiliations: string[];
  telehealth: boolean | null;
  clinician_type: ClinicianType;
  provenance: Provenance;
}

/** An existing profile of the chunk with what the directory now says about it. */
export interface ExistingProfileRow extends DirectoryColumns {
  npi: string;
  doctor_id: string;
  specialties: ProfileSpecialty[];
  locations: (ProfileLocation & { id: string })[];
  proposed: DirectoryProfile & { credentialsRaw: string | null };
}

/** A chunk row without a profile whose family name some profile without an NPI shares. */
export interface NamesakeRow {
  npi: string;
  given_name: string;
  family_name: string;
  credentials: string[];
  city: string | null;
  region: string | null;
  specialty_code: string | null;
}

export interface DoctorUpdateRow extends DirectoryColumns {
  id: string;
  display_name: string;
}

export interface ConflictRow {
  doctor_id: string;
  field: string;
  current_value: unknown;
  current_source: ProvenanceSource;
  proposed_value: unknown;
}

/**
 * The set-wise SQL of directory imports: a staging table per run, a plan of the records that changed, and
 * per chunk of the plan a temporary `chunk_doctors` table (one row per NPI) that the steps read and fill in.
 */
@Injectable()
export class DirectoryBulkRepository {
  constructor(private readonly db: Database) {}

  async createStaging(table: string): Promise<void> {
    assertStagingTable(table);
    await this.dropStaging(table);
    // Unlogged: staging data is rebuilt from the file when lost, so it need not cost WAL.
    await this.db.query(`CREATE UNLOGGED TABLE ${table} (${STAGING_COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ')})`);
  }

  async copyIntoStaging(table: string, lines: AsyncIterable<string>): Promise<void> {
    assertStagingTable(table);
    await this.db.copyFrom(`COPY ${table} (${STAGING_COLUMNS.map(([column]) => column).join(', ')}) FROM STDIN`, lines);
  }

  /** Rows staged, or null when the table is gone (e.g. the database restarted: unlogged tables come back empty). */
  async stagedRows(table: string): Promise<number | null> {
    assertStagingTable(table);
    const [exists] = await this.db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
    if (!exists?.present) return null;
    const [count] = await this.db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`);
    return count?.n ?? 0;
  }

  /**
   * The NPIs whose staged rows differ from what was last imported from `directory` (an md5 of their rows' hashes),
   * numbered into chunks of `chunkSize` NPIs in NPI order. NPIs without a live profile get their slug here, once
   * for the whole file, so that chunks applied side by side never compete for one: `given-family-city` when
   * free, else with the NPI's last four digits, else with the whole NPI. Returns the number of chunks.
   */
  async plan(table: string, directory: string, chunkSize: number): Promise<number> {
    assertStagingTable(table);
    await this.db.query(`DROP TABLE IF EXISTS ${table}_plan`);
    await this.db.query(`CREATE UNLOGGED TABLE ${table}_plan (npi text PRIMARY KEY, fingerprint text NOT NULL, chunk integer NOT NULL, slug text)`);
    await this.db.query(
      `WITH fingerprinted AS (
         SELECT s.npi, md5(string_agg(s.row_hash, '' ORDER BY s.row)) AS fingerprint,
                (array_agg(s.slug_base ORDER BY s.row))[1] AS slug_base
           FROM ${table} s GROUP BY s.npi
       ), changed AS (
         SELECT f.* FROM fingerprinted f
           LEFT JOIN doctor_source_records r ON r.source = $1 AND r.external_key = f.npi
          WHERE r.fingerprint IS DISTINCT FROM f.fingerprint
       ), fresh AS (
         SELECT c.npi, c.slug_base, c.slug_base || '-' || right(c.npi, 4) AS short_slug, c.slug_base || '-' || c.npi AS long_slug,
                row_number() OVER (PARTITION BY c.slug_base ORDER BY c.npi) AS base_rank,
                row_number() OVER (PARTITION BY c.slug_base || '-' || right(c.npi, 4) ORDER BY c.npi) AS short_rank
           FROM changed c
          WHERE NOT EXISTS (SELECT 1 FROM doctors d WHERE d.npi = c.npi AND d.deleted_at IS NULL)
       )
       INSERT INTO ${table}_plan (npi, fingerprint, chunk, slug)
       SELECT c.npi, c.fingerprint, (row_number() OVER (ORDER BY c.npi) - 1) / $2,
              CASE WHEN f.npi IS NULL THEN NULL
                   WHEN f.base_rank = 1 AND NOT ${slugTaken('f.slug_base')} THEN f.slug_base
                   WHEN f.short_rank = 1 AND NOT ${slugTaken('f.short_slug')} THEN f.short_slug
                   ELSE f.long_slug END
         FROM changed c LEFT JOIN fresh f ON f.npi = c.npi`,
      [directory, chunkSize],
    );
    await this.db.query(`CREATE INDEX ${table}_plan_chunk ON ${table}_plan (chunk)`);
    await this.db.query(`CREATE INDEX ${table}_npi ON ${table} (npi)`);
    const [result] = await this.db.query<{ chunks: number }>(`SELECT COALESCE(max(chunk) + 1, 0)::integer AS chunks FROM ${table}_plan`);
    return result?.chunks ?? 0;
  }

  async dropStaging(table: string): Promise<void> {
    assertStagingTable(table);
    await this.db.query(`DROP TABLE IF EXISTS ${table}_plan, ${table}`);
  }

  /** chunk_doctors: the chunk's NPIs with the first staged row of each, and the live profile holding the NPI. */
  async loadChunk(table: string, chunk: number): Promise<void> {
    assertStagingTable(table);
    if (!Number.isInteger(chunk) || chunk < 0) throw new Error(`Invalid chunk ${chunk}`);
    // CREATE TABLE AS takes no parameters: the chunk is a checked integer.
    await this.db.query(
      `CREATE TEMP TABLE chunk_doctors ON COMMIT DROP AS
       SELECT DISTINCT ON (s.npi) s.*, p.fingerprint, p.slug, d.id AS doctor_id, false AS created
         FROM ${table}_plan p JOIN ${table} s ON s.npi = p.npi
         LEFT JOIN doctors d ON d.npi = s.npi AND d.deleted_at IS NULL
        WHERE p.chunk = ${chunk}
        ORDER BY s.npi, s.row`,
    );
  }

  async namesakesWithoutProfile(): Promise<NamesakeRow[]> {
    return this.db.query<NamesakeRow>(
      `SELECT c.npi, c.given_name, c.family_name, c.credentials, c.city, c.region, c.specialty_codes[1] AS specialty_code
         FROM chunk_doctors c
        WHERE c.doctor_id IS NULL
          AND EXISTS (SELECT 1 FROM doctors d
                       WHERE d.deleted_at IS NULL AND d.npi IS NULL AND NOT d.is_demo
                         AND doctor_name_tokens(d.family_name) && doctor_name_tokens(c.family_name))`,
    );
  }

  /** Gives profiles without an NPI the NPI of the directory record they were matched to. */
  async attach(pairs: readonly { doctorId: string; npi: string }[], npiProvenance: Provenance[string]): Promise<void> {
    if (pairs.length === 0) return;
    const params = [pairs.map((p) => p.doctorId), pairs.map((p) => p.npi), JSON.stringify(npiProvenance)];
    const attached = await this.db.query<{ id: string; npi: string }>(
      `UPDATE doctors d SET npi = a.npi, provenance = d.provenance || jsonb_build_object('npi', $3::jsonb),
                            version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS a(id, npi)
        WHERE d.id = a.id AND d.npi IS NULL AND d.deleted_at IS NULL
        RETURNING d.id, a.npi`,
      params,
    );
    await this.db.query(
      `UPDATE chunk_doctors c SET doctor_id = a.id FROM unnest($1::uuid[], $2::text[]) AS a(id, npi) WHERE c.npi = a.npi`,
      [attached.map((a) => a.id), attached.map((a) => a.npi)],
    );
  }

  /**
   * Profiles for the chunk's NPIs that have none, with their specialties and one location per address, under the
   * slugs the plan gave them (a slug taken meanwhile, or a profile deleted since the plan, gets one made from the
   * NPI). Returns the new
   * profiles' ids and how many locations they got.
   */
  async insertNewProfiles(table: string, provenance: Provenance): Promise<{ ids: string[]; locations: number }> {
    assertStagingTable(table);
    const inserted = await this.db.query<{ doctor_id: string }>(
      `WITH inserted AS (
         INSERT INTO doctors (id, slug, given_name, middle_name, family_name, name_suffix, display_name, credentials, credentials_raw,
                              clinician_type, npi, gender, medical_school, graduation_year, hospital_affiliations, telehealth, provenance)
         SELECT uuidv7(), CASE WHEN c.slug IS NULL OR ${slugTaken('c.slug')} THEN c.slug_base || '-' || c.npi || '-' || left(md5(c.npi), 6) ELSE c.slug END,
                given_name, middle_name, family_name, name_suffix, display_name, credentials, credentials_raw,
                clinician_type, npi, gender, medical_school, graduation_year, hospital_affiliations, telehealth, $1::jsonb
           FROM chunk_doctors c WHERE c.doctor_id IS NULL
         RETURNING id, npi
       )
       UPDATE chunk_doctors c SET doctor_id = i.id, created = true FROM inserted i WHERE c.npi = i.npi RETURNING c.doctor_id`,
      [JSON.stringify(provenance)],
    );
    if (inserted.length === 0) return { ids: [], locations: 0 };
    await this.db.query(
      `INSERT INTO doctor_specialties (doctor_id, position, specialty_code, raw_name, is_primary)
       SELECT c.doctor_id, sp.ord - 1, sp.code, sp.raw_name, sp.ord = 1
         FROM chunk_doctors c, unnest(c.specialty_codes, c.specialty_names) WITH ORDINALITY AS sp(code, raw_name, ord)
        WHERE c.created`,
    );
    const [locations] = await this.db.query<{ n: number }>(
      `WITH inserted AS (
         INSERT INTO practice_locations (doctor_id, position, address_line1, address_line2, city, city_key, region, postal_code, country,
                                         phone, latitude, longitude, geocode_status, geocode_note, external_id)
         SELECT l.doctor_id, row_number() OVER (PARTITION BY l.doctor_id ORDER BY l.row) - 1, l.address_line1, l.address_line2, l.city,
                l.city_key, l.region, l.postal_code, l.country, l.phone, l.latitude, l.longitude, l.geocode_status, l.geocode_note, l.address_key
           FROM (SELECT DISTINCT ON (s.npi, s.address_key) c.doctor_id, s.*
                   FROM ${table} s JOIN chunk_doctors c ON c.npi = s.npi
                  WHERE c.created ORDER BY s.npi, s.address_key, s.row) l
         RETURNING 1)
       SELECT count(*)::integer AS n FROM inserted`,
    );
    return { ids: inserted.map((row) => row.doctor_id), locations: locations?.n ?? 0 };
  }

  /** The chunk's existing profiles, locked, with their current values and the directory's proposal. */
  async lockExistingProfiles(table: string): Promise<ExistingProfileRow[]> {
    assertStagingTable(table);
    return this.db.query<ExistingProfileRow>(
      `SELECT c.npi, c.doctor_id, d.given_name, d.middle_name, d.family_name, d.name_suffix, d.gender, d.credentials, d.credentials_raw, d.medical_school,
              d.graduation_year, d.hospital_affiliations, d.telehealth, d.clinician_type, d.provenance,
              COALESCE((SELECT json_agg(json_build_object('code', ds.specialty_code, 'rawName', ds.raw_name) ORDER BY ds.position)
                          FROM doctor_specialties ds WHERE ds.doctor_id = d.id), '[]') AS specialties,
              COALESCE((SELECT json_agg((${locationJson('l', 'external_id')})::jsonb || jsonb_build_object('id', l.id) ORDER BY l.position)
                          FROM practice_locations l WHERE l.doctor_id = d.id), '[]') AS locations,
              json_build_object(
                'givenName', c.given_name, 'middleName', c.middle_name, 'familyName', c.family_name, 'nameSuffix', c.name_suffix,
                'gender', c.gender, 'credentials', c.credentials, 'credentialsRaw', c.credentials_raw, 'medicalSchool', c.medical_school,
                'graduationYear', c.graduation_year, 'hospitalAffiliations', c.hospital_affiliations, 'telehealth', c.telehealth,
                'specialties', (SELECT COALESCE(json_agg(json_build_object('code', sp.code, 'rawName', sp.raw_name) ORDER BY sp.ord), '[]')
                                  FROM unnest(c.specialty_codes, c.specialty_names) WITH ORDINALITY AS sp(code, raw_name, ord)),
                'locations', (SELECT COALESCE(json_agg(${locationJson('x', 'address_key')} ORDER BY x.row), '[]')
                                FROM (SELECT DISTINCT ON (s.address_key) s.* FROM ${table} s WHERE s.npi = c.npi ORDER BY s.address_key, s.row) x)
              ) AS proposed
         FROM chunk_doctors c JOIN doctors d ON d.id = c.doctor_id
        WHERE NOT c.created
        ORDER BY d.id
          FOR UPDATE OF d`,
    );
  }

  async updateProfiles(rows: readonly DoctorUpdateRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE doctors d
          SET given_name = u.given_name, middle_name = u.middle_name, family_name = u.family_name, name_suffix = u.name_suffix,
              gender = u.gender, credentials = u.credentials, credentials_raw = u.credentials_raw, medical_school = u.medical_school,
              graduation_year = u.graduation_year, hospital_affiliations = u.hospital_affiliations, telehealth = u.telehealth,
              display_name = u.display_name, clinician_type = u.clinician_type, provenance = u.provenance,
              version = d.version + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, given_name text, middle_name text, family_name text, name_suffix text, gender text,
              credentials text[], credentials_raw text, medical_school text, graduation_year smallint, hospital_affiliations text[],
              telehealth boolean, display_name text, clinician_type text, provenance jsonb)
        WHERE d.id = u.id`,
      [JSON.stringify(rows)],
    );
  }

  async replaceSpecialties(byDoctor: ReadonlyMap<string, readonly ProfileSpecialty[]>): Promise<void> {
    if (byDoctor.size === 0) return;
    const rows = [...byDoctor].flatMap(([doctorId, specialties]) =>
      specialties.map((s, position) => ({ doctor_id: doctorId, position, specialty_code: s.code, raw_name: s.rawName, is_primary: position === 0 })),
    );
    await this.db.query('DELETE FROM doctor_specialties WHERE doctor_id = ANY($1::uuid[])', [[...byDoctor.keys()]]);
    await this.db.query(
      `INSERT INTO doctor_specialties (doctor_id, position, specialty_code, raw_name, is_primary)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS u(doctor_id uuid, position smallint, specialty_code varchar(10), raw_name text, is_primary boolean)`,
      [JSON.stringify(rows)],
    );
  }

  /** Replaces the locations of each profile; a location with an `id` keeps it (the same address, re-imported). */
  async replaceLocations(byDoctor: ReadonlyMap<string, readonly (ProfileLocation & { id?: string })[]>): Promise<number> {
    if (byDoctor.size === 0) return 0;
    const rows = [...byDoctor].flatMap(([doctorId, locations]) => locations.map((location, position) => ({ ...location, doctorId, position })));
    await this.db.query('DELETE FROM practice_locations WHERE doctor_id = ANY($1::uuid[])', [[...byDoctor.keys()]]);
    await this.db.query(
      `INSERT INTO practice_locations (id, doctor_id, position, address_line1, address_line2, city, city_key, region, postal_code, country,
                                       phone, latitude, longitude, geocode_status, geocode_note, external_id)
       SELECT COALESCE(u.id, gen_random_uuid()), u."doctorId", u.position, u."addressLine1", u."addressLine2", u.city, u."cityKey", u.region,
              u."postalCode", u.country, u.phone, u.latitude, u.longitude, u."geocodeStatus", u."geocodeNote", u."externalId"
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, "doctorId" uuid, position smallint, "addressLine1" text, "addressLine2" text,
              city text, "cityKey" text, region text, "postalCode" text, country text, phone text, latitude float8, longitude float8,
              "geocodeStatus" text, "geocodeNote" text, "externalId" text)`,
      [JSON.stringify(rows)],
    );
    return rows.length;
  }

  /**
   * Records proposals a person's value blocked; a pending conflict on the same field takes the newer proposal,
   * and a proposal a moderator already dismissed is not raised again. Returns how many were recorded.
   */
  async recordConflicts(rows: readonly ConflictRow[], source: ProvenanceSource, origin: string, runId: string): Promise<number> {
    if (rows.length === 0) return 0;
    const recorded = await this.db.query(
      `INSERT INTO profile_conflicts (doctor_id, field, current_value, current_source, proposed_value, source, origin, run_id)
       SELECT u.doctor_id, u.field, u.current_value, u.current_source, u.proposed_value, $2, $3, $4
         FROM jsonb_to_recordset($1::jsonb) AS u(doctor_id uuid, field text, current_value jsonb, current_source text, proposed_value jsonb)
        WHERE NOT EXISTS (SELECT 1 FROM profile_conflicts p
                           WHERE p.doctor_id = u.doctor_id AND p.field = u.field AND p.status = 'dismissed' AND p.proposed_value = u.proposed_value)
       ON CONFLICT (doctor_id, field) WHERE status = 'pending' DO UPDATE
          SET current_value = EXCLUDED.current_value, current_source = EXCLUDED.current_source, proposed_value = EXCLUDED.proposed_value,
              source = EXCLUDED.source, origin = EXCLUDED.origin, run_id = EXCLUDED.run_id, created_at = now()
       RETURNING 1`,
      [JSON.stringify(rows), source, origin, runId],
    );
    return recorded.length;
  }

  /** Queues possible duplicates of the profiles created for the chunk's NPIs. Returns how many were new. */
  async queueMergeCandidates(pairs: readonly { npi: string; candidateId: string; score: number; reasons: string[] }[], source: string): Promise<number> {
    if (pairs.length === 0) return 0;
    const queued = await this.db.query(
      `INSERT INTO merge_candidates (doctor_id, candidate_id, score, reasons, source)
       SELECT c.doctor_id, u."candidateId", u.score, u.reasons, $2
         FROM jsonb_to_recordset($1::jsonb) AS u(npi text, "candidateId" uuid, score real, reasons text[])
         JOIN chunk_doctors c ON c.npi = u.npi
       ON CONFLICT (doctor_id, candidate_id) DO NOTHING
       RETURNING 1`,
      [JSON.stringify(pairs), source],
    );
    return queued.length;
  }

  /** Remembers what was imported for each NPI of the chunk, so an unchanged record is skipped next time. */
  async rememberFingerprints(directory: string): Promise<void> {
    await this.db.query(
      `INSERT INTO doctor_source_records (source, external_key, doctor_id, fingerprint)
       SELECT $1, c.npi, c.doctor_id, c.fingerprint FROM chunk_doctors c WHERE c.doctor_id IS NOT NULL
       ON CONFLICT (source, external_key) DO UPDATE
          SET doctor_id = EXCLUDED.doctor_id, fingerprint = EXCLUDED.fingerprint, imported_at = now()`,
      [directory],
    );
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/app-error.js';
import { foldForMatch, slugify } from '../../common/text/fold.js';
import { Database } from '../../database/database.js';
import { SearchOutbox } from '../../search/outbox/search-outbox.service.js';
import { displayNameOf } from '../profile-names.js';
import { generateDemoDoctors, type DemoDoctor } from './demo-doctors.generator.js';

const BATCH_SIZE = 1000;
// Any constant works; it only has to be the same for every process that may seed this database.
const SEED_LOCK_KEY = 7_262_302;

/** Loads generated demo doctors in set-wise batches (one statement per table per batch) and removes them again. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly db: Database,
    private readonly outbox: SearchOutbox,
  ) {}

  /** Seeds `count` demo doctors unless the directory already has doctors; returns how many were added. */
  async seedIfEmpty(count: number): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const [existing] = await this.db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM doctors) AS any');
      if (existing?.any) return 0;
      const added = await this.seed(count);
      this.logger.log(`seeded ${added} demo doctors (remove them with: npm run cli -- demo:purge)`);
      return added;
    });
  }

  /** Adds `count` demo doctors; refuses while demo doctors exist (their slugs would collide). */
  async seed(count: number): Promise<number> {
    return this.db.transaction(async () => {
      const [existing] = await this.db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM doctors WHERE is_demo) AS any');
      if (existing?.any) throw CommonErrors.CONFLICT('Demo doctors already exist: run demo:purge first');
      const slugs = new Map<string, number>();
      let batch: DemoDoctor[] = [];
      let added = 0;
      for (const doctor of generateDemoDoctors(count)) {
        batch.push(doctor);
        if (batch.length === BATCH_SIZE) {
          added += await this.insertBatch(batch, slugs);
          batch = [];
        }
      }
      if (batch.length > 0) added += await this.insertBatch(batch, slugs);
      return added;
    });
  }

  /** Deletes every demo doctor (and what hangs off them) and queues their removal from the search index. */
  async purge(): Promise<number> {
    return this.db.transaction(async () => {
      const rows = await this.db.query<{ id: string }>('SELECT id FROM doctors WHERE is_demo');
      const ids = rows.map((r) => r.id);
      await this.outbox.enqueue('doctor', ids);
      await this.db.query('DELETE FROM doctor_slug_redirects WHERE doctor_id = ANY($1::uuid[])', [ids]);
      await this.db.query('DELETE FROM doctors WHERE id = ANY($1::uuid[])', [ids]);
      return ids.length;
    });
  }

  private uniqueSlug(doctor: DemoDoctor, taken: Map<string, number>): string {
    const base = slugify(`${doctor.givenName} ${doctor.familyName} ${doctor.location.city}`) || 'doctor';
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }

  private async insertBatch(batch: DemoDoctor[], slugs: Map<string, number>): Promise<number> {
    const provenance = JSON.stringify(
      Object.fromEntries(
        ['givenName', 'familyName', 'gender', 'credentials', 'languages', 'bio', 'telehealth', 'acceptingNewPatients', 'specialties', 'locations'].map(
          (field) => [field, { source: 'demo', at: new Date().toISOString() }],
        ),
      ),
    );
    const ids = await this.db.query<{ id: string }>(
      `INSERT INTO doctors (slug, given_name, family_name, display_name, credentials, credentials_raw, clinician_type, gender,
                            languages, bio, telehealth, accepting_new_patients, accepting_new_patients_verified_at, provenance, is_demo)
       SELECT slug, given_name, family_name, display_name, string_to_array(credentials, ','), NULLIF(replace(credentials, ',', ', '), ''),
              clinician_type, gender, string_to_array(languages, ','), bio, telehealth, accepting, now(), $12::jsonb, true
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::boolean[], $11::boolean[])
           AS t(slug, given_name, family_name, display_name, credentials, clinician_type, gender, languages, bio, telehealth, accepting)
       RETURNING id`,
      [
        batch.map((d) => this.uniqueSlug(d, slugs)),
        batch.map((d) => d.givenName),
        batch.map((d) => d.familyName),
        batch.map((d) => displayNameOf(d.givenName, d.familyName, null, d.credentials)),
        batch.map((d) => d.credentials.join(',')),
        batch.map((d) => d.clinicianType),
        batch.map((d) => d.gender),
        batch.map((d) => d.languages.join(',')),
        batch.map((d) => d.bio),
        batch.map((d) => d.telehealth),
        batch.map((d) => d.acceptingNewPatients),
        provenance,
      ],
    );
    const doctorIds = ids.map((r) => r.id);
    const specialtyRows = batch.flatMap((d, i) => d.specialtyCodes.map((code, position) => ({ id: doctorIds[i], code, position })));
    await this.db.query(
      `INSERT INTO doctor_specialties (doctor_id, position, specialty_code, is_primary)
       SELECT doctor_id, position, code, position = 0 FROM unnest($1::uuid[], $2::smallint[], $3::text[]) AS t(doctor_id, position, code)`,
      [specialtyRows.map((r) => r.id), specialtyRows.map((r) => r.position), specialtyRows.map((r) => r.code)],
    );
    await this.db.query(
      `INSERT INTO practice_locations (doctor_id, position, address_line1, city, city_key, region, country, phone, latitude, longitude, geocode_status)
       SELECT doctor_id, 0, address, city, city_key, region, country, phone, latitude, longitude, 'matched'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[])
           AS t(doctor_id, address, city, city_key, region, country, phone, latitude, longitude)`,
      [
        doctorIds,
        batch.map((d) => d.location.addressLine1),
        batch.map((d) => d.location.city),
        batch.map((d) => foldForMatch(d.location.city)),
        batch.map((d) => d.location.region),
        batch.map((d) => d.location.country),
        batch.map((d) => d.location.phone),
        batch.map((d) => d.location.latitude),
        batch.map((d) => d.location.longitude),
      ],
    );
    await this.outbox.enqueue('doctor', doctorIds);
    return doctorIds.length;
  }
}

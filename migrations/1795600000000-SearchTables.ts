import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Postgres search engine's denormalised tables (written only by the sync worker, like a Meilisearch index) and
 * the record of running reindexes. No entities: TypeORM cannot model tsvector, earth or GIN/GiST indexes, and only
 * raw SQL in the engine touches them.
 */
export class SearchTables1795600000000 implements MigrationInterface {
  name = 'SearchTables1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it usable in indexes.
    await queryRunner.query(
      `CREATE FUNCTION search_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
         RETURN public.unaccent('public.unaccent'::regdictionary, $1)`,
    );
    await queryRunner.query(`CREATE TABLE search_doctors (
      doctor_id uuid NOT NULL CONSTRAINT pk_search_doctors PRIMARY KEY,
      document jsonb NOT NULL,
      tsv tsvector NOT NULL,
      -- Folded names and cities, where a word may carry a typo (trigram index).
      typo_key text NOT NULL,
      -- Byte order, as Meilisearch sorts strings.
      sort_name text COLLATE "C" NOT NULL,
      filter_keys text[] NOT NULL,
      specialty_names text[] NOT NULL,
      city_names text[] NOT NULL,
      languages text[] NOT NULL,
      accepting_new_patients boolean,
      clinician_type text NOT NULL,
      rating_score double precision NOT NULL,
      rating_mean double precision,
      rating_count integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX ix_search_doctors_tsv ON search_doctors USING gin (tsv)`);
    await queryRunner.query(`CREATE INDEX ix_search_doctors_typo_trgm ON search_doctors USING gin (typo_key gin_trgm_ops)`);
    // One GIN over every filterable value ('c:seattle', 's:207N00000X', …): city + specialty is one index scan.
    await queryRunner.query(`CREATE INDEX ix_search_doctors_filters ON search_doctors USING gin (filter_keys)`);
    // Covering the filters: a filtered page in score or name order is an index-only scan, then 20 document reads.
    await queryRunner.query(
      `CREATE INDEX ix_search_doctors_score ON search_doctors (rating_score DESC, sort_name, doctor_id) INCLUDE (filter_keys, rating_mean)`,
    );
    await queryRunner.query(`CREATE INDEX ix_search_doctors_name ON search_doctors (sort_name, doctor_id) INCLUDE (filter_keys, rating_mean)`);
    await queryRunner.query(`CREATE TABLE search_doctor_locations (
      doctor_id uuid NOT NULL CONSTRAINT fk_search_doctor_locations_doctor REFERENCES search_doctors (doctor_id) ON DELETE CASCADE,
      position smallint NOT NULL,
      city text,
      city_key text,
      earth earth,
      -- Copies of the doctor's, so a radius search filters and orders on location rows alone.
      filter_keys text[] NOT NULL,
      rating_score double precision NOT NULL,
      rating_mean double precision,
      sort_name text COLLATE "C" NOT NULL,
      CONSTRAINT pk_search_doctor_locations PRIMARY KEY (doctor_id, position))`);
    // Covering: a radius search reads only the index (index-only scan), not one heap page per location.
    await queryRunner.query(
      `CREATE INDEX ix_search_doctor_locations_earth ON search_doctor_locations USING gist (earth)
         INCLUDE (doctor_id, filter_keys, rating_score, rating_mean, sort_name)`,
    );
    await queryRunner.query(`CREATE INDEX ix_search_doctor_locations_city ON search_doctor_locations (city_key text_pattern_ops)`);
    await queryRunner.query(`CREATE TABLE search_answers (
      answer_id uuid NOT NULL CONSTRAINT pk_search_answers PRIMARY KEY,
      document jsonb NOT NULL,
      tsv tsvector NOT NULL,
      filter_keys text[] NOT NULL,
      created_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX ix_search_answers_tsv ON search_answers USING gin (tsv)`);
    await queryRunner.query(`CREATE INDEX ix_search_answers_filters ON search_answers USING gin (filter_keys)`);
    await queryRunner.query(`CREATE TABLE search_reindexes (
      engine text NOT NULL,
      document_type text NOT NULL,
      target text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_search_reindexes PRIMARY KEY (engine, document_type))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_reindexes`);
    await queryRunner.query(`DROP TABLE search_answers`);
    await queryRunner.query(`DROP TABLE search_doctor_locations`);
    await queryRunner.query(`DROP TABLE search_doctors`);
    await queryRunner.query(`DROP FUNCTION search_unaccent(text)`);
  }
}

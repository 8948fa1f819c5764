import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Directory imports: runs with checkpoints, per-source fingerprints of imported records, the conflict and
 * possible-duplicate queues for moderators, and the family-name token index the doctor matcher searches.
 */
export class DirectoryImport1795573466716 implements MigrationInterface {
  name = 'DirectoryImport1795573466716';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "doctor_source_records" ("source" text NOT NULL, "external_key" text NOT NULL, "doctor_id" uuid NOT NULL, "fingerprint" text NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_doctor_source_records" PRIMARY KEY ("source", "external_key"))`);
    await queryRunner.query(`CREATE INDEX "ix_doctor_source_records_doctor" ON "doctor_source_records"  ("doctor_id") `);
    await queryRunner.query(`CREATE TABLE "merge_candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "doctor_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "score" real NOT NULL, "reasons" text array NOT NULL DEFAULT '{}', "source" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_merge_candidates_status" CHECK (status IN ('pending', 'merged', 'dismissed')), CONSTRAINT "ck_merge_candidates_distinct" CHECK (doctor_id <> candidate_id), CONSTRAINT "pk_merge_candidates" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_merge_candidates_candidate" ON "merge_candidates"  ("candidate_id") `);
    await queryRunner.query(`CREATE INDEX "ix_merge_candidates_queue" ON "merge_candidates"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_merge_candidates_pair" ON "merge_candidates"  ("doctor_id", "candidate_id") `);
    await queryRunner.query(`CREATE TABLE "profile_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "doctor_id" uuid NOT NULL, "field" text NOT NULL, "current_value" jsonb, "current_source" text NOT NULL, "proposed_value" jsonb, "source" text NOT NULL, "origin" text, "run_id" uuid, "status" text NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" uuid, CONSTRAINT "ck_profile_conflicts_status" CHECK (status IN ('pending', 'accepted', 'dismissed')), CONSTRAINT "pk_profile_conflicts" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_profile_conflicts_doctor" ON "profile_conflicts"  ("doctor_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_profile_conflicts_queue" ON "profile_conflicts"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_profile_conflicts_pending" ON "profile_conflicts"  ("doctor_id", "field") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "import_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" text NOT NULL, "file_name" text NOT NULL, "file_key" text NOT NULL, "status" text NOT NULL, "staging_table" text, "chunk_size" integer NOT NULL, "chunks_total" integer, "done_chunks" integer array NOT NULL DEFAULT '{}', "rows" integer NOT NULL DEFAULT '0', "staged_rows" integer NOT NULL DEFAULT '0', "warnings" integer NOT NULL DEFAULT '0', "report" jsonb NOT NULL DEFAULT '{}', "doctors_created" integer NOT NULL DEFAULT '0', "doctors_updated" integer NOT NULL DEFAULT '0', "locations" integer NOT NULL DEFAULT '0', "conflicts" integer NOT NULL DEFAULT '0', "merge_candidates" integer NOT NULL DEFAULT '0', "error" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_import_runs_status" CHECK (status IN ('staging', 'applying', 'completed', 'failed', 'abandoned')), CONSTRAINT "pk_import_runs" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_import_runs_file" ON "import_runs"  ("source", "file_key", "started_at") `);
    await queryRunner.query(`ALTER TABLE "doctor_source_records" ADD CONSTRAINT "fk_doctor_source_records_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "merge_candidates" ADD CONSTRAINT "fk_merge_candidates_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "merge_candidates" ADD CONSTRAINT "fk_merge_candidates_candidate" FOREIGN KEY ("candidate_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "profile_conflicts" ADD CONSTRAINT "fk_profile_conflicts_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Words of a name without case, accents or apostrophes, and all of them written as one word when there are
    // several ("O'Brien-Pérez" → {obrien, perez, obrienperez}). unaccent with an explicit dictionary does not depend
    // on settings, so the wrapper may be declared immutable for the index.
    await queryRunner.query(`
      CREATE FUNCTION doctor_name_tokens(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN (SELECT CASE WHEN cardinality(words) > 1 THEN words || array_to_string(words, '') ELSE words END
                FROM (SELECT array_remove(regexp_split_to_array(
                               lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, name), '[''\u2019\u2018\u02bc\u0060]', '', 'g')),
                               '[^a-z0-9]+'), '') AS words) AS split)`);
    await queryRunner.query(`CREATE INDEX "ix_doctors_family_tokens" ON "doctors" USING gin (doctor_name_tokens(family_name)) WHERE deleted_at IS NULL`);
    // Directory imports only look for real profiles without an NPI: a small index, which imported rows never enter.
    await queryRunner.query(
      `CREATE INDEX "ix_doctors_npi_less_family_tokens" ON "doctors" USING gin (doctor_name_tokens(family_name))
        WHERE deleted_at IS NULL AND npi IS NULL AND NOT is_demo`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_doctors_npi_less_family_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_doctors_family_tokens"`);
    await queryRunner.query(`DROP FUNCTION doctor_name_tokens(text)`);
    await queryRunner.query(`ALTER TABLE "profile_conflicts" DROP CONSTRAINT "fk_profile_conflicts_doctor"`);
    await queryRunner.query(`ALTER TABLE "merge_candidates" DROP CONSTRAINT "fk_merge_candidates_candidate"`);
    await queryRunner.query(`ALTER TABLE "merge_candidates" DROP CONSTRAINT "fk_merge_candidates_doctor"`);
    await queryRunner.query(`ALTER TABLE "doctor_source_records" DROP CONSTRAINT "fk_doctor_source_records_doctor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_import_runs_file"`);
    await queryRunner.query(`DROP TABLE "import_runs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_profile_conflicts_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_conflicts_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_conflicts_doctor"`);
    await queryRunner.query(`DROP TABLE "profile_conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_merge_candidates_pair"`);
    await queryRunner.query(`DROP INDEX "public"."ix_merge_candidates_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_merge_candidates_candidate"`);
    await queryRunner.query(`DROP TABLE "merge_candidates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_doctor_source_records_doctor"`);
    await queryRunner.query(`DROP TABLE "doctor_source_records"`);
  }
}

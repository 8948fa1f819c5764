import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Own reviews with votes, reports and replies (references to accounts become NULL when an account is deleted: the
 * review stays); external ratings with history; per-source aggregates, per-doctor summaries and ranking priors.
 */
export class Reviews1795575240199 implements MigrationInterface {
  name = 'Reviews1795575240199';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "doctor_ratings" ("doctor_id" uuid NOT NULL, "score" double precision, "pooled_mean" double precision, "pooled_count" integer NOT NULL DEFAULT '0', "summary" jsonb NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_doctor_ratings" PRIMARY KEY ("doctor_id"))`);
    await queryRunner.query(`CREATE TABLE "external_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "doctor_id" uuid NOT NULL, "source" text NOT NULL, "source_url" text NOT NULL, "value" double precision NOT NULL, "scale" double precision NOT NULL, "review_count" integer NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "is_current" boolean NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_external_ratings_review_count" CHECK (review_count >= 0), CONSTRAINT "ck_external_ratings_value" CHECK (scale > 0 AND value >= 0 AND value <= scale), CONSTRAINT "ck_external_ratings_source" CHECK (source ~ '^[a-z0-9]+([._-][a-z0-9]+)*$' AND source <> 'docfinder'), CONSTRAINT "pk_external_ratings" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_external_ratings_history" ON "external_ratings"  ("doctor_id", "observed_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_external_ratings_current" ON "external_ratings"  ("doctor_id", "source") WHERE is_current`);
    await queryRunner.query(`CREATE TABLE "rating_aggregates" ("doctor_id" uuid NOT NULL, "source" text NOT NULL, "count" integer NOT NULL, "sum" double precision NOT NULL, "sum_squares" double precision, "histogram" integer array, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_rating_aggregates_histogram" CHECK (histogram IS NULL OR cardinality(histogram) = 5), CONSTRAINT "ck_rating_aggregates_count" CHECK (count >= 0), CONSTRAINT "pk_rating_aggregates" PRIMARY KEY ("doctor_id", "source"))`);
    await queryRunner.query(`CREATE TABLE "rating_priors" ("scope" text NOT NULL, "mean" double precision NOT NULL, "sigma" double precision NOT NULL, "mean_from" text NOT NULL, "sigma_from" text NOT NULL, "rating_count" integer NOT NULL, "own_count" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_rating_priors_origin" CHECK (mean_from IN ('specialty', 'all', 'default') AND sigma_from IN ('specialty', 'all', 'default')), CONSTRAINT "pk_rating_priors" PRIMARY KEY ("scope"))`);
    await queryRunner.query(`CREATE TABLE "reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "doctor_id" uuid NOT NULL, "author_account_id" uuid, "rating" smallint NOT NULL, "text" text NOT NULL, "bedside_manner" smallint, "explanation" smallint, "wait_time" smallint, "staff" smallint, "office" smallint, "visit_month" text, "status" text NOT NULL, "flags" text array NOT NULL DEFAULT '{}', "helpful_votes" integer NOT NULL DEFAULT '0', "unhelpful_votes" integer NOT NULL DEFAULT '0', "helpful_score" double precision NOT NULL DEFAULT '0', "published_at" TIMESTAMP WITH TIME ZONE, "moderated_at" TIMESTAMP WITH TIME ZONE, "moderation_note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_reviews_votes" CHECK (helpful_votes >= 0 AND unhelpful_votes >= 0), CONSTRAINT "ck_reviews_visit_month" CHECK (visit_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "ck_reviews_sub_ratings" CHECK (COALESCE(bedside_manner, 1) BETWEEN 1 AND 5 AND COALESCE(explanation, 1) BETWEEN 1 AND 5 AND COALESCE(wait_time, 1) BETWEEN 1 AND 5 AND COALESCE(staff, 1) BETWEEN 1 AND 5 AND COALESCE(office, 1) BETWEEN 1 AND 5), CONSTRAINT "ck_reviews_text_length" CHECK (char_length(text) BETWEEN 1 AND 5000), CONSTRAINT "ck_reviews_rating" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "ck_reviews_status" CHECK (status IN ('pending', 'published', 'rejected')), CONSTRAINT "pk_reviews" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_reviews_doctor_created" ON "reviews"  ("doctor_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_reviews_status_created" ON "reviews"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_reviews_doctor_rating" ON "reviews"  ("doctor_id", "rating", "published_at", "id") WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX "ix_reviews_doctor_helpful" ON "reviews"  ("doctor_id", "helpful_score", "published_at", "id") WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX "ix_reviews_doctor_recent" ON "reviews"  ("doctor_id", "published_at", "id") WHERE status = 'published'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_reviews_author_doctor" ON "reviews"  ("author_account_id", "doctor_id") `);
    await queryRunner.query(`CREATE TABLE "review_replies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "author_account_id" uuid, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_review_replies_text_length" CHECK (char_length(text) BETWEEN 1 AND 5000), CONSTRAINT "pk_review_replies" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_review_replies_author" ON "review_replies"  ("author_account_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_replies_review" ON "review_replies"  ("review_id") `);
    await queryRunner.query(`CREATE TABLE "review_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "reporter_account_id" uuid, "reason" text NOT NULL, "details" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_review_reports_details_length" CHECK (char_length(details) <= 1000), CONSTRAINT "ck_review_reports_reason" CHECK (reason IN ('spam', 'offensive', 'personal_information', 'conflict_of_interest', 'not_a_patient', 'other')), CONSTRAINT "pk_review_reports" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_review_reports_reporter" ON "review_reports"  ("reporter_account_id") `);
    await queryRunner.query(`CREATE INDEX "ix_review_reports_open" ON "review_reports"  ("review_id") WHERE resolved_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_reports_review_reporter" ON "review_reports"  ("review_id", "reporter_account_id") `);
    await queryRunner.query(`CREATE TABLE "review_votes" ("id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL, "review_id" uuid NOT NULL, "account_id" uuid, "helpful" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_review_votes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_review_votes_account" ON "review_votes"  ("account_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_votes_review_account" ON "review_votes"  ("review_id", "account_id") `);
    await queryRunner.query(`ALTER TABLE "doctor_ratings" ADD CONSTRAINT "fk_doctor_ratings_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "external_ratings" ADD CONSTRAINT "fk_external_ratings_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rating_aggregates" ADD CONSTRAINT "fk_rating_aggregates_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reviews" ADD CONSTRAINT "fk_reviews_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reviews" ADD CONSTRAINT "fk_reviews_author" FOREIGN KEY ("author_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_replies" ADD CONSTRAINT "fk_review_replies_review" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_replies" ADD CONSTRAINT "fk_review_replies_author" FOREIGN KEY ("author_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_reports" ADD CONSTRAINT "fk_review_reports_review" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_reports" ADD CONSTRAINT "fk_review_reports_reporter" FOREIGN KEY ("reporter_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_votes" ADD CONSTRAINT "fk_review_votes_review" FOREIGN KEY ("review_id") REFERENCES "reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "review_votes" ADD CONSTRAINT "fk_review_votes_account" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "review_votes" DROP CONSTRAINT "fk_review_votes_account"`);
    await queryRunner.query(`ALTER TABLE "review_votes" DROP CONSTRAINT "fk_review_votes_review"`);
    await queryRunner.query(`ALTER TABLE "review_reports" DROP CONSTRAINT "fk_review_reports_reporter"`);
    await queryRunner.query(`ALTER TABLE "review_reports" DROP CONSTRAINT "fk_review_reports_review"`);
    await queryRunner.query(`ALTER TABLE "review_replies" DROP CONSTRAINT "fk_review_replies_author"`);
    await queryRunner.query(`ALTER TABLE "review_replies" DROP CONSTRAINT "fk_review_replies_review"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "fk_reviews_author"`);
    await queryRunner.query(`ALTER TABLE "reviews" DROP CONSTRAINT "fk_reviews_doctor"`);
    await queryRunner.query(`ALTER TABLE "rating_aggregates" DROP CONSTRAINT "fk_rating_aggregates_doctor"`);
    await queryRunner.query(`ALTER TABLE "external_ratings" DROP CONSTRAINT "fk_external_ratings_doctor"`);
    await queryRunner.query(`ALTER TABLE "doctor_ratings" DROP CONSTRAINT "fk_doctor_ratings_doctor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_review_votes_review_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_votes_account"`);
    await queryRunner.query(`DROP TABLE "review_votes"`);
    await queryRunner.query(`DROP INDEX "public"."uq_review_reports_review_reporter"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_reports_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_reports_reporter"`);
    await queryRunner.query(`DROP TABLE "review_reports"`);
    await queryRunner.query(`DROP INDEX "public"."uq_review_replies_review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_replies_author"`);
    await queryRunner.query(`DROP TABLE "review_replies"`);
    await queryRunner.query(`DROP INDEX "public"."uq_reviews_author_doctor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reviews_doctor_recent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reviews_doctor_helpful"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reviews_doctor_rating"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reviews_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reviews_doctor_created"`);
    await queryRunner.query(`DROP TABLE "reviews"`);
    await queryRunner.query(`DROP TABLE "rating_priors"`);
    await queryRunner.query(`DROP TABLE "rating_aggregates"`);
    await queryRunner.query(`DROP INDEX "public"."uq_external_ratings_current"`);
    await queryRunner.query(`DROP INDEX "public"."ix_external_ratings_history"`);
    await queryRunner.query(`DROP TABLE "external_ratings"`);
    await queryRunner.query(`DROP TABLE "doctor_ratings"`);
  }
}

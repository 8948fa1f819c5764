import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Questions (asked here or imported, with a natural key so a page imports once), answers linked to their author's
 * profile or kept unattributed with their signature, and the doctors answers mention. Hidden rows stay hidden.
 */
export class QuestionsAndAnswers1795610000000 implements MigrationInterface {
  name = 'QuestionsAndAnswers1795610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "source" text NOT NULL, "source_url" text, "natural_key" text NOT NULL, "asked_by_account_id" uuid, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_questions_body_length" CHECK (char_length(body) <= 20000), CONSTRAINT "ck_questions_title_length" CHECK (char_length(title) BETWEEN 1 AND 300), CONSTRAINT "pk_questions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_questions_recent" ON "questions"  ("asked_at", "id") WHERE hidden_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questions_natural_key" ON "questions"  ("natural_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questions_slug" ON "questions"  ("slug") `);
    await queryRunner.query(`CREATE TABLE "answers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "question_id" uuid NOT NULL, "position" integer NOT NULL, "title" text, "body" text NOT NULL, "body_hash" text NOT NULL, "author_doctor_id" uuid, "attribution" text NOT NULL, "signature" text, "posted_by_account_id" uuid, "source_url" text, "posted_at" TIMESTAMP WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_answers_body_length" CHECK (char_length(body) BETWEEN 1 AND 20000), CONSTRAINT "ck_answers_attribution" CHECK (attribution IN ('linked', 'unattributed') AND (attribution = 'linked') = (author_doctor_id IS NOT NULL)), CONSTRAINT "pk_answers" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_answers_author" ON "answers"  ("author_doctor_id", "created_at", "id") WHERE hidden_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_answers_question_body" ON "answers"  ("question_id", "body_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_answers_question_position" ON "answers"  ("question_id", "position") `);
    await queryRunner.query(`CREATE TABLE "answer_mentions" ("answer_id" uuid NOT NULL, "position" integer NOT NULL, "text" text NOT NULL, "doctor_id" uuid, CONSTRAINT "pk_answer_mentions" PRIMARY KEY ("answer_id", "position"))`);
    await queryRunner.query(`CREATE INDEX "ix_answer_mentions_doctor" ON "answer_mentions"  ("doctor_id") `);
    await queryRunner.query(`ALTER TABLE "questions" ADD CONSTRAINT "fk_questions_asked_by" FOREIGN KEY ("asked_by_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "answers" ADD CONSTRAINT "fk_answers_question" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "answers" ADD CONSTRAINT "fk_answers_author_doctor" FOREIGN KEY ("author_doctor_id") REFERENCES "doctors"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "answers" ADD CONSTRAINT "fk_answers_posted_by" FOREIGN KEY ("posted_by_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "answer_mentions" ADD CONSTRAINT "fk_answer_mentions_answer" FOREIGN KEY ("answer_id") REFERENCES "answers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "answer_mentions" ADD CONSTRAINT "fk_answer_mentions_doctor" FOREIGN KEY ("doctor_id") REFERENCES "doctors"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "answer_mentions" DROP CONSTRAINT "fk_answer_mentions_doctor"`);
    await queryRunner.query(`ALTER TABLE "answer_mentions" DROP CONSTRAINT "fk_answer_mentions_answer"`);
    await queryRunner.query(`ALTER TABLE "answers" DROP CONSTRAINT "fk_answers_posted_by"`);
    await queryRunner.query(`ALTER TABLE "answers" DROP CONSTRAINT "fk_answers_author_doctor"`);
    await queryRunner.query(`ALTER TABLE "answers" DROP CONSTRAINT "fk_answers_question"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "fk_questions_asked_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_answer_mentions_doctor"`);
    await queryRunner.query(`DROP TABLE "answer_mentions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_answers_question_position"`);
    await queryRunner.query(`DROP INDEX "public"."uq_answers_question_body"`);
    await queryRunner.query(`DROP INDEX "public"."ix_answers_author"`);
    await queryRunner.query(`DROP TABLE "answers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_questions_slug"`);
    await queryRunner.query(`DROP INDEX "public"."uq_questions_natural_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_questions_recent"`);
    await queryRunner.query(`DROP TABLE "questions"`);
  }
}

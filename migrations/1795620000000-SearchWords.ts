import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vocabulary of names and cities in the doctor index, with a trigram index: a word typed with a typo is first
 * matched against these words (tens of thousands), then the index is searched for the words found, exactly. Matching
 * the typo against every document's text instead costs a trigram recheck per candidate document, too slow at a million.
 */
export class SearchWords1795620000000 implements MigrationInterface {
  name = 'SearchWords1795620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE search_words (word text NOT NULL CONSTRAINT pk_search_words PRIMARY KEY)`);
    await queryRunner.query(`CREATE INDEX ix_search_words_trgm ON search_words USING gin (word gin_trgm_ops)`);
    await queryRunner.query(
      `INSERT INTO search_words (word)
       SELECT DISTINCT w FROM search_doctors, unnest(string_to_array(typo_key, ' ')) AS w WHERE w ~ '^[a-z0-9]+$'
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_words`);
  }
}

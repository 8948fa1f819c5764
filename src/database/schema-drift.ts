import type { DataSource } from 'typeorm';

/**
 * SQL TypeORM would run to make the database match the entities; empty when migrations and entities agree.
 * Objects TypeORM cannot model (search functions, expression indexes) are declared on the entities with
 * `synchronize: false`, so they do not show up here.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => (q.parameters?.length ? `${q.query} -- ${JSON.stringify(q.parameters)}` : q.query)),
    down: log.downQueries.map((q) => q.query),
  };
}

const escapeTemplate = (sql: string): string => sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** The source of a new migration `<unix-ms>-<Name>.ts` with the pending changes; review and edit it before committing. */
export function renderMigration(name: string, timestamp: number, up: string[], down: string[]): string {
  const className = `${name}${timestamp}`;
  const lines = (queries: string[]): string =>
    queries.map((q) => `    await queryRunner.query(\`${escapeTemplate(q)}\`);`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...down].reverse())}
  }
}
`;
}

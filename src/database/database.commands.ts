import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { CliError, printInfo, printResult, withAppContext } from '../common/cli/cli-runtime.js';
import { projectRoot } from '../common/project-root.js';
import { pendingSchemaChanges, renderMigration } from './schema-drift.js';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migration:check')
    .description('Exit 1 when entities and migrations disagree, printing the SQL that would reconcile them')
    .action(async () => {
      const pending = await withAppContext(async (context) => pendingSchemaChanges(context.get(DataSource)));
      if (pending.up.length > 0) {
        printResult(pending.up.join(';\n'));
        throw new CliError('Entities and migrations have drifted: generate a migration (migration:generate <Name>)');
      }
      printInfo('Entities and migrations agree.');
    });

  program
    .command('migration:generate <name>')
    .description('Write migrations/<unix-ms>-<Name>.ts with the changes the entities need (review it before committing)')
    .action(async (name: string) => {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new CliError('The migration name must be PascalCase, e.g. AddReviews');
      const pending = await withAppContext(async (context) => pendingSchemaChanges(context.get(DataSource)));
      if (pending.up.length === 0) {
        printInfo('No changes: entities and migrations agree.');
        return;
      }
      const timestamp = Date.now();
      // Written to the source folder even though the CLI runs compiled from dist/.
      const file = join(projectRoot(), 'migrations', `${timestamp}-${name}.ts`);
      await writeFile(file, renderMigration(name, timestamp, pending.up, pending.down), { flag: 'wx' });
      printResult(file);
    });
}

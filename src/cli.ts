import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './accounts/accounts.commands.js';
import { CliError } from './common/cli/cli-runtime.js';
import { ConfigError } from './config/environment.js';
import { registerDatabaseCommands } from './database/database.commands.js';
import { registerDemoCommands } from './doctors/demo/demo.commands.js';
import { registerRatingsCommands } from './reviews/ratings.commands.js';
import { registerSearchCommands } from './search/search.commands.js';
import { registerImportCommands } from './import/cms/cms-import.commands.js';
import { registerQaCommands } from './import/qa/qa-import.commands.js';

/**
 * `npm run cli -- <command>`: imports, reindexing and admin tasks, built on the same module graph as the API.
 * Results are printed alone on stdout; logs and progress go to stderr.
 */
const program = new Command('docfinder')
  .description('Docfinder command line: run `<command> --help` for details')
  .showHelpAfterError()
  .exitOverride()
  .configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: (text) => process.stderr.write(text) });

registerDatabaseCommands(program);
registerDemoCommands(program);
registerAccountCommands(program);
registerRatingsCommands(program);
registerSearchCommands(program);
registerImportCommands(program);
registerQaCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}

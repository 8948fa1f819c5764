import type { Command } from 'commander';
import { printInfo, printResult, withAppContext } from '../../common/cli/cli-runtime.js';
import { DemoDataService } from './demo-data.service.js';

export function registerDemoCommands(program: Command): void {
  program
    .command('demo:purge')
    .description('Delete every generated demo doctor (and queue their removal from search)')
    .action(async () => {
      const removed = await withAppContext(async (context) => context.get(DemoDataService).purge());
      printInfo(`Removed ${removed} demo doctors.`);
      printResult({ removed });
    });

  program
    .command('demo:seed')
    .description('Add generated demo doctors (deterministic, no NPI); refuses while demo doctors exist')
    .option('--count <n>', 'how many', '2000')
    .action(async (options: { count: string }) => {
      const count = Number.parseInt(options.count, 10);
      const added = await withAppContext(async (context) => context.get(DemoDataService).seed(count));
      printResult({ added });
    });
}

import type { Command } from 'commander';
import { printInfo, printResult, withAppContext } from '../common/cli/cli-runtime.js';
import { RatingsService } from './ratings.service.js';

export function registerRatingsCommands(program: Command): void {
  program
    .command('ratings:recompute')
    .description('Recompute the ranking priors per specialty, re-score the doctors whose score moved and queue them for re-indexing')
    .action(async () => {
      const result = await withAppContext(async (context) => context.get(RatingsService).recompute());
      printInfo(result.ran ? `Recomputed ${result.priors} priors; re-scored ${result.rescored} doctors.` : 'Another process is recomputing; nothing done.');
      printResult(result);
    });
}

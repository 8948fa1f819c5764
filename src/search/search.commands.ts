import type { Command } from 'commander';
import { CliError, printInfo, printResult, withAppContext } from '../common/cli/cli-runtime.js';
import { SEARCH_DOCUMENT_TYPES, type SearchDocumentType } from './outbox/search-outbox.entity.js';
import { SearchSyncService } from './sync/search-sync.service.js';

export function registerSearchCommands(program: Command): void {
  program
    .command('sync')
    .description('Send pending changes (the search outbox) to the search engine until none is left')
    .option('--follow', 'keep running and send changes as they come (Ctrl-C stops)')
    .action(async (options: { follow?: boolean }) => {
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      try {
        const result = await withAppContext(async (context) =>
          context.get(SearchSyncService).drainAll({ follow: options.follow === true, signal: stop.signal }),
        );
        printInfo(`Indexed ${result.indexed}, removed ${result.removed}; ${result.failedBatches} batches failed and were retried.`);
        printResult(result);
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
    });

  program
    .command('reindex')
    .description('Rebuild the search index from the database without downtime (a new index is filled, then swapped in)')
    .option('--type <type>', `document type: ${SEARCH_DOCUMENT_TYPES.join(' or ')}`, 'doctor')
    .action(async (options: { type: string }) => {
      if (!(SEARCH_DOCUMENT_TYPES as readonly string[]).includes(options.type)) {
        throw new CliError(`--type must be one of: ${SEARCH_DOCUMENT_TYPES.join(', ')}`);
      }
      const type = options.type as SearchDocumentType;
      const queued = await withAppContext(async (context) => {
        const sync = context.get(SearchSyncService);
        if (!sync.handles(type)) throw new CliError(`${type} documents cannot be indexed yet: nothing builds them`);
        return sync.reindex(type);
      });
      printInfo(`Reindexed ${queued} ${type} documents.`);
      printResult({ type, queued });
    });
}

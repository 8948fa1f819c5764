import { readFile } from 'node:fs/promises';
import type { INestApplicationContext } from '@nestjs/common';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { CliError, printInfo, printResult, withAppContext } from '../../common/cli/cli-runtime.js';
import { AppError } from '../../common/errors/app-error.js';
import { parseQaPage } from '../parsers/qa-page.parser.js';
import { QaImportService, type QaImportSummary } from './qa-import.service.js';

export interface QaImportCommandOptions {
  source?: string;
  sourceUrl?: string;
  json?: boolean;
}

export function formatQaSummary(summary: QaImportSummary): string {
  return [
    `Imported ${summary.pages.length} page${summary.pages.length === 1 ? '' : 's'}: ${summary.answers} new answers`,
    `  authors linked ${summary.doctorsLinked}, profiles created ${summary.doctorsCreated} (queued as possible duplicates ${summary.queued}), unattributed ${summary.unattributed}`,
    `  warnings ${summary.warnings.length}`,
    ...summary.warnings.map((warning) => `    ${warning}`),
  ].join('\n');
}

/** `import:qa`: a progress bar on stderr when there are several files, then the summary (or `--json`, alone on stdout). */
export async function runQaImportCommand(context: INestApplicationContext, files: string[], options: QaImportCommandOptions): Promise<QaImportSummary> {
  if (options.sourceUrl && files.length !== 1) throw new CliError('--source-url names one page: give exactly one file with it', 2);
  const bar = files.length > 1 ? new cliProgress.SingleBar({ stream: process.stderr, format: 'pages |{bar}| {value}/{total} | {duration_formatted}' }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(files.length, 0);
  let summary: QaImportSummary;
  try {
    summary = await context.get(QaImportService).importFiles(files, { source: options.source, sourceUrl: options.sourceUrl }, (done) => bar?.update(done));
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.detail);
    throw error;
  } finally {
    bar?.stop();
  }
  if (options.json) {
    printInfo(formatQaSummary(summary));
    printResult(
      JSON.stringify({
        pages: summary.pages.map((page) => ({ file: page.file, questionId: page.questionId, answers: page.answers })),
        doctorsCreated: summary.doctorsCreated,
        doctorsLinked: summary.doctorsLinked,
        unattributed: summary.unattributed,
        queued: summary.queued,
        warnings: summary.warnings,
      }),
    );
  } else {
    printResult(formatQaSummary(summary));
  }
  return summary;
}

/** `parse:qa`: the parser's JSON alone on stdout. Pure: no database, no application context. */
export async function runParseQaCommand(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  printResult(parseQaPage(text));
}

export function registerQaCommands(program: Command): void {
  program
    .command('parse:qa <file>')
    .description('Print what the Q&A page parser reads from a page (text or HTML) as JSON; needs no database')
    .action(runParseQaCommand);

  program
    .command('import:qa <files...>')
    .description('Import Q&A pages (text or HTML): questions, answers linked to their authors, signature ratings; a rerun changes nothing')
    .option('--source <name>', "the site the pages come from, e.g. realself (default: the URL's host, else qa)")
    .option('--source-url <url>', 'the address of the page (only with a single file)')
    .option('--json', 'print { pages, doctorsCreated, doctorsLinked, unattributed, queued, warnings } as JSON on stdout')
    .action(async (files: string[], options: QaImportCommandOptions) => {
      await withAppContext((context) => runQaImportCommand(context, files, options));
    });
}

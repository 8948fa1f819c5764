import type { INestApplicationContext } from '@nestjs/common';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { CliError, printInfo, printResult, withAppContext } from '../../common/cli/cli-runtime.js';
import { AppError } from '../../common/errors/app-error.js';
import { CmsImportService, DEFAULT_CHUNK_SIZE, DEFAULT_CONCURRENCY, type CmsImportSummary, type ImportProgress } from './cms-import.service.js';

export interface CmsImportCommandOptions {
  json?: boolean;
  chunkSize?: string;
  concurrency?: string;
}

function positiveInteger(value: string | undefined, fallback: number, option: string): number {
  const number = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(number) || number < 1) throw new CliError(`${option} must be a positive whole number`, 2);
  return number;
}

/** Progress on stderr: bytes of the file while staging, then chunks while applying (drawn only on a terminal). */
function progressBar(): { update: (progress: ImportProgress) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} |{bar}| {percentage}% | {detail} | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | undefined;
  return {
    update: (progress) => {
      const [value, total, detail] =
        progress.phase === 'staging'
          ? [progress.bytesRead, progress.bytesTotal, `${progress.rows.toLocaleString('en-US')} rows read`]
          : [progress.chunksDone, progress.chunksTotal, `chunk ${progress.chunksDone}/${progress.chunksTotal}`];
      if (phase === undefined) bar.start(total, value, { phase: progress.phase, detail });
      else if (phase !== progress.phase) bar.setTotal(total);
      phase = progress.phase;
      bar.update(value, { phase: progress.phase, detail });
    },
    stop: () => bar.stop(),
  };
}

export function formatSummary(summary: CmsImportSummary): string {
  const codes = Object.entries(summary.warningsByCode).map(([code, count]) => `${code} ${count}`);
  return [
    `${summary.resumed ? 'Resumed and finished' : 'Imported'} run ${summary.runId}: ${summary.rows} rows (${summary.rejected} rejected)`,
    `  doctors created ${summary.doctorsCreated}, updated ${summary.doctorsUpdated}; locations written ${summary.locations}`,
    `  conflicts with values people set ${summary.conflicts}; possible duplicates queued ${summary.mergeCandidates}`,
    `  warnings ${summary.warnings}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`,
  ].join('\n');
}

/**
 * `import:cms` on an application context: runs the import with a progress bar, prints a summary, and with
 * `--json` exactly one JSON object `{ rows, doctorsCreated, doctorsUpdated, locations, warnings }` on stdout.
 */
export async function runCmsImportCommand(context: INestApplicationContext, file: string, options: CmsImportCommandOptions): Promise<CmsImportSummary> {
  const chunkSize = positiveInteger(options.chunkSize, DEFAULT_CHUNK_SIZE, '--chunk-size');
  const concurrency = positiveInteger(options.concurrency, DEFAULT_CONCURRENCY, '--concurrency');
  const progress = progressBar();
  let summary: CmsImportSummary;
  try {
    summary = await context.get(CmsImportService).importFile(file, { chunkSize, concurrency, onProgress: progress.update });
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.detail);
    throw error;
  } finally {
    progress.stop();
  }
  if (options.json) {
    printInfo(formatSummary(summary));
    const { rows, doctorsCreated, doctorsUpdated, locations, warnings } = summary;
    printResult(JSON.stringify({ rows, doctorsCreated, doctorsUpdated, locations, warnings }));
  } else {
    printResult(formatSummary(summary));
  }
  return summary;
}

export function registerImportCommands(program: Command): void {
  program
    .command('import:cms <file>')
    .description('Import the CMS Doctors and Clinicians file (CSV, 2021 or current column names); a rerun resumes or skips what is done')
    .option('--json', 'print { rows, doctorsCreated, doctorsUpdated, locations, warnings } as JSON on stdout')
    .option('--chunk-size <n>', 'NPIs per transaction', String(DEFAULT_CHUNK_SIZE))
    .option('--concurrency <n>', 'chunks applied side by side, each on its own connection', String(DEFAULT_CONCURRENCY))
    .action(async (file: string, options: CmsImportCommandOptions) => {
      await withAppContext((context) => runCmsImportCommand(context, file, options));
    });
}

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../../database/database.js';
import type { DirectoryRow } from '../../doctors/bulk/directory-row.js';
import { DIRECTORY_FIELDS, type DirectoryField } from '../../doctors/bulk/directory-update.js';
import { DoctorsBulkWriter } from '../../doctors/bulk/doctors-bulk-writer.service.js';
import type { ImportRun } from '../entities/import-run.entity.js';
import { ImportErrors } from '../import.errors.js';
import { ImportRunsRepository } from '../import-runs.repository.js';
import { CmsFormatError, parseCmsDac, type CmsClinician, type CmsIssue } from '../parsers/cms-dac.parser.js';

export const DEFAULT_CHUNK_SIZE = 5000;
export const DEFAULT_CONCURRENCY = 2;
const WARNING_SAMPLES = 20;
const PROGRESS_EVERY_ROWS = 5000;

export type ImportProgress =
  | { phase: 'staging'; rows: number; bytesRead: number; bytesTotal: number }
  | { phase: 'applying'; chunksDone: number; chunksTotal: number };

export interface CmsImportOptions {
  /** NPIs per transaction (default 5000). */
  chunkSize?: number;
  /** Chunks applied side by side, each on its own connection (default 2). */
  concurrency?: number;
  /** Called as rows are staged and after each chunk commits; an exception stops the import (it stays resumable). */
  onProgress?: (progress: ImportProgress) => void;
}

export interface CmsImportSummary {
  runId: string;
  /** True when this call continued a run that had stopped. */
  resumed: boolean;
  rows: number;
  /** Rows the parser refused (invalid NPI, no name, unreadable CSV); counted among the warnings too. */
  rejected: number;
  doctorsCreated: number;
  doctorsUpdated: number;
  locations: number;
  warnings: number;
  warningsByCode: Record<string, number>;
  conflicts: number;
  mergeCandidates: number;
  /** Seconds spent reading and staging the file, planning the changed NPIs, and applying the chunks (this call only). */
  seconds: { staging: number; planning: number; applying: number };
}

const SOURCE = 'cms';

const seconds = (milliseconds: number): number => Math.round(milliseconds) / 1000;

/** A parsed clinician in the doctors module's directory shape. */
export function toDirectoryRow({ specialties, address, ...clinician }: CmsClinician): DirectoryRow {
  return {
    ...clinician,
    specialties: specialties.map((specialty) => ({ code: specialty.code, rawName: specialty.code ? null : specialty.cmsName })),
    location: {
      externalId: address.key,
      addressLine1: address.line1,
      addressLine2: address.line2,
      city: address.city,
      region: address.state,
      postalCode: address.zip,
      country: 'US',
      phone: address.phone,
    },
  };
}

/** What staging a file found, besides the rows it staged. */
class StagingReport {
  fields: DirectoryField[] = [];
  rows = 0;
  rejected = 0;
  warnings = 0;
  readonly byCode: Record<string, number> = {};
  readonly samples: CmsIssue[] = [];

  add(issues: readonly CmsIssue[]): void {
    for (const issue of issues) {
      this.warnings += 1;
      this.byCode[issue.code] = (this.byCode[issue.code] ?? 0) + 1;
      if (this.samples.length < WARNING_SAMPLES) this.samples.push(issue);
    }
  }
}

/**
 * Imports the CMS "Doctors and Clinicians" file: parse and COPY into a staging table, then apply the NPIs whose
 * data changed in chunks, each chunk and its checkpoint in one transaction. A run that stopped (crash, kill -9,
 * error) is resumed by running the same file again; a finished file imports nothing the second time.
 */
@Injectable()
export class CmsImportService {
  private readonly logger = new Logger(CmsImportService.name);

  constructor(
    private readonly db: Database,
    private readonly runs: ImportRunsRepository,
    private readonly writer: DoctorsBulkWriter,
  ) {}

  async importFile(path: string, options: CmsImportOptions = {}): Promise<CmsImportSummary> {
    const file = await this.identify(path);
    const outcome = await this.runs.withExclusiveLock(SOURCE, () => this.run(file, options));
    if (!outcome.ran) throw ImportErrors.BUSY('Another import:cms is running; try again when it has finished');
    return outcome.result;
  }

  private async identify(path: string): Promise<{ path: string; name: string; key: string; size: number }> {
    try {
      const resolved = await realpath(path);
      const info = await stat(resolved);
      if (!info.isFile()) throw new Error('not a file');
      return { path: resolved, name: basename(resolved), key: `${resolved}:${info.size}:${info.mtimeMs}`, size: info.size };
    } catch (error) {
      throw ImportErrors.FILE_UNREADABLE(`Cannot read ${path}: ${(error as Error).message}`);
    }
  }

  private async run(file: { path: string; name: string; key: string; size: number }, options: CmsImportOptions): Promise<CmsImportSummary> {
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    const previous = await this.runs.findUnfinished(SOURCE, file.key);
    const resumable =
      previous?.status === 'applying' && previous.stagingTable !== null && (await this.writer.stagedRows(previous.stagingTable)) === previous.stagedRows;
    const timings = { staging: 0, planning: 0, applying: 0 };
    let run: ImportRun;
    if (resumable && previous) {
      run = previous;
      this.logger.log(`resuming run ${run.id} of ${file.name}: ${run.doneChunks.length} of ${run.chunksTotal} chunks were applied`);
    } else {
      for (const abandoned of await this.runs.abandonUnfinished(SOURCE)) {
        if (abandoned.stagingTable) await this.writer.dropStaging(abandoned.stagingTable);
      }
      run = await this.stageAndPlan(file, chunkSize, options, timings);
    }
    const applying = performance.now();
    try {
      await this.applyChunks(run, file.name, options);
    } catch (error) {
      await this.runs.recordError(run.id, (error as Error).message);
      throw error;
    }
    timings.applying = seconds(performance.now() - applying);
    this.logger.log(`${file.name}: staged in ${timings.staging} s, planned ${run.chunksTotal} chunks in ${timings.planning} s, applied in ${timings.applying} s`);
    if (run.stagingTable) await this.writer.dropStaging(run.stagingTable);
    const finished = await this.runs.finish(run.id, 'completed');
    return {
      runId: finished.id,
      resumed: run === previous,
      rows: finished.rows,
      rejected: finished.report.rejected ?? 0,
      doctorsCreated: finished.doctorsCreated,
      doctorsUpdated: finished.doctorsUpdated,
      locations: finished.locations,
      warnings: finished.warnings,
      warningsByCode: finished.report.warningsByCode ?? {},
      conflicts: finished.conflicts,
      mergeCandidates: finished.mergeCandidates,
      seconds: timings,
    };
  }

  private async stageAndPlan(
    file: { path: string; name: string; key: string; size: number },
    chunkSize: number,
    options: CmsImportOptions,
    timings: CmsImportSummary['seconds'],
  ): Promise<ImportRun> {
    const run = await this.runs.start({ source: SOURCE, fileName: file.name, fileKey: file.key, chunkSize });
    const table = this.writer.stagingTableFor(run.id);
    await this.runs.setStagingTable(run.id, table);
    const report = new StagingReport();
    const input = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
    async function* clinicians(): AsyncGenerator<DirectoryRow> {
      for await (const parsed of parseCmsDac(input, (header) => (report.fields = header.fields))) {
        report.rows += 1;
        if (report.rows % PROGRESS_EVERY_ROWS === 0) {
          options.onProgress?.({ phase: 'staging', rows: report.rows, bytesRead: input.bytesRead, bytesTotal: file.size });
        }
        if (parsed.kind === 'rejected') {
          report.rejected += 1;
          report.add(parsed.errors);
          continue;
        }
        report.add(parsed.warnings);
        yield toDirectoryRow(parsed.clinician);
      }
    }
    let stagedRows: number;
    const started = performance.now();
    try {
      stagedRows = await this.writer.stage(table, clinicians());
    } catch (error) {
      if (!(error instanceof CmsFormatError)) throw error;
      await this.writer.dropStaging(table);
      await this.runs.finish(run.id, 'failed', error.message);
      throw ImportErrors.BAD_FORMAT(error.message);
    }
    options.onProgress?.({ phase: 'staging', rows: report.rows, bytesRead: file.size, bytesTotal: file.size });
    const staged = performance.now();
    const chunksTotal = await this.writer.plan(table, SOURCE, chunkSize);
    timings.staging = seconds(staged - started);
    timings.planning = seconds(performance.now() - staged);
    const counts = {
      rows: report.rows,
      stagedRows,
      warnings: report.warnings,
      report: { fields: report.fields, rejected: report.rejected, warningsByCode: report.byCode, samples: report.samples },
      chunksTotal,
    };
    await this.runs.staged(run.id, counts);
    return Object.assign(run, counts, { stagingTable: table, status: 'applying' as const });
  }

  /**
   * Applies the chunks not applied yet, `concurrency` at a time (they touch disjoint NPIs), each together with
   * its checkpoint in one transaction. The first failure stops new chunks from starting and is rethrown once the
   * running ones have finished.
   */
  private async applyChunks(run: ImportRun, origin: string, options: CmsImportOptions): Promise<void> {
    const total = run.chunksTotal ?? 0;
    const done = new Set(run.doneChunks);
    const pending = Array.from({ length: total }, (_, chunk) => chunk).filter((chunk) => !done.has(chunk));
    const table = run.stagingTable as string;
    const fields = DIRECTORY_FIELDS.filter((field) => run.report.fields?.includes(field));
    const context = { directory: SOURCE, source: 'import:cms' as const, origin, runId: run.id, fields };
    let failure: Error | undefined;
    const worker = async (): Promise<void> => {
      for (let chunk = pending.shift(); chunk !== undefined && failure === undefined; chunk = pending.shift()) {
        try {
          await this.db.transaction(async () => {
            const counts = await this.writer.applyChunk(table, chunk, context);
            await this.runs.checkpoint(run.id, chunk, counts);
          });
          done.add(chunk);
          options.onProgress?.({ phase: 'applying', chunksDone: done.size, chunksTotal: total });
        } catch (error) {
          failure ??= error instanceof Error ? error : new Error(String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY) }, worker));
    if (failure !== undefined) throw failure;
  }
}

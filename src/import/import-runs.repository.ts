import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';
import { ImportRun } from './entities/import-run.entity.js';

export interface RunCounts {
  doctorsCreated: number;
  doctorsUpdated: number;
  locations: number;
  conflicts: number;
  mergeCandidates: number;
}

/** Import runs: where each run is, so that a crashed one continues where it stopped. */
@Injectable()
export class ImportRunsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Runs `work` while holding a session advisory lock for `source`, or returns undefined at once when another
   * process holds it. The lock lives on its own connection, so it ends with the process however that ends.
   */
  async withExclusiveLock<T>(source: string, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const runner = this.db.dataSource.createQueryRunner();
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`import:${source}`])) as { locked: boolean }[];
      if (!lock?.locked) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`import:${source}`]);
      }
    } finally {
      await runner.release();
    }
  }

  /** The latest unfinished run of this file, if any. */
  async findUnfinished(source: string, fileKey: string): Promise<ImportRun | null> {
    return this.db
      .repository(ImportRun)
      .createQueryBuilder('r')
      .where(`r.source = :source AND r.fileKey = :fileKey AND r.status IN ('staging', 'applying')`, { source, fileKey })
      .orderBy('r.startedAt', 'DESC')
      .getOne();
  }

  /** Unfinished runs of the source (other files, or a run that cannot be resumed), now given up. */
  async abandonUnfinished(source: string): Promise<ImportRun[]> {
    const rows = await this.db.query<{ id: string; staging_table: string | null }>(
      `UPDATE import_runs SET status = 'abandoned', finished_at = now(), updated_at = now()
        WHERE source = $1 AND status IN ('staging', 'applying') RETURNING id, staging_table`,
      [source],
    );
    return rows.map((row) => Object.assign(new ImportRun(), { id: row.id, stagingTable: row.staging_table }));
  }

  async start(run: Pick<ImportRun, 'source' | 'fileName' | 'fileKey' | 'chunkSize'>): Promise<ImportRun> {
    return this.db.repository(ImportRun).save({ ...run, status: 'staging' });
  }

  async setStagingTable(id: string, stagingTable: string): Promise<void> {
    await this.db.repository(ImportRun).update(id, { stagingTable });
  }

  async staged(id: string, counts: Pick<ImportRun, 'rows' | 'stagedRows' | 'warnings' | 'report' | 'chunksTotal'>): Promise<void> {
    await this.db.repository(ImportRun).update(id, { ...counts, status: 'applying' });
  }

  /** Records a chunk as applied, adding its counts; called in the chunk's transaction, so both or neither happen. */
  async checkpoint(id: string, chunk: number, counts: RunCounts): Promise<void> {
    await this.db.query(
      `UPDATE import_runs SET done_chunks = array_append(done_chunks, $2), doctors_created = doctors_created + $3, doctors_updated = doctors_updated + $4,
                              locations = locations + $5, conflicts = conflicts + $6, merge_candidates = merge_candidates + $7,
                              updated_at = now()
        WHERE id = $1`,
      [id, chunk, counts.doctorsCreated, counts.doctorsUpdated, counts.locations, counts.conflicts, counts.mergeCandidates],
    );
  }

  /** Notes why a run stopped; it stays resumable. */
  async recordError(id: string, error: string): Promise<void> {
    await this.db.repository(ImportRun).update(id, { error });
  }

  async finish(id: string, status: 'completed' | 'failed', error: string | null = null): Promise<ImportRun> {
    await this.db.repository(ImportRun).update(id, { status, error, finishedAt: new Date() });
    return this.db.repository(ImportRun).findOneByOrFail({ id });
  }
}

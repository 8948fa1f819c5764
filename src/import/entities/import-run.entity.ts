import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface ImportReport {
  /** The profile fields the file carries columns for. */
  fields?: string[];
  rejected?: number;
  warningsByCode?: Record<string, number>;
  samples?: { row: number; field: string; code: string; message: string }[];
}

export const IMPORT_RUN_STATUSES = ['staging', 'applying', 'completed', 'failed', 'abandoned'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/**
 * One run of an importer over one file: its staging table, how far it got (`doneChunks`, written in the
 * same transaction as each chunk), and its counts. A crashed run is resumed from its checkpoint.
 */
@Entity({ name: 'import_runs' })
@Index('ix_import_runs_file', ['source', 'fileKey', 'startedAt'])
@Check('ck_import_runs_status', `status IN ('staging', 'applying', 'completed', 'failed', 'abandoned')`)
export class ImportRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_import_runs' })
  id!: string;

  /** `cms`. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  fileName!: string;

  /** Identifies the file's content (path, size and modification time): a rerun on the same file resumes. */
  @Column({ type: 'text' })
  fileKey!: string;

  @Column({ type: 'text' })
  status!: ImportRunStatus;

  /** The unlogged table holding this run's normalised rows until it completes. */
  @Column({ type: 'text', nullable: true })
  stagingTable!: string | null;

  @Column({ type: 'integer' })
  chunkSize!: number;

  @Column({ type: 'integer', nullable: true })
  chunksTotal!: number | null;

  /** Checkpoint: the chunks applied and committed (chunks are applied side by side, so not always a prefix). */
  @Column({ type: 'integer', array: true, default: () => "'{}'" })
  doneChunks!: number[];

  /** Data rows read from the file (rejected ones included). */
  @Column({ type: 'integer', default: 0 })
  rows!: number;

  /** Rows in the staging table: resuming checks they are all still there. */
  @Column({ type: 'integer', default: 0 })
  stagedRows!: number;

  @Column({ type: 'integer', default: 0 })
  warnings!: number;

  /** Warnings by code, rejected rows, and the first few warnings, for people reading the run later. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  report!: ImportReport;

  @Column({ type: 'integer', default: 0 })
  doctorsCreated!: number;

  @Column({ type: 'integer', default: 0 })
  doctorsUpdated!: number;

  @Column({ type: 'integer', default: 0 })
  locations!: number;

  @Column({ type: 'integer', default: 0 })
  conflicts!: number;

  @Column({ type: 'integer', default: 0 })
  mergeCandidates!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

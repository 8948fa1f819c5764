import { Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SearchConfig } from '../../config/configuration.js';
import { DoctorsService } from '../../doctors/doctors.service.js';
import type { SearchDocumentType } from '../outbox/search-outbox.entity.js';
import { SearchOutbox } from '../outbox/search-outbox.service.js';
import { buildDoctorDocument, type AnswerSearchDocument } from '../search-documents.js';
import { SearchEngine } from '../search-engine.js';
import { SearchSyncRepository, type ClaimedEntry } from './search-sync.repository.js';

/**
 * Builds answer documents from the Q&A tables. The Q&A module provides it; until then answers are neither claimed
 * from the outbox nor indexed.
 */
export abstract class AnswerDocumentSource {
  /** The documents of the answers that exist (and are visible); ids without one are removed from search. */
  abstract load(ids: readonly string[]): Promise<AnswerSearchDocument[]>;

  /** Ids of every answer in id order after `after`, for a full reindex. */
  abstract pageIds(after: string | undefined, limit: number): Promise<string[]>;
}

export interface DrainResult {
  indexed: number;
  removed: number;
  failedBatches: number;
}

/** Longer than the engine may take for one batch (retries included), so a lease never expires under a live worker. */
const LEASE_SECONDS = 600;
const MAX_BACKOFF_SECONDS = 60;
const REINDEX_PAGE_SIZE = 5_000;

/** Retry delay after the n-th failed attempt: 1 s, 2 s, 4 s… up to a minute. */
export const backoffSeconds = (attempts: number): number => Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(0, attempts - 1));

type IdPager = (after: string | undefined, limit: number) => Promise<string[]>;

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Drains the search outbox into the engine: claims rows, rebuilds each document from the database (a missing or
 * deleted one becomes a removal), sends the batch, and deletes a row only once the engine confirmed and only if it
 * did not change meanwhile. Failures back off per row; nothing is dropped.
 */
@Injectable()
export class SearchSyncService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchSyncService.name);
  private running: Promise<DrainResult> | undefined;
  private readonly stop = new AbortController();

  constructor(
    private readonly config: SearchConfig,
    private readonly engine: SearchEngine,
    private readonly repository: SearchSyncRepository,
    private readonly doctors: DoctorsService,
    private readonly outbox: SearchOutbox,
    @Optional() private readonly answers?: AnswerDocumentSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.syncWorker) this.running = this.drainAll({ follow: true, signal: this.stop.signal });
  }

  /** Before the database closes: the batch in flight finishes (or fails and backs off), then the loop ends. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  /**
   * Processes available rows batch by batch until none is left, or until a batch fails: then the engine is failing,
   * and failing every other batch too would only churn the outbox. Failed rows come back after their backoff.
   * An aborted `signal` stops it between batches.
   */
  async drain(signal?: AbortSignal): Promise<DrainResult> {
    const result: DrainResult = { indexed: 0, removed: 0, failedBatches: 0 };
    while (!signal?.aborted) {
      const batch = await this.repository.claim(this.types(), this.config.syncBatchSize, LEASE_SECONDS);
      if (batch.length === 0) return result;
      try {
        const { indexed, removed } = await this.apply(batch);
        await this.repository.complete(batch);
        result.indexed += indexed;
        result.removed += removed;
      } catch (error) {
        result.failedBatches += 1;
        const attempts = Math.max(...batch.map((entry) => entry.attempts));
        this.logger.warn(`search sync of ${batch.length} ${batch[0]?.documentType} documents failed (attempt ${attempts}): ${String(error)}`);
        await this.repository.fail(batch, backoffSeconds(attempts), String(error).slice(0, 2000));
        return result;
      }
    }
    return result;
  }

  /**
   * `drain()` until the outbox is empty, waiting out backoffs (longer while the engine keeps failing). `follow` keeps
   * going until `signal` aborts, and survives database errors (logged, retried): that is the worker's loop.
   */
  async drainAll(options: { follow?: boolean; signal?: AbortSignal } = {}): Promise<DrainResult> {
    const total: DrainResult = { indexed: 0, removed: 0, failedBatches: 0 };
    let failingPasses = 0;
    while (!options.signal?.aborted) {
      try {
        const result = await this.drain(options.signal);
        total.indexed += result.indexed;
        total.removed += result.removed;
        total.failedBatches += result.failedBatches;
        failingPasses = result.failedBatches > 0 ? failingPasses + 1 : 0;
        if (!options.follow && (await this.repository.backlog()).size === 0) break;
      } catch (error) {
        if (!options.follow) throw error;
        failingPasses += 1;
        this.logger.error(`search sync: ${String(error)}`);
      }
      await sleep(failingPasses > 0 ? backoffSeconds(failingPasses) * 1000 : this.config.syncIntervalMs, options.signal);
    }
    return total;
  }

  /**
   * Rebuilds the whole index without downtime: on an engine that needs it, a new index is filled beside the live one
   * (every write in the meantime goes to both), then swapped in. Returns how many documents were queued.
   */
  async reindex(type: SearchDocumentType): Promise<number> {
    const pageIds = this.idPager(type);
    const target = await this.engine.beginReindex(type);
    if (target) await this.repository.startReindex(this.engine.name, type, target.index);
    try {
      const queued = await this.queueAll(type, pageIds);
      const queuedBy = await this.repository.now();
      // Done once every row queued up to now was processed with the new index in place.
      while ((await this.repository.pendingSince(type, queuedBy)) > 0) {
        const { indexed, removed } = await this.drain();
        if (indexed + removed === 0) await sleep(this.config.syncIntervalMs);
      }
      if (target) await target.swap();
      return queued;
    } finally {
      if (target) {
        await this.repository.endReindex(this.engine.name, type);
        await target.drop();
      }
    }
  }

  private idPager(type: SearchDocumentType): IdPager {
    if (type === 'doctor') return (after, limit) => this.doctors.pageIds(after, limit);
    const answers = this.answers;
    if (!answers) throw new Error('No answer document source is registered');
    return (after, limit) => answers.pageIds(after, limit);
  }

  private async queueAll(type: SearchDocumentType, pageIds: IdPager): Promise<number> {
    let queued = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await pageIds(after, REINDEX_PAGE_SIZE);
      if (ids.length === 0) return queued;
      await this.outbox.enqueue(type, ids);
      queued += ids.length;
      after = ids[ids.length - 1];
    }
  }

  /** Whether documents of this type can be built (answers need the Q&A module's document source). */
  handles(type: SearchDocumentType): boolean {
    return this.types().includes(type);
  }

  private types(): SearchDocumentType[] {
    return this.answers ? ['doctor', 'answer'] : ['doctor'];
  }

  private async apply(batch: readonly ClaimedEntry[]): Promise<{ indexed: number; removed: number }> {
    const type = batch[0]?.documentType ?? 'doctor';
    const ids = batch.map((entry) => entry.documentId);
    // Read after the claim: a reindex that started before it is visible, so its index gets this batch too.
    const target = await this.repository.reindexTarget(this.engine.name, type);
    const removedIds = (found: ReadonlySet<string>): string[] => ids.filter((id) => !found.has(id));
    if (type === 'doctor') {
      const upserts = (await this.doctors.findProfiles(ids)).map(buildDoctorDocument);
      const changes = { upserts, deletedIds: removedIds(new Set(upserts.map((d) => d.id))) };
      await this.engine.applyDoctors(changes);
      if (target) await this.engine.applyDoctors(changes, target);
      return { indexed: upserts.length, removed: changes.deletedIds.length };
    }
    const upserts = this.answers ? await this.answers.load(ids) : [];
    const changes = { upserts, deletedIds: removedIds(new Set(upserts.map((d) => d.id))) };
    await this.engine.applyAnswers(changes);
    if (target) await this.engine.applyAnswers(changes, target);
    return { indexed: upserts.length, removed: changes.deletedIds.length };
  }
}

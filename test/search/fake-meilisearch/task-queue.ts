/**
 * Meilisearch's asynchronous task queue: a write answers `202` with an enqueued task, and tasks are then processed
 * one at a time in uid order (so in order per index), each going enqueued → processing → succeeded | failed.
 */
import { errorBody, MeiliError, type MeiliErrorBody } from './meili-errors.js';

export type TaskStatus = 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
export type TaskType = 'indexCreation' | 'indexUpdate' | 'indexDeletion' | 'indexSwap' | 'documentAdditionOrUpdate' | 'documentDeletion' | 'settingsUpdate';
type Details = Record<string, unknown>;

/** The task object of `GET /tasks/{uid}`. */
export interface TaskView {
  readonly uid: number;
  readonly batchUid: number | null;
  readonly indexUid: string | null;
  readonly status: TaskStatus;
  readonly type: TaskType;
  readonly canceledBy: number | null;
  readonly details: Details;
  readonly error: MeiliErrorBody | null;
  readonly duration: string | null;
  readonly enqueuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly customMetadata?: string;
}

/** The answer to a write (`SummarizedTaskView`). */
export interface EnqueuedTask {
  readonly taskUid: number;
  readonly indexUid: string | null;
  readonly status: 'enqueued';
  readonly type: TaskType;
  readonly enqueuedAt: string;
  readonly customMetadata?: string;
}

export interface TaskSpec {
  readonly indexUid: string | null;
  readonly type: TaskType;
  readonly details: Details;
  readonly customMetadata?: string;
  /** Applies the write; returns the final details. Throws a {@link MeiliError} to fail the task. */
  readonly run: () => Details;
}

export interface TaskQuery {
  readonly uids?: readonly number[];
  readonly statuses?: readonly string[];
  readonly types?: readonly string[];
  readonly indexUids?: readonly string[];
  readonly limit?: number;
  readonly from?: number;
  readonly reverse?: boolean;
  readonly afterEnqueuedAt?: Date;
  readonly beforeEnqueuedAt?: Date;
  readonly afterStartedAt?: Date;
  readonly beforeStartedAt?: Date;
  readonly afterFinishedAt?: Date;
  readonly beforeFinishedAt?: Date;
}

interface Task {
  view: TaskView;
  readonly run: () => Details;
}

/** ISO 8601 duration, as Meilisearch reports it (`PT0.012S`). */
const isoDuration = (ms: number): string => `PT${(ms / 1000).toFixed(3)}S`;

export class TaskQueue {
  private tasks: Task[] = [];
  private nextUid = 0;
  private pumping = false;
  private closed = false;
  private injected: { remaining: number; error: MeiliErrorBody } = { remaining: 0, error: errorBody('internal', '', 'internal') };
  private wake: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(
    public delayMs: number,
    /** Called with errors that fail a task because of what the adapter sent. */
    private readonly onViolation: (error: MeiliError, task: TaskView) => void,
  ) {}

  enqueue(spec: TaskSpec): EnqueuedTask {
    const enqueuedAt = new Date().toISOString();
    const uid = this.nextUid++;
    const custom = spec.customMetadata === undefined ? {} : { customMetadata: spec.customMetadata };
    this.tasks.push({
      view: {
        uid, batchUid: null, indexUid: spec.indexUid, status: 'enqueued', type: spec.type, canceledBy: null, details: spec.details,
        error: null, duration: null, enqueuedAt, startedAt: null, finishedAt: null, ...custom,
      },
      run: spec.run,
    });
    void this.pump();
    return { taskUid: uid, indexUid: spec.indexUid, status: 'enqueued', type: spec.type, enqueuedAt, ...custom };
  }

  get(uid: number): TaskView | undefined {
    return this.tasks.find((task) => task.view.uid === uid)?.view;
  }

  /** Whether the index has writes not yet processed (`isIndexing` in its stats). */
  isIndexing(indexUid: string): boolean {
    return this.tasks.some((task) => task.view.indexUid === indexUid && (task.view.status === 'enqueued' || task.view.status === 'processing'));
  }

  /** `GET /tasks`: newest first unless `reverse`, paginated with `from` / `limit`, `next` pointing at the next page. */
  list(query: TaskQuery): { results: TaskView[]; total: number; limit: number; from: number | null; next: number | null } {
    const within = (value: string | null, after?: Date, before?: Date) =>
      (after === undefined || (value !== null && Date.parse(value) > after.getTime())) && (before === undefined || (value !== null && Date.parse(value) < before.getTime()));
    const anyOf = <T>(list: readonly T[] | undefined, value: T) => list === undefined || list.includes('*' as T) || list.includes(value);
    const matching = this.tasks
      .map((task) => task.view)
      .filter(
        (task) =>
          anyOf(query.uids, task.uid) &&
          anyOf(query.statuses, task.status) &&
          anyOf(query.types, task.type) &&
          (query.indexUids === undefined || query.indexUids.includes('*') || (task.indexUid !== null && query.indexUids.includes(task.indexUid))) &&
          within(task.enqueuedAt, query.afterEnqueuedAt, query.beforeEnqueuedAt) &&
          within(task.startedAt, query.afterStartedAt, query.beforeStartedAt) &&
          within(task.finishedAt, query.afterFinishedAt, query.beforeFinishedAt),
      )
      .sort((a, b) => (query.reverse ? a.uid - b.uid : b.uid - a.uid));
    const limit = query.limit ?? 20;
    const start = query.from === undefined ? 0 : matching.findIndex((task) => (query.reverse ? task.uid >= query.from! : task.uid <= query.from!));
    const page = start === -1 ? [] : matching.slice(start, start + limit);
    const next = start === -1 ? undefined : matching[start + limit];
    return { results: page, total: matching.length, limit, from: page[0]?.uid ?? null, next: next?.uid ?? null };
  }

  /** The next `count` tasks to be processed fail with `error` instead of being applied. */
  failNext(count: number, error: MeiliErrorBody): void {
    this.injected = { remaining: count, error };
  }

  /** Forgets every task (uids restart at 0) and any injected failure. */
  reset(): void {
    this.tasks = [];
    this.nextUid = 0;
    this.injected = { ...this.injected, remaining: 0 };
  }

  close(): void {
    this.closed = true;
    if (this.wake) {
      clearTimeout(this.wake.timer);
      this.wake.resolve();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = { timer: setTimeout(resolve, ms), resolve };
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        // Yield first, so that the 202 answer goes out before the task moves on.
        await this.sleep(0);
        const task = this.tasks.find((candidate) => candidate.view.status === 'enqueued');
        if (!task || this.closed) return;
        const started = Date.now();
        task.view = { ...task.view, status: 'processing', batchUid: task.view.uid, startedAt: new Date(started).toISOString() };
        await this.sleep(this.delayMs);
        if (this.closed) return;
        // reset() may have dropped the task meanwhile.
        if (this.tasks.includes(task)) this.finish(task, started);
      }
    } finally {
      this.pumping = false;
    }
  }

  private finish(task: Task, started: number): void {
    let outcome: { status: 'succeeded'; details: Details } | { status: 'failed'; error: MeiliErrorBody };
    if (this.injected.remaining > 0) {
      this.injected = { ...this.injected, remaining: this.injected.remaining - 1 };
      outcome = { status: 'failed', error: this.injected.error };
    } else {
      try {
        outcome = { status: 'succeeded', details: task.run() };
      } catch (error) {
        if (!(error instanceof MeiliError)) throw error;
        if (error.violation) this.onViolation(error, task.view);
        outcome = { status: 'failed', error: error.body };
      }
    }
    const finishedAt = new Date();
    task.view = {
      ...task.view,
      ...outcome,
      duration: isoDuration(finishedAt.getTime() - started),
      finishedAt: finishedAt.toISOString(),
    };
  }
}

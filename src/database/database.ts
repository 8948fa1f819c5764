import { AsyncLocalStorage } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type EntityManager, type ObjectLiteral, type Repository, type EntityTarget } from 'typeorm';

interface TransactionScope {
  manager: EntityManager;
  afterCommit: (() => Promise<void> | void)[];
}

/**
 * The database handle repositories use. Inside `transaction()` every repository call joins the same transaction
 * (AsyncLocalStorage), so services compose repositories without passing an EntityManager around.
 */
@Injectable()
export class Database {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  /**
   * Parameterised SQL only: values always travel as `$n` parameters. Returns the rows (also for
   * `UPDATE … RETURNING`, where TypeORM's plain `query()` would return `[rows, count]`).
   */
  async query<T = Record<string, unknown>>(sql: string, parameters: readonly unknown[] = []): Promise<T[]> {
    const inScope = this.scope.getStore()?.manager.queryRunner;
    const runner = inScope ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, [...parameters], true);
      return result.records as T[];
    } finally {
      if (!inScope) await runner.release();
    }
  }

  /**
   * Streams text into `COPY … FROM STDIN` (bulk loads: far faster than INSERTs). `copySql` is built by the caller
   * from validated identifiers only; the data travels as the stream. Joins the current transaction if any.
   */
  async copyFrom(copySql: string, data: Iterable<string> | AsyncIterable<string>): Promise<void> {
    const inScope = this.scope.getStore()?.manager.queryRunner;
    const runner = inScope ?? this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      await pipeline(Readable.from(data), client.query(copyFrom(copySql)));
    } finally {
      if (!inScope) await runner.release();
    }
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /** Runs `work` in a transaction; nested calls join the outer one. After-commit callbacks run once it committed. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    const afterCommit: TransactionScope['afterCommit'] = [];
    const result = await this.dataSource.transaction((manager) => this.scope.run({ manager, afterCommit }, work));
    for (const callback of afterCommit) await callback();
    return result;
  }

  /** Defers a side effect (a wake-up, a notification) until the surrounding transaction committed; runs now outside one. */
  async afterCommit(callback: () => Promise<void> | void): Promise<void> {
    const store = this.scope.getStore();
    if (store) store.afterCommit.push(callback);
    else await callback();
  }
}

import { Global, Inject, Injectable, Logger, Module, Optional, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/configuration.js';
import { Database } from './database.js';
import type { EmbeddedPostgresHandle } from './embedded-postgres.js';
import { loadMigrations, runMigrations } from './migrations.js';
import { buildDataSourceOptions } from './typeorm-options.js';

const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

/** Closes the pool, then leaves the embedded cluster (the last process out stops it). */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(EMBEDDED_POSTGRES) private readonly embedded?: EmbeddedPostgresHandle,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.release();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(embedded?: EmbeddedPostgresHandle): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [DatabaseConfig],
          useFactory: async (config: DatabaseConfig): Promise<TypeOrmModuleOptions> => ({
            ...buildDataSourceOptions(config, await loadMigrations()),
            autoLoadEntities: true,
            // Fail fast instead of serving half-connected; the supervisor restarts the process.
            retryAttempts: 0,
          }),
          // Migrations run before anything can use the connection, so the API never listens on an old schema.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            const applied = await runMigrations(dataSource);
            if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
            return dataSource;
          },
        }),
      ],
      providers: [Database, DatabaseLifecycle, ...(embedded ? [{ provide: EMBEDDED_POSTGRES, useValue: embedded }] : [])],
      exports: [Database],
    };
  }
}

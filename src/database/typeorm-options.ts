import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from '../config/configuration.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The one options builder for the app, the CLI and the tests. Never `synchronize`: migrations own the schema. */
export function buildDataSourceOptions(
  config: DatabaseConfig,
  migrations: (new () => MigrationInterface)[],
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  if (!config.url) throw new Error('The database URL is not known yet (embedded Postgres not started?)');
  return {
    type: 'postgres',
    url: config.url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations, not on connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: config.poolSize, application_name: 'docfinder' },
    logging: false,
  };
}

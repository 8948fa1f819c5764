import pino from 'pino';
import { type Configuration, withDatabaseUrl } from '../config/configuration.js';
import { acquireEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

export interface PreparedDatabase {
  config: Configuration;
  /** Present on the embedded default; released when the app or command shuts down. */
  embedded?: EmbeddedPostgresHandle;
}

/**
 * DATABASE_URL when set; otherwise the embedded cluster in DATA_DIR, started or joined. Runs before Nest exists,
 * so it logs with its own pino instance on the same stream as the process's logs.
 */
export async function prepareDatabase(config: Configuration): Promise<PreparedDatabase> {
  if (!config.database.embedded) return { config };
  const log = pino({ level: config.app.logLevel, base: { service: 'docfinder', context: 'EmbeddedPostgres' } }, pino.destination(config.app.role === 'cli' ? 2 : 1));
  const embedded = await acquireEmbeddedPostgres({
    dataDir: config.app.dataDir,
    password: config.database.embeddedPassword as string,
    port: config.database.embeddedPort,
    log: (message) => {
      if (message) log.debug(message);
    },
  });
  log.info({ port: embedded.port, dataDir: config.app.dataDir }, 'embedded PostgreSQL ready');
  return { config: withDatabaseUrl(config, embedded.url), embedded };
}

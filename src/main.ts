import 'reflect-metadata';
import { createApp } from './app.setup.js';
import { loadConfiguration } from './config/configuration.js';
import { ConfigError } from './config/environment.js';
import { prepareDatabase, type PreparedDatabase } from './database/bootstrap.js';
import { DemoDataService } from './doctors/demo/demo-data.service.js';

async function main(): Promise<void> {
  const config = loadConfiguration('api');
  const prepared: PreparedDatabase = await prepareDatabase(config);
  let app;
  try {
    app = await createApp(prepared);
  } catch (error) {
    await prepared.embedded?.release();
    throw error;
  }
  // Before listening, so /health/ready never answers 200 on an empty demo directory.
  if (config.app.demoData) await app.get(DemoDataService).seedIfEmpty(config.app.demoDoctors);
  await app.listen({ port: config.app.port, host: config.app.host });
  if (config.generatedAdminToken && config.auth.adminToken) {
    // Shown once, on the terminal only (never through the logger): it is a credential.
    process.stderr.write(
      `\nGenerated ADMIN_TOKEN (kept in ${config.app.dataDir}/secrets.json; shown only this once):\n  ${config.auth.adminToken}\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  // A configuration error is the user's to fix: one clear message, no stack trace.
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

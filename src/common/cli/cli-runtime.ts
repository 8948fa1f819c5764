import type { INestApplicationContext } from '@nestjs/common';
import { createAppContext } from '../../app.setup.js';
import { loadConfiguration } from '../../config/configuration.js';
import { prepareDatabase } from '../../database/bootstrap.js';

/** An error the CLI reports as one line on stderr, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * Runs a command inside the same module graph as the API, on the same database (starting or joining the embedded
 * cluster and applying migrations first), and always leaves the cluster cleanly.
 */
export async function withAppContext<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const prepared = await prepareDatabase(loadConfiguration('cli'));
  let context: INestApplicationContext;
  try {
    context = await createAppContext(prepared);
  } catch (error) {
    await prepared.embedded?.release();
    throw error;
  }
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

/** Results go to stdout and nothing else does. */
export function printResult(result: unknown): void {
  process.stdout.write(typeof result === 'string' ? `${result}\n` : `${JSON.stringify(result, null, 2)}\n`);
}

/** Progress and human-readable summaries go to stderr. */
export function printInfo(message: string): void {
  process.stderr.write(`${message}\n`);
}

import { createInterface } from 'node:readline';
import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { CliError, printInfo, printResult, withAppContext } from '../common/cli/cli-runtime.js';
import { AppError } from '../common/errors/app-error.js';
import { AuthConfig } from '../config/configuration.js';
import { AccountsService } from './accounts.service.js';

/** The first line of stdin (piped, or typed at a prompt). */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) printInfo('Password for the admin account (at least 10 characters; input is shown):');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** Creates the admin account (or adds the admin role to an existing account, keeping its password). */
export async function createAdmin(context: INestApplicationContext, email: string, readPassword: () => Promise<string>) {
  const password = context.get(AuthConfig).adminPassword ?? (await readPassword());
  const accounts = context.get(AccountsService);
  try {
    const outcome = await accounts.ensureAdmin(email, password);
    const account = await accounts.findByEmail(email);
    return { outcome, id: account?.id, email: account?.email };
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.detail);
    throw error;
  }
}

export function registerAccountCommands(program: Command): void {
  program
    .command('admin:create')
    .description('Create an admin account; the password comes from ADMIN_PASSWORD or the first line of stdin')
    .requiredOption('--email <email>', 'the admin e-mail address')
    .action(async (options: { email: string }) => {
      const result = await withAppContext((context) => createAdmin(context, options.email, readPasswordFromStdin));
      printInfo(result.outcome === 'created' ? 'Admin account created.' : `Existing account: ${result.outcome === 'granted' ? 'admin role added' : 'already an admin'} (password unchanged).`);
      printResult(result);
    });
}

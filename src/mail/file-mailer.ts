import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Mailer, type MailMessage } from './mailer.js';

/** Writes each message as one JSON file `{ to, subject, text, token }`; names sort in sending order. */
export class FileMailer extends Mailer {
  private sequence = 0;

  constructor(private readonly directory: string) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    this.sequence += 1;
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(this.sequence).padStart(6, '0')}-${randomUUID()}.json`;
    const { to, subject, text, token = null } = message;
    await writeFile(join(this.directory, name), `${JSON.stringify({ to, subject, text, token }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
}

import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MailConfig } from '../config/configuration.js';
import { FileMailer } from './file-mailer.js';
import { createMailer } from './mail.module.js';
import { SmtpMailer } from './smtp-mailer.js';

/** The smallest SMTP server nodemailer will talk to, on loopback: it records each message's envelope and data. */
async function fakeSmtpServer(): Promise<{ server: Server; port: number; messages: { from: string; to: string[]; data: string }[] }> {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let current = { from: '', to: [] as string[], data: '' };
    let inData = false;
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else current.data += `${line}\n`;
        } else if (/^QUIT/i.test(line)) {
          socket.end('221 bye\r\n');
        } else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go on\r\n');
        } else {
          if (/^MAIL FROM:/i.test(line)) current.from = line.slice(10);
          if (/^RCPT TO:/i.test(line)) current.to.push(line.slice(8));
          socket.write('250 ok\r\n');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, messages };
}

describe('mailers', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('FileMailer writes one private JSON file { to, subject, text, token } per message, in sending order', async () => {
    const directory = join(await mkdtemp(join(tmpdir(), 'docfinder-mail-')), 'mail');
    const mailer = new FileMailer(directory);
    await mailer.send({ to: 'a@example.org', subject: 'First', text: 'Code: abc', token: 'abc' });
    await mailer.send({ to: 'b@example.org', subject: 'Second', text: 'No token' });
    const names = (await readdir(directory)).sort();
    expect(names).toHaveLength(2);
    const first = JSON.parse(await readFile(join(directory, names[0]), 'utf8'));
    const second = JSON.parse(await readFile(join(directory, names[1]), 'utf8'));
    expect(first).toEqual({ to: 'a@example.org', subject: 'First', text: 'Code: abc', token: 'abc' });
    expect(second).toEqual({ to: 'b@example.org', subject: 'Second', text: 'No token', token: null });
    expect((await stat(join(directory, names[0]))).mode & 0o777).toBe(0o600);
  });

  it('SmtpMailer hands the message to the SMTP server from MAIL_FROM', async () => {
    const smtp = await fakeSmtpServer();
    server = smtp.server;
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, 'Docfinder <no-reply@docfinder.test>');
    await mailer.send({ to: 'ann@example.org', subject: 'Confirm your e-mail', text: 'Your code: xyz', token: 'xyz' });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].from).toContain('no-reply@docfinder.test');
    expect(smtp.messages[0].to).toEqual([expect.stringContaining('ann@example.org')]);
    expect(smtp.messages[0].data).toMatch(/Subject: Confirm your e-mail/);
    expect(smtp.messages[0].data).toContain('Your code: xyz');
  });

  it('MAIL_TRANSPORT picks the adapter', () => {
    expect(createMailer(new MailConfig('file', undefined, 'x@y.z', '/tmp/mail'))).toBeInstanceOf(FileMailer);
    expect(createMailer(new MailConfig('smtp', 'smtp://127.0.0.1:2525', 'x@y.z', '/tmp/mail'))).toBeInstanceOf(SmtpMailer);
  });
});

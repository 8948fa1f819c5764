import { Module } from '@nestjs/common';
import { MailConfig } from '../config/configuration.js';
import { FileMailer } from './file-mailer.js';
import { MailService } from './mail.service.js';
import { Mailer } from './mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

/** The adapter MAIL_TRANSPORT asks for (the configuration guarantees SMTP_URL with `smtp`). */
export const createMailer = (config: MailConfig): Mailer =>
  config.transport === 'smtp' && config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.from) : new FileMailer(config.outboxDir);

@Module({
  providers: [
    { provide: Mailer, inject: [MailConfig], useFactory: createMailer },
    MailService,
  ],
  exports: [MailService],
})
export class MailModule {}

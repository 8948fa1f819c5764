import { Module } from '@nestjs/common';
import { MailConfig } from '../config/configuration.js';
import { FileMailer } from './file-mailer.js';
import { MailService } from './mail.service.js';
import { Mailer } from './mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

@Module({
  providers: [
    {
      provide: Mailer,
      inject: [MailConfig],
      useFactory: (config: MailConfig): Mailer =>
        config.transport === 'smtp' && config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.from) : new FileMailer(config.outboxDir),
    },
    MailService,
  ],
  exports: [MailService],
})
export class MailModule {}

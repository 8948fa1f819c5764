import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../database/database.js';
import { Mailer, type MailMessage } from './mailer.js';

/** What features call to send mail: never before the data the message talks about is committed. */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer,
  ) {}

  /**
   * Sends once the surrounding transaction committed (at once outside one). A failed delivery is logged, not
   * thrown: the request's writes are already committed, and the user can ask for the message again.
   */
  async sendAfterCommit(message: MailMessage): Promise<void> {
    await this.db.afterCommit(async () => {
      try {
        await this.mailer.send(message);
      } catch (error) {
        // The subject only: the text may carry a one-time token.
        this.logger.error({ err: error, subject: message.subject }, 'mail delivery failed');
      }
    });
  }
}

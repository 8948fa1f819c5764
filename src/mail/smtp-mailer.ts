import nodemailer, { type Transporter } from 'nodemailer';
import { Mailer, type MailMessage } from './mailer.js';

/** Sends through an SMTP server (SMTP_URL). */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }
}

/** One outgoing message. `token` is the one-time token the text carries, kept apart so tests and tools can read it. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly token?: string;
}

/** The port: where messages go. FileMailer (development mail catcher) or SmtpMailer, chosen by MAIL_TRANSPORT. */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}

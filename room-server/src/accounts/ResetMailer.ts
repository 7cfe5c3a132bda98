import nodemailer from 'nodemailer';

export interface ResetMailerOptions {
  /** SMTP_URL: smtp://user:password@host:port (or smtps://); it holds a secret, so it is never logged. */
  smtpUrl: string;
  /** MAIL_FROM: the sender of the mails. */
  from: string;
}

/** How long one mail may take to hand over to the SMTP server. */
const SEND_TIMEOUT_MS = 15_000;

/** Sends password-reset links by mail (nodemailer over SMTP). */
export class ResetMailer {
  private readonly transport;

  constructor(private readonly options: ResetMailerOptions) {
    this.transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
  }

  async sendResetLink(to: { email: string; name: string }, link: string, expiresAt: Date): Promise<void> {
    await this.transport.sendMail({
      from: this.options.from,
      to: { address: to.email, name: to.name },
      subject: 'Set a new CodeStream password',
      text: [
        `Hello ${to.name},`,
        '',
        'An administrator made a link for you to set a new CodeStream password:',
        link,
        '',
        `It works once, until ${expiresAt.toUTCString()}.`,
      ].join('\n'),
    });
  }

  close(): void {
    this.transport.close();
  }
}

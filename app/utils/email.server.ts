import { Resend } from "resend";
import { getEnv } from "./env.server";

/**
 * The mail adapter: the rest of the app never talks to Resend directly. With RESEND_API_KEY
 * mails go out through Resend; without it they are kept in the development mailbox
 * (/dev/mailbox) and never leave the machine.
 */
export type OutgoingMail = { id: string; to: string; subject: string; html: string; text: string; headers?: Record<string, string> };

export type MailTransport = {
  name: "resend" | "dev-mailbox";
  /** Returns the provider's message id; throws on any failure (the outbox retries). */
  send(mail: OutgoingMail): Promise<string | null>;
  /**
   * Sends up to 100 mails in one call (Resend's batch API); returns their message ids in order.
   * The key makes a retry of the same batch a no-op at the provider.
   */
  sendBatch(mails: OutgoingMail[], idempotencyKey: string): Promise<Array<string | null>>;
};

export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
  }
}

export function mailTransport(): MailTransport {
  const env = getEnv();
  if (!env.RESEND_API_KEY) {
    return { name: "dev-mailbox", send: async () => null, sendBatch: async (mails) => mails.map(() => null) };
  }
  const resend = new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
  return {
    name: "resend",
    async send(mail) {
      // The outbox row id is the idempotency key: a retry after a lost response is not sent twice.
      const { data, error } = await resend.emails.send(
        { from: env.MAIL_FROM, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers },
        { idempotencyKey: `gm-mail-${mail.id}` },
      );
      if (error || !data) {
        const status = error && "statusCode" in error ? (error.statusCode as number | null) : null;
        throw new MailDeliveryError(error?.message ?? "Resend returned no data", status);
      }
      return data.id;
    },
    async sendBatch(mails, idempotencyKey) {
      const { data, error } = await resend.batch.send(
        mails.map((mail) => ({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers })),
        { idempotencyKey },
      );
      if (error || !data || data.data.length !== mails.length) {
        const status = error && "statusCode" in error ? (error.statusCode as number | null) : null;
        throw new MailDeliveryError(error?.message ?? "Resend returned no data for the batch", status);
      }
      return data.data.map((d) => d.id);
    },
  };
}

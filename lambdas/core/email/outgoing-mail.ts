/** One mail to one recipient, as the sender hands it to SES (or, locally, to the outbox). */
export interface OutgoingMail {
  /** `Name <address>` or an address. */
  from: string;
  to: string;
  replyTo?: string;
  /** UTF-8, one line. */
  subject: string;
  text: string;
  html: string;
  /** Extra headers: `List-Unsubscribe`, `List-Unsubscribe-Post`. */
  headers: Record<string, string>;
  /** Tags SES returns on its events (bounce, complaint), to find the subscriber and the update again. */
  tags: Record<string, string>;
}

/**
 * SES's mailbox simulator addresses, which the local outbox honours as SES does: mail to `bounce@`
 * hard-bounces, to `complaint@` is reported as spam, to `success@` is simply delivered.
 */
export const mailboxSimulator = {
  bounce: 'bounce@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
  success: 'success@simulator.amazonses.com',
} as const;

/**
 * The SES event (as EventBridge delivers it from a configuration set) that SES would raise for a mail
 * to a simulator address; `undefined` for any other address.
 *
 * @example
 * simulatedSesEvent('bounce@simulator.amazonses.com', 'local-1', { subscriberId: 'sub_…' })?.['detail-type']; // 'Email Bounced'
 */
export function simulatedSesEvent(to: string, messageId: string, tags: Record<string, string>): object | undefined {
  const mail = { messageId, destination: [to], tags: Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, [value]])) };
  const address = to.trim().toLowerCase();
  if (address === mailboxSimulator.bounce) {
    return {
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      detail: { eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: to }] } },
    };
  }
  if (address === mailboxSimulator.complaint) {
    return {
      source: 'aws.ses',
      'detail-type': 'Email Complaint Received',
      detail: { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: to }], complaintFeedbackType: 'abuse' } },
    };
  }
  return undefined;
}

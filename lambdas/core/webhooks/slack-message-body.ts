import { escapeSlackText } from './escape-slack-text.js';
import { fitEscaped } from './fit-escaped.js';
import { standingLabels } from './standing-labels.js';
import type { WebhookEvent } from './webhook-event.js';
import type { SlackMessage, WebhookLabels } from './types.js';

// Slack's Block Kit limits: a header's text 150 characters, any other text object 3000. The
// top-level text may be longer (Slack cuts it at 40,000) but is read in a notification.
const headerLimit = 150;
const textLimit = 3000;

/**
 * A Slack incoming-webhook message: `text` (what the notification shows) and blocks: the title as a
 * header, the message as plain text (no formatting, link or mention can come from it), the status and
 * impact, and the status-page link. Every text is escaped as Slack asks (`&`, `<`, `>`).
 *
 * @example
 * slackMessageBody(event, webhookLabels('en', config)).blocks[0]; // { type: 'header', text: { type: 'plain_text', text: 'Update: …' } }
 */
export function slackMessageBody(event: WebhookEvent, labels: WebhookLabels): SlackMessage {
  const { message, update } = event.data;
  const fit = (text: string, limit: number) => fitEscaped(text, { escape: escapeSlackText, limit, locale: message.locale, ellipsis: labels.ellipsis });
  return {
    text: fit(message.text ? `${message.title}\n${message.text}` : message.title, textLimit),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: fit(message.title, headerLimit) } },
      ...(message.text ? [{ type: 'section' as const, text: { type: 'plain_text' as const, text: fit(message.text, textLimit) } }] : []),
      {
        type: 'context',
        elements: standingLabels(update, labels).map((label) => ({ type: 'plain_text' as const, text: fit(label, textLimit) })),
      },
      { type: 'section', text: { type: 'mrkdwn', text: slackLink(message.url, escapeSlackText(labels.viewStatusPage)) } },
    ],
  };
}

// A link in a section rather than a button: a URL button of an app without interactivity shows a
// warning beside it. In `<url|label>` the URL must carry no `|` or `>` of its own.
function slackLink(url: string, label: string): string {
  return `<${escapeSlackText(url).replace(/\|/g, '%7C')}|${label}>`;
}

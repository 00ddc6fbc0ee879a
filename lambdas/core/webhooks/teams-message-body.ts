import type { TeamsMessage, TeamsTextRun, WebhookLabels } from './types.js';
import { standingLabels } from './standing-labels.js';
import type { WebhookEvent } from './webhook-event.js';

/**
 * A Microsoft Teams incoming-webhook message: one Adaptive Card (1.4) with the title, the message, the
 * status and impact, and a button to the status page. The texts are RichTextBlocks of TextRuns, which
 * Teams never reads as markdown (a TextBlock would turn `[text](url)` into a link). The whole message
 * stays far below Teams' 28 KB: the title is at most 80 and the text 500 code points.
 *
 * @example
 * teamsMessageBody(event, webhookLabels('id', config)).attachments[0].content.actions[0].title; // 'Lihat halaman status'
 */
export function teamsMessageBody(event: WebhookEvent, labels: WebhookLabels): TeamsMessage {
  const { message, update } = event.data;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          lang: message.locale,
          body: [
            paragraph({ type: 'TextRun', text: message.title, size: 'Medium', weight: 'Bolder' }),
            ...(message.text ? [paragraph({ type: 'TextRun', text: message.text })] : []),
            paragraph({ type: 'TextRun', text: standingLabels(update, labels).join(' · '), isSubtle: true }),
          ],
          actions: [{ type: 'Action.OpenUrl', title: labels.viewStatusPage, url: message.url }],
        },
      },
    ],
  };
}

function paragraph(run: TeamsTextRun) {
  return { type: 'RichTextBlock' as const, inlines: [run] };
}

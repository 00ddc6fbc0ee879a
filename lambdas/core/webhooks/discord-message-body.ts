import { discordEmbedColor } from './discord-embed-color.js';
import { escapeDiscordMarkdown } from './escape-discord-markdown.js';
import { fitEscaped } from './fit-escaped.js';
import type { DiscordMessage, WebhookLabels } from './types.js';
import { standingLabels } from './standing-labels.js';
import type { WebhookEvent } from './webhook-event.js';

// Discord's embed limits: title 256, description 4096, footer 2048 characters, 6000 in all (the
// footer is the service name, at most 60).
const titleLimit = 256;
const descriptionLimit = 4096;

/**
 * A Discord webhook message: one embed with the title linking to the status page, the message, the
 * status and impact, a colour by impact, the update's time and the service's name. Texts are escaped
 * so no markdown, masked link or mention renders from them, and `allowed_mentions` lets nothing ping.
 *
 * @example
 * discordMessageBody(event, webhookLabels('en', config)).allowed_mentions; // { parse: [] }
 */
export function discordMessageBody(event: WebhookEvent, labels: WebhookLabels): DiscordMessage {
  const { message, update } = event.data;
  const fit = (text: string, limit: number) => fitEscaped(text, { escape: escapeDiscordMarkdown, limit, locale: message.locale, ellipsis: labels.ellipsis });
  const standing = escapeDiscordMarkdown(standingLabels(update, labels).join(' · '));
  return {
    embeds: [
      {
        title: fit(message.title, titleLimit),
        description: message.text ? `${fit(message.text, descriptionLimit - standing.length - 2)}\n\n${standing}` : standing,
        url: message.url,
        color: discordEmbedColor(update),
        timestamp: event.timestamp,
        // Discord shows a footer as typed, without markdown; the configuration holds the name to 60 characters.
        footer: { text: labels.serviceName },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

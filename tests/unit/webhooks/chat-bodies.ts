import type { DiscordMessage, SlackMessage, TeamsMessage } from '../../../lambdas/core/webhooks/types.js';

// Readers of the rendered bodies: the limits each service documents, counted in UTF-16 code units
// (never fewer than the characters a service counts, however it counts them).

/** Every text of a Slack message that hostile text can reach: all but the link, which the renderer writes. */
export function slackTexts(message: SlackMessage): string[] {
  return [
    message.text,
    ...message.blocks.flatMap((block) => ('elements' in block ? block.elements : [block.text]).filter((text) => text.type === 'plain_text').map((text) => text.text)),
  ];
}

export function slackHeader(message: SlackMessage): string {
  const header = message.blocks.find((block) => block.type === 'header');
  if (!header || !('text' in header)) throw new Error('no header block');
  return header.text.text;
}

export function slackLink(message: SlackMessage): string {
  const link = message.blocks.find((block) => 'text' in block && block.text.type === 'mrkdwn');
  if (!link || !('text' in link)) throw new Error('no link section');
  return link.text.text;
}

export function teamsCard(message: TeamsMessage) {
  return message.attachments[0].content;
}

export function teamsTexts(message: TeamsMessage): string[] {
  return teamsCard(message).body.flatMap((block) => block.inlines.map((run) => run.text));
}

/** Discord's 6000 limit counts title, description, field names and values, footer and author together. */
export function discordEmbedLength(message: DiscordMessage): number {
  const [embed] = message.embeds;
  return embed.title.length + embed.description.length + embed.footer.text.length;
}

import { describe, expect, it } from 'vitest';
import { webhookEventSchema } from '../../../lambdas/core/webhooks/webhook-event.js';
import type { WebhookEvent } from '../../../lambdas/core/webhooks/webhook-event.js';
import { renderWebhookBody } from '../../../lambdas/core/webhooks/render-webhook-body.js';
import type { DiscordMessage, SlackMessage, TeamsMessage } from '../../../lambdas/core/webhooks/types.js';
import { webhookLabels } from '../../../lambdas/core/webhooks/webhook-labels.js';
import { aConfig, anEventFor, theUpdatesChatRoomsHear } from './builders.js';
import { discordEmbedLength, slackHeader, slackLink, slackTexts, teamsCard, teamsTexts } from './chat-bodies.js';

const config = aConfig();
const linkLabel = { en: 'View status page', id: 'Lihat halaman status' } as const;
const colors: Record<string, number> = {
  'the apology': 0xe67e22, // major: orange
  'an update': 0xe67e22,
  'the recovery': 0x2ecc71, // resolved: green
  'the maintenance start': 0x3498db, // maintenance: blue
  'the postmortem': 0x2ecc71,
};

function bodies(event: WebhookEvent, locale: string) {
  const labels = webhookLabels(locale, config);
  return {
    json: JSON.parse(renderWebhookBody('json', event, labels)) as unknown,
    slack: JSON.parse(renderWebhookBody('slack', event, labels)) as SlackMessage,
    teams: JSON.parse(renderWebhookBody('teams', event, labels)) as TeamsMessage,
    discord: JSON.parse(renderWebhookBody('discord', event, labels)) as DiscordMessage,
  };
}

describe('webhook bodies, one per format, in the subscriber’s locale', () => {
  for (const { name, update, timeline } of theUpdatesChatRoomsHear()) {
    for (const locale of ['en', 'id'] as const) {
      describe(`${name} in ${locale}`, () => {
        const event = anEventFor(update, locale, config, timeline);
        const { message } = event.data;
        const labels = webhookLabels(locale, config);
        const standing = update.kind.startsWith('maintenance_') ? [labels.status[update.status]] : [labels.status[update.status], labels.impact[update.impact]];
        const { json, slack, teams, discord } = bodies(event, locale);

        it('json: is the event itself, which the event schema parses', () => {
          expect(webhookEventSchema.parse(json)).toEqual(event);
        });

        it('slack: the title as a header, the text, the status and impact, and the status-page link', () => {
          expect(slack.text).toBe(`${message.title}\n${message.text}`);
          expect(slack.blocks).toEqual([
            { type: 'header', text: { type: 'plain_text', text: message.title } },
            { type: 'section', text: { type: 'plain_text', text: message.text } },
            { type: 'context', elements: standing.map((text) => ({ type: 'plain_text', text })) },
            { type: 'section', text: { type: 'mrkdwn', text: `<https://status.nimbus.example|${linkLabel[locale]}>` } },
          ]);
        });

        it('teams: one Adaptive Card 1.4 in the incoming-webhook envelope, with a button to the status page', () => {
          expect(teams).toEqual({
            type: 'message',
            attachments: [
              {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: {
                  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                  type: 'AdaptiveCard',
                  version: '1.4',
                  lang: locale,
                  body: [
                    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: message.title, size: 'Medium', weight: 'Bolder' }] },
                    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: message.text }] },
                    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: standing.join(' · '), isSubtle: true }] },
                  ],
                  actions: [{ type: 'Action.OpenUrl', title: linkLabel[locale], url: 'https://status.nimbus.example' }],
                },
              },
            ],
          });
        });

        it('discord: one embed linking to the status page, coloured by impact, that pings nobody', () => {
          expect(discord).toEqual({
            embeds: [
              {
                title: expect.any(String),
                description: expect.stringMatching(/\n\n.+$/),
                url: 'https://status.nimbus.example',
                color: colors[name],
                timestamp: update.createdAt,
                footer: { text: 'Nimbus Chat' },
              },
            ],
            allowed_mentions: { parse: [] },
          });
          const unescaped = (text: string) => text.replace(/\\(.)/g, '$1');
          expect(unescaped(discord.embeds[0].title)).toBe(message.title);
          expect(unescaped(discord.embeds[0].description)).toBe(`${message.text}\n\n${standing.join(' · ')}`);
        });
      });
    }
  }

  it('the Indonesian messages are written in Indonesian', () => {
    const { update, timeline } = theUpdatesChatRoomsHear()[0]!;
    const { slack, teams } = bodies(anEventFor(update, 'id', config, timeline), 'id');
    expect(slackHeader(slack)).toBe('Chat, API, dan pembuatan video tidak tersedia');
    expect(teamsTexts(teams).join(' ')).toContain('Lonjakan lalu lintas');
  });
});

describe('webhook bodies hold every service’s limits and let no text become markup or a mention', () => {
  const { update, timeline } = theUpdatesChatRoomsHear()[0]!;
  const event = anEventFor(update, 'en', config, timeline);
  const hostile = (title: string, text: string): WebhookEvent => ({ ...event, data: { ...event.data, message: { ...event.data.message, title, text } } });

  it('an 80-character title of control characters and a 500-character text still fit once escaped', () => {
    const title = '<!channel>&'.repeat(7) + '<>&';
    const text = '[x](https://evil.example) <@&1> @everyone *'.repeat(12).slice(0, 480) + '😀'.repeat(20);
    expect([...title].length).toBe(80);
    expect([...text].length).toBe(500);
    const { slack, teams, discord } = bodies(hostile(title, text), 'en');
    expect(slackHeader(slack).length).toBeLessThanOrEqual(150);
    expect(slackHeader(slack).endsWith('…')).toBe(true);
    for (const block of slack.blocks) for (const part of 'elements' in block ? block.elements : [block.text]) expect(part.text.length).toBeLessThanOrEqual(3000);
    expect(teamsTexts(teams)).toContain(title);
    expect(teamsTexts(teams)).toContain(text);
    expect(discord.embeds[0].title.length).toBeLessThanOrEqual(256);
    expect(discord.embeds[0].description.length).toBeLessThanOrEqual(4096);
    expect(discordEmbedLength(discord)).toBeLessThanOrEqual(6000);
  });

  it('slack: <!channel>, <@U1> and <url|label> are shown as typed', () => {
    const { slack } = bodies(hostile('<!channel> R&D', '<@U123> see <https://evil.example|your bank>'), 'en');
    expect(slackTexts(slack)).toEqual([
      '&lt;!channel&gt; R&amp;D\n&lt;@U123&gt; see &lt;https://evil.example|your bank&gt;',
      '&lt;!channel&gt; R&amp;D',
      '&lt;@U123&gt; see &lt;https://evil.example|your bank&gt;',
      'Investigating',
      'major',
    ]);
    expect(slackLink(slack)).toBe('<https://status.nimbus.example|View status page>');
  });

  it('discord: masked links, emphasis and mentions are escaped, and allowed_mentions lets nothing ping', () => {
    const { discord } = bodies(hostile('# **Free** money', '@everyone [claim](https://evil.example) <@123> - 1. ||spoiler||'), 'en');
    expect(discord.embeds[0].title).toBe('\\# \\*\\*Free\\*\\* money');
    expect(discord.embeds[0].description).toMatch(/^@everyone \\\[claim\\\]\\\(https:\/\/evil\.example\\\) \\<@123\\> - 1\. \\\|\\\|spoiler\\\|\\\|\n\n/);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
  });

  it('teams: text is in TextRuns, which Adaptive Cards never read as markdown', () => {
    const { teams } = bodies(hostile('**bold** [x](https://evil.example)', '- item'), 'en');
    const card = teamsCard(teams);
    expect(card.body.every((block) => block.type === 'RichTextBlock' && block.inlines.every((run) => run.type === 'TextRun'))).toBe(true);
    expect(teamsTexts(teams).slice(0, 2)).toEqual(['**bold** [x](https://evil.example)', '- item']);
  });
});

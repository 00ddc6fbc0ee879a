import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderWebhookBody } from '../../../lambdas/core/webhooks/render-webhook-body.js';
import type { DiscordMessage, SlackMessage, TeamsMessage } from '../../../lambdas/core/webhooks/types.js';
import { webhookEventSchema } from '../../../lambdas/core/webhooks/webhook-event.js';
import { webhookLabels } from '../../../lambdas/core/webhooks/webhook-labels.js';
import { aConfig, anEventFor, anUpdate } from './builders.js';
import { discordEmbedLength, slackHeader, slackLink, slackTexts, teamsTexts } from './chat-bodies.js';

// Any code point (lone surrogates and controls included), and the characters each service reads as markup.
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)) },
  { weight: 3, arbitrary: fc.constantFrom('<', '>', '&', '<!channel>', '<@U1>', '@everyone', '[a](https://evil.example)', '**', '_', '`', '|', '#', '- ', '1. ', '\n') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '👩‍👩‍👧‍👦', '日本語', 'مرحبا', '\u202E', '\uD800') },
  { weight: 3, arbitrary: fc.constantFrom('a', 'e', 'n', ' ', '.') },
);
const config = aConfig();

describe('webhook bodies for any text a commander types', () => {
  it('are valid JSON within every service’s limits, with no markup or mention from the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 200 }),
        fc.string({ unit, minLength: 0, maxLength: 1200 }),
        fc.constantFrom('en', 'id'),
        fc.constantFrom(
          { kind: 'apology', status: 'investigating', impact: 'critical' },
          { kind: 'update', status: 'monitoring', impact: 'minor' },
          { kind: 'recovery', status: 'resolved', impact: 'major' },
        ) as fc.Arbitrary<Pick<ReturnType<typeof anUpdate>, 'kind' | 'status' | 'impact'>>,
        (title, words, locale, step) => {
          const update = anUpdate({ ...step, message: { en: words, id: words }, incident: { title, titles: { en: title, id: title } } });
          const event = anEventFor(update, locale, config);
          const labels = webhookLabels(locale, config);
          const render = (format: 'json' | 'slack' | 'teams' | 'discord') => JSON.parse(renderWebhookBody(format, event, labels)) as unknown;

          expect(webhookEventSchema.safeParse(render('json')).success).toBe(true);

          const slack = render('slack') as SlackMessage;
          expect(slackHeader(slack).length).toBeLessThanOrEqual(150);
          for (const text of slackTexts(slack)) {
            expect(text.length).toBeLessThanOrEqual(3000);
            expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
          }
          expect(slackLink(slack)).toBe(`<https://status.nimbus.example|${labels.viewStatusPage}>`);

          const teams = render('teams') as TeamsMessage;
          expect(teamsTexts(teams).slice(0, 1)).toEqual([event.data.message.title]);

          const discord = render('discord') as DiscordMessage;
          const [embed] = discord.embeds;
          expect(embed.title.length).toBeLessThanOrEqual(256);
          expect(embed.description.length).toBeLessThanOrEqual(4096);
          expect(discordEmbedLength(discord)).toBeLessThanOrEqual(6000);
          expect(`${embed.title}\n${embed.description}`).not.toMatch(/(?<!\\)(?:\\\\)*[[\]()<>*_~`|]/);
          expect(discord.allowed_mentions).toEqual({ parse: [] });
        },
      ),
      { numRuns: 150 },
    );
  });
});

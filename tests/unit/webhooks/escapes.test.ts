import { describe, expect, it } from 'vitest';
import { discordEmbedColor } from '../../../lambdas/core/webhooks/discord-embed-color.js';
import { escapeDiscordMarkdown } from '../../../lambdas/core/webhooks/escape-discord-markdown.js';
import { escapeSlackText } from '../../../lambdas/core/webhooks/escape-slack-text.js';
import { fitEscaped } from '../../../lambdas/core/webhooks/fit-escaped.js';

describe('text made safe for chat services', () => {
  it('slack: only &, < and > become entities, so every other character reads as typed', () => {
    expect(escapeSlackText(`<!channel> R&D's "fix" > 1 *now*`)).toBe(`&lt;!channel&gt; R&amp;D's "fix" &gt; 1 *now*`);
  });

  it('discord: emphasis, code, spoilers, masked links, mentions and line-start lists are escaped', () => {
    expect(escapeDiscordMarkdown('**a** _b_ ~~c~~ `d` ||e|| [f](g) <@1> <t:1> # h')).toBe('\\*\\*a\\*\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| \\[f\\]\\(g\\) \\<@1\\> \\<t:1\\> \\# h');
    expect(escapeDiscordMarkdown('- a\n+ b\n12. c\nwell-known 3.5')).toBe('\\- a\n\\+ b\n12\\. c\nwell-known 3.5');
    expect(escapeDiscordMarkdown('C:\\path')).toBe('C:\\\\path');
  });

  it('a text too long once escaped is shortened at a word with an ellipsis, never mid-entity', () => {
    expect(fitEscaped('R&D is down', { escape: escapeSlackText, limit: 10, locale: 'en', ellipsis: '…' })).toBe('R&amp;D…');
    expect(fitEscaped('R&D is down', { escape: escapeSlackText, limit: 15, locale: 'en', ellipsis: '…' })).toBe('R&amp;D is down');
    const emoji = fitEscaped('😀'.repeat(80), { escape: escapeSlackText, limit: 150, locale: 'en', ellipsis: '…' });
    expect(emoji.length).toBeLessThanOrEqual(150);
    expect(emoji).toBe(`${'😀'.repeat(74)}…`);
  });
});

describe('the colour of a Discord embed', () => {
  it('is green once over, blue for maintenance, else red, orange, yellow or grey by impact', () => {
    expect(discordEmbedColor({ kind: 'recovery', status: 'resolved', impact: 'critical' })).toBe(0x2ecc71);
    expect(discordEmbedColor({ kind: 'maintenance_completed', status: 'completed', impact: 'none' })).toBe(0x2ecc71);
    expect(discordEmbedColor({ kind: 'maintenance_scheduled', status: 'scheduled', impact: 'none' })).toBe(0x3498db);
    expect(discordEmbedColor({ kind: 'apology', status: 'investigating', impact: 'critical' })).toBe(0xe74c3c);
    expect(discordEmbedColor({ kind: 'update', status: 'identified', impact: 'major' })).toBe(0xe67e22);
    expect(discordEmbedColor({ kind: 'update', status: 'monitoring', impact: 'minor' })).toBe(0xf1c40f);
    expect(discordEmbedColor({ kind: 'apology', status: 'investigating', impact: 'none' })).toBe(0x95a5a6);
  });
});

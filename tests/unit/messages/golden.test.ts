import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { renderInApp } from '../../../lambdas/core/messages/render-inapp.js';
import { renderSubscriptionMail } from '../../../lambdas/core/messages/render-subscription-mail.js';
import { renderXPost } from '../../../lambdas/core/messages/render-x-post.js';
import type { RenderContext, RenderedMessage } from '../../../lambdas/core/messages/types.js';
import { countCodePoints } from '../../../lambdas/core/validation/code-point-string.js';
import { aConfig, anUpdate, theDatabaseUpgrade, theDecemberOutage } from './builders.js';
import { goldenFormat } from './golden-format.js';

// The golden files are the product: read them when they change. Regenerate with
//   UPDATE_GOLDEN=1 npx vitest run tests/unit/messages/golden.test.ts
const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const updating = process.env.UPDATE_GOLDEN === '1';

function matchesGolden(file: string, actual: string): void {
  const path = join(goldenDir, file);
  if (updating) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `golden/${file} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const renderers: Record<string, (context: RenderContext) => RenderedMessage> = {
  email: renderEmail,
  x: renderXPost,
  inapp: renderInApp,
};
const config = aConfig();
// A subscriber's own links, as the email workers pass them (X and in-app ignore them).
const links = {
  unsubscribe: 'https://status.nimbus.example/v1/subscriptions/unsubscribe?token=mng_example',
  preferences: 'https://status.nimbus.example/preferences.html?token=mng_example',
};
const updates = {
  ...theDecemberOutage(),
  ...theDatabaseUpgrade(),
  '1-apology-critical': anUpdate({ impact: 'critical' }),
  '4-recovery-critical': { ...theDecemberOutage()['4-recovery']!, impact: 'critical' as const },
  // Typography and markup characters in the title: subjects keep them as written (SNS once forced ASCII),
  // the HTML escapes them.
  '5-apology-typography': anUpdate({ seq: 1, incident: { title: 'Pembayaran QRIS & e-wallet gagal — “kode OTP” tidak terkirim' } }),
};
// The HTML part is long and follows the text part word for word: an apology, a recovery, the
// postmortem (paragraphs of the commander's) and the typography case show it.
const withHtml = new Set(['1-apology', '4-recovery', '5-postmortem', '5-apology-typography', 'm1-maintenance-scheduled']);

describe('the December 2024 outage, as customers read it', () => {
  for (const [name, update] of Object.entries(updates)) {
    for (const [channel, render] of Object.entries(renderers)) {
      for (const locale of ['en', 'id']) {
        const file = `${name}.${channel}.${locale}.txt`;
        it(`${name} on ${channel} in ${locale} matches golden/${file}`, () => {
          matchesGolden(file, goldenFormat(render({ update, locale, config, links })));
        });
        if (channel === 'email' && withHtml.has(name)) {
          it(`${name} on email in ${locale} matches golden/${name}.email.${locale}.html`, () => {
            matchesGolden(`${name}.email.${locale}.html`, renderEmail({ update, locale, config, links }).html);
          });
        }
      }
    }
  }
});

describe('the subscription mails, as subscribers read them', () => {
  const subscriptionLinks = { ...links, confirm: 'https://status.nimbus.example/v1/subscriptions/confirm?token=cnf_example' };
  for (const mail of ['confirmation', 'preferences'] as const) {
    for (const locale of ['en', 'id']) {
      it(`the ${mail} mail in ${locale} matches golden/subscription-${mail}.${locale}.txt and .html`, () => {
        const { subject, text, html } = renderSubscriptionMail({ mail, locale, config, links: subscriptionLinks });
        matchesGolden(`subscription-${mail}.${locale}.txt`, `subject: ${subject}\nsubjectLength: ${countCodePoints(subject)}\n---\n${text}`);
        matchesGolden(`subscription-${mail}.${locale}.html`, html);
      });
    }
  }
});

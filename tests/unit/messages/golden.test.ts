import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../lambdas/core/messages/render-email.js';
import { renderInApp } from '../../../lambdas/core/messages/render-inapp.js';
import { renderXPost } from '../../../lambdas/core/messages/render-x-post.js';
import type { RenderContext, RenderedMessage } from '../../../lambdas/core/messages/types.js';
import { aConfig, anUpdate, theDecemberOutage } from './builders.js';
import { goldenFormat } from './golden-format.js';

// The golden files are the product: read them when they change. Regenerate with
//   UPDATE_GOLDEN=1 npx vitest run tests/unit/messages/golden.test.ts
const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const updating = process.env.UPDATE_GOLDEN === '1';

const renderers: Record<string, (context: RenderContext) => RenderedMessage> = {
  email: renderEmail,
  x: renderXPost,
  inapp: renderInApp,
};
const config = aConfig();
const updates = {
  ...theDecemberOutage(),
  '1-apology-critical': anUpdate({ impact: 'critical' }),
  '4-recovery-critical': { ...theDecemberOutage()['4-recovery']!, impact: 'critical' as const },
};

describe('the December 2024 outage, as customers read it', () => {
  for (const [name, update] of Object.entries(updates)) {
    for (const [channel, render] of Object.entries(renderers)) {
      for (const locale of ['en', 'id']) {
        const file = `${name}.${channel}.${locale}.txt`;
        it(`${name} on ${channel} in ${locale} matches golden/${file}`, () => {
          const actual = goldenFormat(render({ update, locale, config }));
          const path = join(goldenDir, file);
          if (updating) {
            mkdirSync(goldenDir, { recursive: true });
            writeFileSync(path, actual);
            return;
          }
          expect(existsSync(path), `golden/${file} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
          expect(actual).toBe(readFileSync(path, 'utf8'));
        });
      }
    }
  }
});

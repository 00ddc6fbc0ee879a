import { describe, expect, it } from 'vitest';
import { renderSubscriptionPage } from '../../../lambdas/core/subscribers/subscription-pages.js';
import type { SubscriptionPage } from '../../../lambdas/core/subscribers/subscription-pages.js';

const site = { serviceName: 'Nimbus <Chat> & "Co"', statusPageUrl: 'https://status.nimbus.example/' };
const pages: SubscriptionPage[] = [
  { kind: 'confirmed', preferencesUrl: 'https://status.nimbus.example/preferences.html?token=a.0.b' },
  { kind: 'unsubscribe-form', maskedEmail: 'a***@example.com', token: 'sub_1.0.x"><script>', preferencesUrl: 'https://status.nimbus.example/preferences.html?token=a.0.b' },
  { kind: 'unsubscribed', maskedEmail: 'a***@example.com' },
  { kind: 'link-not-found' },
];

describe('subscription pages', () => {
  it.each(pages)('the $kind page is a whole document in the language asked for, with no script and no inline style', (page) => {
    for (const [locale, lang] of [['en', 'en'], ['id', 'id'], ['id-ID', 'id'], ['pt-BR', 'en']] as const) {
      const html = renderSubscriptionPage(page, locale, site);
      expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
      expect(html).toContain('<link rel="stylesheet" href="/status.css">');
      expect(html).not.toMatch(/<script|style=|<style|\son\w+=/i);
    }
  });

  it('escapes every text and attribute: the service name, the address, the token', () => {
    const html = renderSubscriptionPage(pages[1]!, 'en', site);
    expect(html).toContain('Nimbus &#60;Chat&#62; &#38; &#34;Co&#34;');
    expect(html).not.toContain('<Chat>');
    expect(html).toContain('action="?token=sub_1.0.x%22%3E%3Cscript%3E"');
  });

  it('writes each page in English and in Indonesian', () => {
    expect(renderSubscriptionPage({ kind: 'confirmed', preferencesUrl: '/p' }, 'en', site)).toContain('<h1>Subscription confirmed</h1>');
    expect(renderSubscriptionPage({ kind: 'confirmed', preferencesUrl: '/p' }, 'id', site)).toContain('<h1>Langganan dikonfirmasi</h1>');
    expect(renderSubscriptionPage({ kind: 'unsubscribed', maskedEmail: 'a***@example.com' }, 'id', site)).toContain('a***@example.com tidak akan menerima email insiden lagi');
    expect(renderSubscriptionPage({ kind: 'link-not-found' }, 'id', site)).toContain('<h1>Tautan ini tidak berlaku</h1>');
  });

  it('gives the unsubscribe page a form that POSTs the one-click field back to the same URL', () => {
    const html = renderSubscriptionPage({ kind: 'unsubscribe-form', maskedEmail: 'a***@example.com', token: 'sub_1.0.mac', preferencesUrl: '/p' }, 'en', site);
    expect(html).toContain('<form method="post" action="?token=sub_1.0.mac">');
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(html).toContain('<button type="submit">Unsubscribe</button>');
  });

  it('takes a service name with $ patterns literally', () => {
    expect(renderSubscriptionPage({ kind: 'link-not-found' }, 'en', { ...site, serviceName: "$& $' Pay" })).toContain('<p class="brand">$&#38; $&#39; Pay</p>');
  });
});

import { createRequire } from 'node:module';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscriber } from '../../../lambdas/core/subscribers/subscriber.js';
import { startLocalRuntime } from '../../../local/start-local-runtime.js';
import type { LocalRuntime } from '../../../local/start-local-runtime.js';
import { launchChromium, skipWithoutChromium } from './launch-chromium.js';
import { dynamoEndpoint } from '../../support/dynamo-endpoint.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

describe.skipIf(skipWithoutChromium())('the preferences page and the unsubscribe page in a real browser', () => {
  let runtime: LocalRuntime;
  let browser: Browser;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, dynamoEndpoint: dynamoEndpoint(), tableName: `subscription-pages-${process.pid}-${Date.now()}` });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  /** A confirmed subscriber, through the API as a reader would get there. */
  async function aConfirmedReader(email: string, preferences: Record<string, unknown> = {}): Promise<Subscriber> {
    const subscribed = await fetch(`${runtime.url}/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, ...preferences }) });
    expect(subscribed.status).toBe(202);
    const pending = (await runtime.stores.subscribers.findByEmail(email))!;
    const token = runtime.tokens.issue('confirm', pending.id, pending.tokenGeneration);
    expect((await fetch(`${runtime.url}/v1/subscriptions/confirm?token=${encodeURIComponent(token)}`)).status).toBe(200);
    return (await runtime.stores.subscribers.findByEmail(email))!;
  }

  const manageToken = (subscriber: Subscriber) => encodeURIComponent(runtime.tokens.issue('manage', subscriber.id, subscriber.tokenGeneration));

  /** Opens a page and records what would show the CSP or the script breaking. */
  async function open(context: BrowserContext, path: string) {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${runtime.url}${path}`);
    return { page, problems };
  }

  it('shows the preferences in the subscriber’s language and saves a change made with the keyboard alone', async () => {
    const budi = await aConfirmedReader('budi@example.com', { locale: 'id', components: ['chat'] });
    const context = await browser.newContext({ locale: 'en-US' });
    const { page, problems } = await open(context, `/preferences.html?token=${manageToken(budi)}`);

    await page.getByRole('heading', { level: 1, name: 'Pengaturan email' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByText('Email insiden untuk b***@example.com').waitFor();
    expect(await page.getByLabel('Bahasa email').inputValue()).toBe('id');
    expect(await page.getByLabel('Zona waktu untuk jam di email').inputValue()).toBe('Asia/Jakarta');
    expect(await page.getByRole('checkbox', { name: 'Chat' }).isChecked()).toBe(true);

    // Keyboard only: focus the language, pick English, tick API, leave Chat, save with Enter.
    await page.getByLabel('Bahasa email').focus();
    await page.keyboard.press('ArrowUp');
    await page.getByRole('checkbox', { name: 'API' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Simpan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Tersimpan. Email berikutnya mengikuti pilihan ini.').waitFor();

    expect(await runtime.stores.subscribers.get(budi.id)).toMatchObject({ locale: 'en', components: ['chat', 'api'], timeZone: 'Asia/Jakarta', state: 'confirmed' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says plainly when the link is not valid or incomplete', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const forged = await open(context, `/preferences.html?token=sub_1.0.${'A'.repeat(43)}`);
    await forged.page.getByText('This link is not valid: it may be incomplete, or a newer email replaced it.').waitFor();
    expect(await forged.page.locator('#prefs').isHidden()).toBe(true);
    const bare = await open(context, '/preferences.html');
    await bare.page.getByText('This link is incomplete.', { exact: false }).waitFor();
    expect([...forged.problems, ...bare.problems]).toEqual([]);
    await context.close();
  });

  it('unsubscribes from the unsubscribe page’s button, under its own strict policy, and only then', async () => {
    const ana = await aConfirmedReader('ana@example.com');
    const context = await browser.newContext({ locale: 'en-US' });
    const { page, problems } = await open(context, `/v1/subscriptions/unsubscribe?token=${manageToken(ana)}`);
    await page.getByRole('heading', { level: 1, name: 'Unsubscribe from incident emails?' }).waitFor();
    // Styled by the status site's stylesheet, which the page's policy allows.
    expect(await page.locator('main').evaluate((main) => getComputedStyle(main).maxWidth)).toBe('768px');
    expect((await runtime.stores.subscribers.get(ana.id))?.state).toBe('confirmed');

    await page.getByRole('button', { name: 'Unsubscribe' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'You are unsubscribed' }).waitFor();
    expect((await runtime.stores.subscribers.get(ana.id))?.state).toBe('unsubscribed');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('passes an axe-core scan with no serious or critical violation, in English and Indonesian', async () => {
    const reader = await aConfirmedReader('axe@example.com');
    // axe is injected as an inline script, which the pages' CSP rightly refuses; only this scan bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    const pages = [
      [`/preferences.html?token=${manageToken(reader)}&lang=en`, 'Email preferences'],
      [`/preferences.html?token=${manageToken(reader)}&lang=id`, 'Pengaturan email'],
      [`/v1/subscriptions/unsubscribe?token=${manageToken(reader)}`, 'Unsubscribe from incident emails?'],
    ] as const;
    for (const [path, heading] of pages) {
      const { page } = await open(context, path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      if (path.startsWith('/preferences')) await page.locator('#prefs').waitFor();
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run());
      const severe = result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(severe, `axe on ${path}`).toEqual([]);
    }
    await context.close();
  });
});

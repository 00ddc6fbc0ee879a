import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../../local/start-local-runtime.js';
import type { LocalRuntime } from '../../../local/start-local-runtime.js';
import { apiClient } from '../../support/api-client.js';
import { dynamoEndpoint } from '../../support/dynamo-endpoint.js';
import { listenOnLoopback } from '../../support/loopback-server.js';
import { launchChromium, skipWithoutChromium } from './launch-chromium.js';
import { severeAxeViolations } from './severe-axe-violations.js';

// The commander console (web/console/) against the real local runtime: a commander signs in with the
// local token, declares, previews and sends, and sees the deliveries; two commanders race.

const testResults = fileURLToPath(new URL('../../../test-results/', import.meta.url));
const longWords = 'We are moving every chat server to the new cluster, one region at a time, and checking each one before the next. '.repeat(4);

describe.skipIf(skipWithoutChromium())('the commander console in a real browser', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let commander: ReturnType<typeof apiClient>;
  const outage = { id: '', title: '' };

  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, dynamoEndpoint: dynamoEndpoint(), tableName: `browser-console-${process.pid}-${Date.now()}` });
    commander = apiClient(runtime.url, runtime.commanderToken);
    browser = await launchChromium();
    mkdirSync(testResults, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const commanderContext = (language: 'en' | 'id' = 'en', options: { bypassCSP?: boolean } = {}) =>
    browser.newContext({ locale: language === 'en' ? 'en-GB' : 'id-ID', viewport: { width: 1100, height: 1000 }, ...options });

  /** Opens the console, signs in with the local token, and records what would show the CSP or the script breaking. */
  async function signedIn(context: BrowserContext) {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); void dialog.dismiss(); });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${runtime.url}/console/`);
    await page.getByLabel(/Commander token|Token komandan/).fill(runtime.commanderToken);
    await page.locator('#sign-in button[type=submit]').click();
    await page.locator('#workspace').waitFor({ state: 'visible' });
    return { page, problems };
  }

  const xCard = (page: Page) => page.locator('#work-preview [data-channel="x"][data-locale="en"]');
  const incidentCard = (page: Page, id: string) => page.locator(`#open-list article[data-id="${id}"]`);
  const timelineOf = async (id: string) => (await commander.get(`/v1/incidents/${id}`)).json as { version: number; updates: { seq: number; message: Record<string, string> }[] };

  async function deliveriesAllSent(page: Page, seq: number) {
    await expect.poll(() => page.locator('#h-deliveries').getAttribute('data-seq'), { timeout: 10_000 }).toBe(String(seq));
    await expect.poll(async () => {
      const states = await page.locator('#deliveries-list li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.state));
      return states.length > 0 && states.every((state) => state === 'sent');
    }, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('#deliveries-summary').textContent()).toBe('Every delivery is done.');
  }

  it('signs in with the token, declares from a scenario, and shows its deliveries turning sent', async () => {
    const context = await commanderContext();
    const { page, problems } = await signedIn(context);
    await page.locator('#scenario').selectOption('launch-surge');
    const scenarioTitle = 'Chat and video generation overloaded after launch';
    expect(await page.locator('#declare-title-en').inputValue()).toBe(scenarioTitle);
    expect(await page.locator('#declare-title-id').inputValue()).toBe('Chat dan pembuatan video kelebihan beban setelah peluncuran');
    expect(await page.locator('#declare-message-id').inputValue()).toMatch(/^Lonjakan pendaftaran/);
    // The apology it would send, on every channel and locale, before anything is stored.
    await expect.poll(() => page.locator('#declare-preview [data-channel]').count(), { timeout: 10_000 }).toBe(7);
    expect(await page.locator('#declare-preview [data-channel="inapp"][data-locale="en"] .card-title').textContent()).toContain(scenarioTitle);
    await page.locator('#declare-message-en').fill('Sign-ups after our launch overloaded chat. We are adding capacity now.');
    await expect.poll(() => page.locator('#declare-preview [data-channel="x"][data-locale="en"] .card-text').textContent(), { timeout: 10_000 }).toContain('We are adding capacity now.');
    expect((await commander.get('/v1/incidents?state=open')).json.items).toEqual([]);
    await page.locator('#declare-send').click();

    await expect.poll(() => page.locator('#h-work').textContent()).toContain(scenarioTitle);
    await deliveriesAllSent(page, 1);
    const x = page.locator('#deliveries-list li[data-channel="x"]');
    expect(await x.textContent()).toMatch(/post local-x-/);
    const open = (await commander.get('/v1/incidents?state=open')).json.items as { id: string; title: string }[];
    expect(open.map((incident) => incident.title)).toEqual([scenarioTitle]);
    Object.assign(outage, { id: open[0]!.id, title: scenarioTitle });
    await expect.poll(() => incidentCard(page, outage.id).count()).toBe(1);
    await expect.poll(() => page.locator('#work-promise').textContent()).toMatch(/^Next update promised within \d+:\d\d/);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the preview of the words typed last, when the preview of earlier words answers after it', async () => {
    const context = await commanderContext();
    const { page, problems } = await signedIn(context);
    // The first preview's answer is held back until the second one is shown, as a slow answer would be.
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((release) => (releaseFirst = release));
    let previews = 0;
    await page.route('**/v1/incidents/preview', async (route) => {
      if (++previews === 1) {
        const answer = await route.fetch();
        await firstHeld;
        await route.fulfill({ response: answer });
      } else {
        await route.continue();
      }
    });
    const inAppText = page.locator('#declare-preview [data-channel="inapp"][data-locale="en"] .card-text');
    await page.locator('#declare-title-en').fill('Chat outage');
    await page.locator('#declare-message-en').fill('Chat is down for everyone.');
    await expect.poll(() => previews).toBe(1);
    await page.locator('#declare-message-en').fill('Chat is down in Europe only.');
    await expect.poll(() => inAppText.textContent(), { timeout: 10_000 }).toContain('Chat is down in Europe only.');

    const lateAnswer = page.waitForResponse((response) => response.url().endsWith('/v1/incidents/preview') && (response.request().postData() ?? '').includes('for everyone'));
    releaseFirst();
    await (await lateAnswer).finished();
    // Let the page handle the late answer (its JSON, then the render it must skip) before looking.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 50)));
    expect(await inAppText.textContent()).toContain('Chat is down in Europe only.');
    expect(await page.locator('#declare-preview-state').textContent()).toBe('The preview shows the apology exactly as each channel will send it.');
    expect(previews).toBe(2);
    // A preview stores nothing.
    expect((await commander.get('/v1/incidents?state=open')).json.items.map((incident: { title: string }) => incident.title)).not.toContain('Chat outage');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('previews every channel as the commander types, says when the X post shortens the words, and a double click sends once', async () => {
    const context = await commanderContext();
    const { page, problems } = await signedIn(context);
    await incidentCard(page, outage.id).getByRole('button').click();
    await page.locator('#work-status').selectOption('identified');
    await page.locator('#work-text-en').fill('We found the cause.');
    await page.locator('#work-text-en').pressSequentially(' A fix is rolling out.');
    await expect.poll(() => xCard(page).locator('.card-text').textContent()).toContain('We found the cause. A fix is rolling out.');
    expect(await page.locator('#work-preview [data-channel]').evaluateAll((cards) => cards.map((card) => `${(card as HTMLElement).dataset.channel} ${(card as HTMLElement).dataset.locale}`)))
      .toEqual(expect.arrayContaining(['email en', 'email id', 'x en', 'inapp en', 'inapp id', 'webhook en', 'webhook id']));
    expect(await xCard(page).locator('.x-shortened').count()).toBe(0);
    const shortLength = Number((await xCard(page).locator('.x-length').textContent())?.split(' ')[0]);

    await page.locator('#work-text-en').fill(longWords);
    await xCard(page).locator('.x-shortened').waitFor();
    const longLength = Number((await xCard(page).locator('.x-length').textContent())?.split(' ')[0]);
    expect(longLength).toBeGreaterThan(shortLength);
    expect(longLength).toBeLessThanOrEqual(280);
    // The commander's words crossed 280: their own counter says so, in red.
    expect(await xCard(page).locator('.x-words.over').textContent()).toMatch(/^Your words alone: \d{3} of 280$/);
    expect(Number((await xCard(page).locator('.x-words').textContent())?.match(/(\d+) of/)?.[1])).toBeGreaterThan(280);
    expect(await page.locator('#work-preview-state').textContent()).toMatch(/shortened/);
    // The mail's HTML opens in a frame that may run nothing.
    const email = page.locator('#work-preview [data-channel="email"][data-locale="en"]');
    await email.locator('summary').click();
    expect(await email.locator('iframe').getAttribute('sandbox')).toBe('');

    const before = await timelineOf(outage.id);
    await page.locator('#work-send').dblclick();
    await deliveriesAllSent(page, before.version + 1);
    const after = await timelineOf(outage.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.updates.filter((update) => update.message.en === longWords.trim())).toHaveLength(1);
    expect(problems.filter((problem) => !/inline style/.test(problem))).toEqual([]);
    await context.close();
  }, 60_000);

  it('reports a concurrent update as a conflict, shows it, and re-applies the text on top with one click', async () => {
    const first = await commanderContext();
    const second = await commanderContext();
    const { page: mine, problems } = await signedIn(first);
    const { page: theirs } = await signedIn(second);
    for (const page of [mine, theirs]) await incidentCard(page, outage.id).getByRole('button').click();
    const read = await timelineOf(outage.id);
    expect(await mine.locator('#work-meta').textContent()).toContain(`Version ${read.version}`);

    await theirs.locator('#work-text-en').fill('Their words: capacity is back in two regions.');
    await theirs.locator('#work-send').click();
    await expect.poll(() => theirs.locator('#work-result').textContent()).toBe('Sent.');

    await mine.locator('#work-status').selectOption('monitoring');
    await mine.locator('#work-text-en').fill('My words: we are watching the error rate.');
    await mine.locator('#work-send').click();
    await mine.locator('#conflict').waitFor({ state: 'visible' });
    expect(await mine.locator('#conflict-updates').textContent()).toContain('Their words: capacity is back in two regions.');
    expect((await timelineOf(outage.id)).version).toBe(read.version + 1);

    await mine.locator('#reapply').click();
    await expect.poll(() => mine.locator('#work-result').textContent()).toBe('Sent.');
    const after = await timelineOf(outage.id);
    expect(after.version).toBe(read.version + 2);
    expect(after.updates.at(-1)!.message.en).toBe('My words: we are watching the error rate.');
    expect(await mine.locator('#conflict').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await first.close();
    await second.close();
  }, 60_000);

  it('says why nobody can sign in when the deployment has no console client', async () => {
    const context = await commanderContext();
    const page = await context.newPage();
    // What the stack deploys without auth.consoleClientId.
    await page.route('**/console/config.json', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ signIn: 'unavailable', reason: 'Set auth.consoleClientId to sign in here.' }) }),
    );
    await page.goto(`${runtime.url}/console/`);
    await expect.poll(() => page.locator('#sign-in-result').textContent()).toBe('Set auth.consoleClientId to sign in here.');
    expect(await page.locator('#token').isDisabled()).toBe(true);
    expect(await page.locator('#workspace').isHidden()).toBe(true);
    await context.close();
  });

  it('shows a hostile title as text', async () => {
    const hostile = '<img src=x onerror=alert(1)> \u202Egnp.exe';
    const declared = await commander.declare({ title: hostile, impact: 'minor', message: `${hostile} in the message too.` });
    expect(declared.status, declared.text).toBe(201);
    const context = await commanderContext();
    const { page, problems } = await signedIn(context);
    const card = incidentCard(page, declared.json.id);
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe(declared.json.title);
    expect(declared.json.title).toContain('<img src=x onerror=alert(1)>');
    await card.getByRole('button').click();
    await page.locator('#work-text-en').fill(hostile);
    await page.locator('#work-preview [data-channel="inapp"]').first().waitFor();
    expect(await page.locator('#main img').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('has no serious or critical accessibility violation in English and Indonesian', async () => {
    const context = await commanderContext('en', { bypassCSP: true });
    const { page } = await signedIn(context);
    await incidentCard(page, outage.id).getByRole('button').click();
    await page.locator('#work-text-en').fill('We are watching the error rate.');
    await xCard(page).waitFor();
    expect(await severeAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${testResults}console-en.png`, fullPage: true });

    await page.locator('button[data-lang="id"]').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.locator('#h-open').textContent()).toBe('Insiden berlangsung');
    expect(await severeAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${testResults}console-id.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('resolves, publishes the postmortem, and schedules a maintenance window, each previewed first', async () => {
    const context = await commanderContext();
    const { page, problems } = await signedIn(context);
    await incidentCard(page, outage.id).getByRole('button').click();
    await page.locator('#work-status').selectOption('resolved');
    await page.locator('#work-text-en').fill('Chat and video generation are working normally again.');
    await expect.poll(() => page.locator('#work-preview [data-channel="email"][data-locale="en"] .subject').textContent(), { timeout: 10_000 }).toMatch(/Resolved/);
    const before = await timelineOf(outage.id);
    await page.locator('#work-send').click();
    await deliveriesAllSent(page, before.version + 1);
    expect(((await commander.get(`/v1/incidents/${outage.id}`)).json as { status: string }).status).toBe('resolved');

    // A resolved incident's panel publishes its postmortem.
    await expect.poll(() => page.locator('#work-status-field').isHidden()).toBe(true);
    await page.locator('#work-text-en').fill('What happened: a launch-day surge. What we change: capacity alarms before launches.');
    await expect.poll(() => page.locator('#work-preview [data-channel="inapp"][data-locale="en"] .card-title').textContent(), { timeout: 10_000 }).toMatch(/^Postmortem/);
    await page.locator('#work-send').click();
    await expect.poll(async () => ((await commander.get(`/v1/incidents/${outage.id}`)).json as { postmortem?: { body: Record<string, string> } }).postmortem?.body['en'], { timeout: 10_000 })
      .toBe('What happened: a launch-day surge. What we change: capacity alarms before launches.');

    const local = (offsetHours: number) => {
      const at = new Date(Date.now() + offsetHours * 3_600_000);
      const pad = (value: number) => String(value).padStart(2, '0');
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    };
    await page.locator('#maint-title-en').fill('Database upgrade');
    await page.locator('#maint-message-en').fill('Chat history may be read-only for a few minutes.');
    await page.locator('#maint-components input[value="chat"]').check();
    await page.locator('#maint-start').fill(local(48));
    await page.locator('#maint-end').fill(local(49));
    await expect.poll(() => page.locator('#maint-preview [data-channel="inapp"][data-locale="en"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.locator('#maint-send').click();
    await expect.poll(async () => ((await commander.get('/v1/maintenances?state=upcoming')).json.items as { title: string }[]).map((window) => window.title), { timeout: 10_000 }).toEqual(['Database upgrade']);
    await expect.poll(() => page.locator('#maint-list article').count(), { timeout: 20_000 }).toBe(1);
    // Managing the window: cancelled from its panel, and its messages' deliveries fill in as an incident's do.
    await page.locator('#maint-list article').getByRole('button').click();
    await page.locator('#work-status').selectOption('cancelled');
    await page.locator('#work-text-en').fill('We no longer need this window.');
    await page.locator('#work-send').click();
    await deliveriesAllSent(page, 2);
    expect(problems.filter((problem) => !/inline style/.test(problem))).toEqual([]);
    await context.close();
  }, 90_000);

  it('lists the webhook subscribers with the health of their deliveries, showing only their host', async () => {
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(String(request.headers['webhook-id']));
        response.writeHead(200).end();
      });
    });
    const { port, close } = await listenOnLoopback(receiver);
    try {
      const subscribed = await commander.call('POST', '/v1/webhooks', { url: `http://127.0.0.1:${port}/hooks/secret-path`, format: 'json' });
      expect(subscribed.status, subscribed.text).toBe(201);
      expect((await commander.declare({ title: 'Slow logins', impact: 'minor', message: 'Logins are slow.' })).status).toBe(201);
      await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);

      const context = await commanderContext();
      const { page, problems } = await signedIn(context);
      const item = page.locator(`#webhook-list li[data-id="${subscribed.json.id}"]`);
      await item.waitFor();
      expect(await item.getAttribute('data-state')).toBe('active');
      expect(await item.textContent()).toContain(`127.0.0.1:${port}`);
      expect(await item.textContent()).not.toContain('secret-path');
      await expect.poll(() => item.locator('.webhook-facts').textContent(), { timeout: 20_000 }).toMatch(/^last delivered (?!never)/);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await close();
    }
  }, 60_000);
});

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../../local/start-local-runtime.js';
import type { LocalRuntime } from '../../../local/start-local-runtime.js';
import { apiClient } from '../../support/api-client.js';
import { aDeclaration, anUpdateBody } from '../../support/builders.js';
import { launchChromium, skipWithoutChromium } from './launch-chromium.js';
import { startHostApp } from './start-host-app.js';
import { dynamoEndpoint } from '../../support/dynamo-endpoint.js';

/** The page's refresh interval in these tests (`?refresh=`), instead of the 20 s people get. */
const refreshSeconds = 1;
/** "Within one refresh": the interval, plus the two or three local requests one refresh makes. */
const oneRefresh = refreshSeconds * 1000 + 3_000;
const testResults = fileURLToPath(new URL('../../../test-results/', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe.skipIf(skipWithoutChromium())('the status page and the widget in a real browser', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let commander: ReturnType<typeof apiClient>;
  let hostApp: { url: string; close(): Promise<void> };
  /** The incident the first tests declare, update and finally resolve. */
  // Titled in both languages: each reader sees the title in the page's language.
  const outage = { id: '', title: 'Elevated errors for Chat, API and Video generation', titleId: 'Peningkatan galat pada Chat, API, dan Pembuatan video' };

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      port: 0,
      dynamoEndpoint: dynamoEndpoint(),
      tableName: `browser-${process.pid}-${Date.now()}`,
    });
    commander = apiClient(runtime.url, runtime.commanderToken);
    browser = await launchChromium();
    hostApp = await startHostApp(refreshSeconds);
  });

  afterAll(async () => {
    await browser?.close();
    await hostApp?.close();
    await runtime?.stop();
  });

  /** Opens the page and records what would show the CSP or the script breaking. */
  async function openStatusPage(context: BrowserContext, query = '') {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${runtime.url}/?refresh=${refreshSeconds}${query}`);
    return { page, problems };
  }

  const bannerText = (page: Page) => page.locator('#banner-text');

  /** A page of some product team's app, on another origin, with a strict CSP and CSS that would break a naive widget. */
  async function openHostApp(context: BrowserContext, widgetAttributes = '') {
    const page = await context.newPage();
    await page.goto(`${hostApp.url}/app/?${new URLSearchParams({ api: runtime.url, attributes: widgetAttributes })}`);
    return page;
  }

  const widgetBars = (page: Page) => page.locator('[data-incident-comms-widget] .bar');

  it('shows an incident declared through the API within one refresh, its timeline newest first', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openStatusPage(context);
    await bannerText(page).filter({ hasText: 'All systems operational' }).waitFor();

    const declared = await commander.declare(aDeclaration({ title: { en: outage.title, id: outage.titleId } }));
    expect(declared.status).toBe(201);
    outage.id = declared.json.id;
    await page.getByRole('heading', { level: 3, name: outage.title }).waitFor({ timeout: oneRefresh });

    expect(await bannerText(page).textContent()).toBe('Major outage: we are working on it');
    expect(await page.locator('#components li', { hasText: 'Chat' }).textContent()).toContain('Major outage');
    expect(await page.locator('#components li', { hasText: 'API' }).textContent()).toContain('Partial outage');
    expect(await page.locator('#components li', { hasText: 'Login' }).textContent()).toContain('Operational');

    expect((await commander.update(outage.id, anUpdateBody({ status: 'identified' }))).status).toBe(201);
    const timeline = page.locator('#open .timeline > li');
    await timeline.first().filter({ hasText: 'Identified' }).waitFor({ timeout: oneRefresh });
    expect(await timeline.count()).toBe(2);
    expect(await timeline.nth(1).textContent()).toContain('Investigating');
    expect(await timeline.first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    mkdirSync(testResults, { recursive: true });
    await page.screenshot({ path: `${testResults}status-page-incident.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches to Indonesian, remembers the choice, and starts in Indonesian for an Indonesian browser', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const { page, problems } = await openStatusPage(context);
    await page.getByRole('heading', { level: 3, name: outage.title }).waitFor({ timeout: oneRefresh });

    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    await bannerText(page).filter({ hasText: 'Gangguan besar' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await page.getByRole('heading', { level: 3, name: outage.titleId }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Insiden yang sedang berlangsung' }).waitFor();
    expect(await page.locator('#open .timeline > li').first().textContent()).toContain('Penyebab ditemukan');
    // The configured component names in Indonesian too: "Login" is "Masuk".
    expect(await page.locator('#components li', { hasText: 'Masuk' }).textContent()).toContain('Normal');

    await page.reload();
    await bannerText(page).filter({ hasText: 'Gangguan besar' }).waitFor({ timeout: oneRefresh });
    expect(problems).toEqual([]);
    await context.close();

    const indonesian = await browser.newContext({ locale: 'id-ID' });
    const fresh = await openStatusPage(indonesian);
    await fresh.page.getByRole('heading', { level: 1, name: 'Status layanan' }).waitFor({ timeout: oneRefresh });
    await indonesian.close();
  });

  it('passes an axe-core scan with no serious or critical violation, in English and Indonesian', async () => {
    // axe is injected as an inline script, which the page's CSP rightly refuses; only this scan bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    for (const [query, title] of [['&lang=en', outage.title], ['&lang=id', outage.titleId]] as const) {
      const { page } = await openStatusPage(context, query);
      await page.getByRole('heading', { level: 3, name: title }).waitFor({ timeout: oneRefresh });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run());
      const severe = result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(severe, `axe on ${query}`).toEqual([]);
    }
    await context.close();
  });

  it('shows the widget on another origin’s page in the reader’s language, and keeps a dismissal until the next update', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const app = await openHostApp(context);
    const bar = widgetBars(app);
    await bar.first().waitFor({ timeout: oneRefresh });
    expect(await bar.count()).toBe(1);
    expect(await bar.textContent()).toContain(outage.title);
    expect(await bar.textContent()).toContain('Identified');
    expect(await app.locator('[data-incident-comms-widget] [role="status"]').count()).toBe(1);
    expect(await bar.getByRole('link', { name: 'Status page' }).getAttribute('href')).toBe(`${runtime.url}/`);
    // Shadow DOM: the app's `button{display:none}` does not reach the widget, the widget's `.bar` style does not reach the app.
    const dismiss = bar.getByRole('button', { name: `Dismiss notice: ${outage.title}` });
    expect(await dismiss.isVisible()).toBe(true);
    expect(await app.locator('#own').evaluate((p) => getComputedStyle(p).borderLeftWidth)).toBe('0px');

    await dismiss.click();
    expect(await bar.count()).toBe(0);
    await app.reload();
    await app.waitForTimeout(refreshSeconds * 1000 + 500);
    expect(await widgetBars(app).count()).toBe(0);

    expect((await commander.update(outage.id, anUpdateBody({ status: 'monitoring', message: 'A fix is out; we are watching.' }))).status).toBe(201);
    await widgetBars(app).filter({ hasText: 'Monitoring' }).waitFor({ timeout: oneRefresh });

    const indonesianApp = await openHostApp(context, 'data-locale="id"');
    const indonesianBar = widgetBars(indonesianApp).filter({ hasText: 'Dalam pemantauan' });
    await indonesianBar.waitFor({ timeout: oneRefresh });
    expect(await indonesianBar.textContent()).toContain('Gangguan layanan');
    expect(await indonesianBar.textContent()).toContain(outage.titleId);
    await indonesianBar.getByRole('button', { name: `Tutup pemberitahuan: ${outage.titleId}` }).waitFor();
    await context.close();
  });

  it('shows recovery after resolution: all clear, the incident in the history with its duration, and no widget', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const { page } = await openStatusPage(context);
    const app = await openHostApp(context);
    await page.getByRole('heading', { level: 3, name: outage.title }).waitFor({ timeout: oneRefresh });
    await widgetBars(app).first().waitFor({ timeout: oneRefresh });

    const resolved = await commander.update(outage.id, anUpdateBody({ status: 'resolved', message: 'All fixed. We are sorry.' }));
    expect(resolved.status).toBe(201);

    await bannerText(page).filter({ hasText: 'All systems operational' }).waitFor({ timeout: oneRefresh });
    await page.locator('#open').getByText('No incidents right now.').waitFor();
    const past = page.locator('#history li', { has: page.getByRole('heading', { name: outage.title }) });
    await past.waitFor({ timeout: oneRefresh });
    expect(await past.textContent()).toMatch(/Lasted \d+ minutes?/);
    expect(await page.locator('#components').textContent()).not.toMatch(/outage/i);
    await widgetBars(app).first().waitFor({ state: 'detached', timeout: oneRefresh });
    await context.close();
  });

  it('shows the postmortem under the resolved incident, in the reader\'s language, its markup as text', async () => {
    const published = await commander.publishPostmortem(outage.id, {
      body: {
        en: 'A configuration change overloaded our servers.\n\nWhat we are changing: <b>staged</b> rollouts.',
        id: 'Perubahan konfigurasi membebani server kami.\n\nLangkah perbaikan kami: pemasangan <b>bertahap</b>.',
      },
    });
    expect(published.status).toBe(200);

    const context = await browser.newContext({ locale: 'en-US' });
    const { page, problems } = await openStatusPage(context);
    const past = page.locator('#history > ul > li', { has: page.getByRole('heading', { level: 3, name: outage.title }) });
    const postmortem = past.getByRole('region', { name: 'Postmortem' });
    await postmortem.waitFor({ timeout: oneRefresh });
    expect(await postmortem.locator('div p').allTextContents()).toEqual([
      'A configuration change overloaded our servers.',
      'What we are changing: <b>staged</b> rollouts.',
    ]);
    expect(await postmortem.locator('b').count()).toBe(0);
    expect(await postmortem.locator('.meta').textContent()).toMatch(/^Published /);
    // Its publication is not one more progress update of the timeline.
    expect(await past.locator('summary').textContent()).toBe(`Show updates (${published.json.updates.length - 1})`);

    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    const laporan = page.locator('#history').getByRole('region', { name: 'Laporan pascainsiden' });
    await laporan.waitFor();
    expect(await laporan.locator('div p').first().textContent()).toBe('Perubahan konfigurasi membebani server kami.');
    expect(await laporan.locator('.meta').textContent()).toMatch(/^Diterbitkan /);
    expect(problems).toEqual([]);
    await context.close();

    // axe is injected as an inline script, which the page's CSP rightly refuses; only this scan bypasses it.
    const scanning = await browser.newContext({ bypassCSP: true });
    const scanned = await openStatusPage(scanning, '&lang=en');
    await scanned.page.locator('#history').getByRole('region', { name: 'Postmortem' }).waitFor({ timeout: oneRefresh });
    await scanned.page.addScriptTag({ path: axePath });
    const result = await scanned.page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run());
    expect(result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    await scanning.close();
  });

  it('shows an incident titled with HTML as text, and no script runs', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const context = await browser.newContext();
    const dialogs: string[] = [];
    context.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const { page, problems } = await openStatusPage(context);
    const app = await openHostApp(context);

    const declared = await commander.declare(
      aDeclaration({ title: hostile, message: '<script>alert(2)</script><b onmouseover=alert(3)>bold</b>' }),
    );
    expect(declared.status).toBe(201);
    await page.getByRole('heading', { level: 3, name: hostile }).waitFor({ timeout: oneRefresh });
    const article = page.locator('#open article', { has: page.getByRole('heading', { name: hostile }) });
    expect(await article.locator('.timeline p').last().textContent()).toBe('<script>alert(2)</script><b onmouseover=alert(3)>bold</b>');
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    await widgetBars(app).filter({ hasText: hostile }).waitFor({ timeout: oneRefresh });
    expect(await app.locator('[data-incident-comms-widget] img').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);

    await commander.update(declared.json.id, anUpdateBody({ status: 'resolved', message: 'Resolved.' }));
    await context.close();
  });

  it('posts the subscribe form as JSON and shows the server’s problem detail when it refuses the address', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const { page } = await openStatusPage(context);
    await page.getByRole('checkbox', { name: 'API' }).waitFor({ timeout: oneRefresh });
    const posted: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posted.push({ url: request.url(), body: request.postDataJSON(), type: request.headers()['content-type'] });
    });

    // Browsers accept "someone@localhost"; the API wants a deliverable address, and says so.
    await page.getByLabel('Email address').fill('someone@localhost');
    await page.getByLabel('Language of the emails').selectOption('id');
    await page.getByRole('checkbox', { name: 'API' }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const result = page.locator('#sub-result.err');
    await result.waitFor();
    expect((await result.textContent())?.trim()).not.toBe('');
    expect(posted).toEqual([
      {
        url: `${runtime.url}/v1/subscriptions`,
        body: { email: 'someone@localhost', locale: 'id', components: ['api'] },
        type: 'application/json',
      },
    ]);

    await page.getByLabel('Email address').fill('reader@example.com');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.locator('#sub-result.ok').filter({ hasText: 'check your inbox' }).waitFor();
    await context.close();
  });

  it('renders its skeleton and points to the JSON status and the Atom feed with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${runtime.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Service status' }).waitFor();
    expect(await page.getByRole('link', { name: 'current status (JSON)' }).getAttribute('href')).toBe('/v1/status');
    expect(await page.getByRole('link', { name: 'incident feed (Atom)', exact: true }).getAttribute('href')).toBe('/v1/feed.atom?locale=en');
    expect(await page.locator('#banner').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 2, name: 'Components' }).isVisible()).toBe(false);
    await context.close();
  });
});

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

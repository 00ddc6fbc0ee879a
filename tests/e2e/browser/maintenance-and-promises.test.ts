import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../../local/start-local-runtime.js';
import type { LocalRuntime } from '../../../local/start-local-runtime.js';
import { apiClient } from '../../support/api-client.js';
import { aDeclaration } from '../../support/builders.js';
import { dynamoEndpoint } from '../../support/dynamo-endpoint.js';
import { launchChromium, skipWithoutChromium } from './launch-chromium.js';
import { severeAxeViolations } from './severe-axe-violations.js';
import { startHostApp } from './start-host-app.js';

// Scheduled maintenance and "next update by" promises on the status page and the widget, through the
// real local runtime on a clock the test holds: the clock is moved and the timers ticked, and the page
// is given one refresh to show the snapshot that follows. The clock starts at the real minute, so the
// widget's "within 24 hours" (the browser's own clock) agrees with the runtime's.

const refreshSeconds = 1;
/** "Within one refresh": the interval, plus the few local requests one refresh makes. */
const oneRefresh = refreshSeconds * 1000 + 3_000;
const testResults = fileURLToPath(new URL('../../../test-results/', import.meta.url));

let now = Math.floor(Date.now() / 60_000) * 60_000;
const clock = () => new Date(now);
const inMinutes = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

/** Two readers in two zones: what each sees must be in their own language and zone. */
const readers = {
  en: { locale: 'en-GB', timezoneId: 'Europe/London', query: '&lang=en' },
  id: { locale: 'id-ID', timezoneId: 'Asia/Jakarta', query: '&lang=id' },
} as const;
/** "08:02" for the English reader, "08.02" for the Indonesian one, in the reader's zone. */
const clockTime = (iso: string, reader: keyof typeof readers) =>
  new Intl.DateTimeFormat(readers[reader].locale, { timeZone: readers[reader].timezoneId, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe.skipIf(skipWithoutChromium())('scheduled maintenance and update promises on the status page and the widget', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let commander: ReturnType<typeof apiClient>;
  let hostApp: Awaited<ReturnType<typeof startHostApp>>;
  const upgrade = { id: '', scheduledFor: '', scheduledUntil: '', title: 'Database upgrade', titleId: 'Peningkatan basis data' };
  const later = { title: 'Network maintenance', titleId: 'Pemeliharaan jaringan' };
  const outage = { id: '', nextUpdateBy: '', title: 'Video calls drop', titleId: 'Panggilan video terputus' };

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      port: 0,
      dynamoEndpoint: dynamoEndpoint(),
      tableName: `browser-maintenance-${process.pid}-${Date.now()}`,
      outboxDir: mkdtempSync(join(tmpdir(), 'incident-comms-browser-')),
      clock,
    });
    commander = apiClient(runtime.url, runtime.commanderToken);
    browser = await launchChromium();
    hostApp = await startHostApp(refreshSeconds);
    mkdirSync(testResults, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await hostApp?.close();
    await runtime?.stop();
  });

  /** Moves the held clock and fires what fell due, as Scheduler would, then lets the snapshot follow. */
  async function advance(minutes: number) {
    now += minutes * 60_000;
    await runtime.pipeline.timers.tick();
    expect(await runtime.pipeline.settled()).toBe(true);
  }

  async function openStatusPage(context: BrowserContext, reader: keyof typeof readers) {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${runtime.url}/?refresh=${refreshSeconds}${readers[reader].query}`);
    return { page, problems };
  }

  const readerContext = (reader: keyof typeof readers, options: { bypassCSP?: boolean } = {}) =>
    browser.newContext({ locale: readers[reader].locale, timezoneId: readers[reader].timezoneId, viewport: { width: 1000, height: 900 }, ...options });
  const windowNamed = (page: Page, title: string) => page.locator('#maintenances article', { has: page.getByRole('heading', { level: 3, name: title }) });
  const incidentNamed = (page: Page, title: string) => page.locator('#open article', { has: page.getByRole('heading', { level: 3, name: title }) });
  const widgetBars = (page: Page) => page.locator('[data-incident-comms-widget] .bar');
  const openHostApp = async (context: BrowserContext, widgetAttributes = '') => {
    const page = await context.newPage();
    await page.goto(`${hostApp.url}/app/?${new URLSearchParams({ api: runtime.url, attributes: widgetAttributes })}`);
    return page;
  };

  it('shows a scheduled window as upcoming, its times in each reader’s zone and language', async () => {
    const scheduled = await commander.call('POST', '/v1/maintenances', {
      title: { en: upgrade.title, id: upgrade.titleId },
      message: { en: 'We are upgrading the database behind chat history.', id: 'Kami meningkatkan basis data riwayat chat.' },
      components: ['chat', 'login'],
      scheduledFor: inMinutes(120),
      scheduledUntil: inMinutes(180),
      remindBeforeMinutes: 60,
    });
    expect(scheduled.status, scheduled.text).toBe(201);
    Object.assign(upgrade, { id: scheduled.json.id, scheduledFor: scheduled.json.scheduledFor, scheduledUntil: scheduled.json.scheduledUntil });
    const inThreeDays = await commander.call('POST', '/v1/maintenances', {
      title: { en: later.title, id: later.titleId },
      message: 'Router replacement.',
      components: ['api'],
      scheduledFor: inMinutes(3 * 1440),
      scheduledUntil: inMinutes(3 * 1440 + 30),
    });
    expect(inThreeDays.status, inThreeDays.text).toBe(201);
    expect(await runtime.pipeline.settled()).toBe(true);

    const en = await readerContext('en');
    const { page, problems } = await openStatusPage(en, 'en');
    const upcoming = windowNamed(page, upgrade.title);
    await upcoming.waitFor({ timeout: oneRefresh });
    await page.getByRole('heading', { level: 2, name: 'Scheduled maintenance' }).waitFor();
    expect(await upcoming.getAttribute('class')).toContain('m-scheduled');
    const text = await upcoming.textContent();
    expect(text).toContain('Scheduled');
    expect(text).toContain(`${clockTime(upgrade.scheduledFor, 'en')}–${clockTime(upgrade.scheduledUntil, 'en')}`);
    expect(text).toContain('Affected: Chat, Login');
    expect(text).toContain('We are upgrading the database behind chat history.');
    expect(await upcoming.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')))).toEqual([upgrade.scheduledFor, upgrade.scheduledUntil]);
    // Soonest first; the banner stays calm: nothing is affected yet.
    expect(await page.locator('#maintenances h3').allTextContents()).toEqual([upgrade.title, later.title]);
    expect(await page.locator('#banner-text').textContent()).toBe('All systems operational');
    expect(problems).toEqual([]);

    const app = await openHostApp(en);
    const notice = widgetBars(app).filter({ hasText: upgrade.title });
    await notice.waitFor({ timeout: oneRefresh });
    expect(await notice.textContent()).toContain(`Scheduled maintenance: `);
    expect(await notice.textContent()).toContain(clockTime(upgrade.scheduledFor, 'en'));
    // Three days ahead is the page's business, not the app's.
    expect(await widgetBars(app).count()).toBe(1);
    await page.screenshot({ path: `${testResults}status-page-maintenance-upcoming.png`, fullPage: true });
    await en.close();

    const id = await readerContext('id');
    const indonesian = await openStatusPage(id, 'id');
    const terjadwal = windowNamed(indonesian.page, upgrade.titleId);
    await terjadwal.waitFor({ timeout: oneRefresh });
    await indonesian.page.getByRole('heading', { level: 2, name: 'Pemeliharaan terjadwal' }).waitFor();
    const teks = await terjadwal.textContent();
    expect(teks).toContain('Terjadwal');
    expect(teks).toContain(`Waktu: `);
    // 24-hour time with a dot and the zone as Indonesians write it: "08.02–09.02 WIB".
    expect(teks).toContain(`${clockTime(upgrade.scheduledFor, 'id')}–${clockTime(upgrade.scheduledUntil, 'id')} WIB`);
    expect(teks).toContain('Terdampak: Chat, Masuk');
    expect(teks).toContain('Kami meningkatkan basis data riwayat chat.');
    expect(indonesian.problems).toEqual([]);
    await id.close();
  });

  it('shows the window in progress and its components under maintenance once the clock passes its start', async () => {
    await advance(60); // the reminder
    await advance(60); // the start
    expect((await commander.get(`/v1/maintenances/${upgrade.id}`)).json.status).toBe('in_progress');

    const en = await readerContext('en');
    const { page, problems } = await openStatusPage(en, 'en');
    const inProgress = windowNamed(page, upgrade.title);
    await inProgress.and(page.locator('.m-in_progress')).waitFor({ timeout: oneRefresh });
    expect(await inProgress.textContent()).toContain('In progress');
    expect(await windowNamed(page, later.title).getAttribute('class')).toContain('m-scheduled');
    expect(await page.locator('#components li', { hasText: 'Chat' }).textContent()).toContain('Under maintenance');
    expect(await page.locator('#components li', { hasText: 'Login' }).textContent()).toContain('Under maintenance');
    expect(await page.locator('#components li', { hasText: 'API' }).textContent()).toContain('Operational');
    // Planned work alone is not "running slowly".
    expect(await page.locator('#banner-text').textContent()).toBe('Scheduled maintenance in progress');
    // The two kinds of window look different, not only in words.
    const [running, coming] = await Promise.all([inProgress, windowNamed(page, later.title)].map((article) => article.evaluate((node) => getComputedStyle(node).borderLeftStyle + ' ' + getComputedStyle(node).backgroundColor)));
    expect(running).not.toBe(coming);
    await page.screenshot({ path: `${testResults}status-page-maintenance-in-progress.png`, fullPage: true });
    expect(problems).toEqual([]);

    const app = await openHostApp(en);
    const notice = widgetBars(app).filter({ hasText: 'Scheduled maintenance: in progress until ' });
    await notice.waitFor({ timeout: oneRefresh });
    expect(await notice.textContent()).toContain(upgrade.title);
    expect(await notice.textContent()).toContain(clockTime(upgrade.scheduledUntil, 'en'));
    await en.close();

    const id = await readerContext('id');
    const indonesian = await openStatusPage(id, 'id');
    const berlangsung = windowNamed(indonesian.page, upgrade.titleId);
    await berlangsung.filter({ hasText: 'Sedang berlangsung' }).waitFor({ timeout: oneRefresh });
    expect(await indonesian.page.locator('#components li', { hasText: 'Masuk' }).textContent()).toContain('Sedang dalam pemeliharaan');
    expect(await indonesian.page.locator('#banner-text').textContent()).toBe('Pemeliharaan terjadwal sedang berlangsung');
    const aplikasi = await openHostApp(id, 'data-locale="id"');
    const pemberitahuan = widgetBars(aplikasi).filter({ hasText: upgrade.titleId });
    await pemberitahuan.waitFor({ timeout: oneRefresh });
    expect(await pemberitahuan.textContent()).toContain(`Pemeliharaan terjadwal: sedang berlangsung hingga `);
    expect(await pemberitahuan.textContent()).toContain(`${clockTime(upgrade.scheduledUntil, 'id')} WIB`);
    await aplikasi.screenshot({ path: `${testResults}widget-maintenance-in-progress-id.png` });
    expect(indonesian.problems).toEqual([]);
    await id.close();
  });

  it('shows a critical incident’s next-update time, then a calm overdue marker once the promise passes', async () => {
    const declared = await commander.declare(aDeclaration({
      title: { en: outage.title, id: outage.titleId },
      impact: 'critical',
      components: [{ id: 'video', status: 'major_outage' }],
    }));
    expect(declared.status, declared.text).toBe(201);
    Object.assign(outage, { id: declared.json.id, nextUpdateBy: declared.json.nextUpdateBy });
    expect(outage.nextUpdateBy).toBe(inMinutes(30));
    expect(await runtime.pipeline.settled()).toBe(true);

    const en = await readerContext('en');
    const { page, problems } = await openStatusPage(en, 'en');
    const incident = incidentNamed(page, outage.title);
    await incident.waitFor({ timeout: oneRefresh });
    const promise = incident.locator('.promise');
    expect(await promise.textContent()).toContain(`Next update by ${clockTime(outage.nextUpdateBy, 'en')}`);
    expect(await promise.locator('time').getAttribute('datetime')).toBe(outage.nextUpdateBy);
    expect(await promise.textContent()).not.toContain('overdue');

    const id = await readerContext('id');
    const indonesian = await openStatusPage(id, 'id');
    const insiden = incidentNamed(indonesian.page, outage.titleId);
    await insiden.waitFor({ timeout: oneRefresh });
    expect(await insiden.locator('.promise').textContent()).toBe(`Pembaruan berikutnya paling lambat pukul ${clockTime(outage.nextUpdateBy, 'id')} WIB`);

    await advance(31);
    // The promise-due timer marks it overdue; the two pages see it within one refresh, unreloaded.
    expect((await commander.get(`/v1/incidents/${outage.id}`)).json.overdue).toBe(true);
    await promise.filter({ hasText: 'Update overdue' }).waitFor({ timeout: oneRefresh });
    expect(await promise.textContent()).toContain(`Next update by ${clockTime(outage.nextUpdateBy, 'en')}`);
    await insiden.locator('.promise').filter({ hasText: 'Pembaruan terlambat' }).waitFor({ timeout: oneRefresh });
    await page.screenshot({ path: `${testResults}status-page-update-overdue.png`, fullPage: true });
    await indonesian.page.screenshot({ path: `${testResults}status-page-update-overdue-id.png`, fullPage: true });
    expect(problems).toEqual([]);
    expect(indonesian.problems).toEqual([]);
    await en.close();
    await id.close();
  });

  it('passes an axe-core scan with maintenance, a promise and an overdue marker shown, in English and Indonesian', async () => {
    for (const [reader, title] of [['en', upgrade.title], ['id', upgrade.titleId]] as const) {
      const context = await readerContext(reader, { bypassCSP: true });
      const { page } = await openStatusPage(context, reader);
      await windowNamed(page, title).waitFor({ timeout: oneRefresh });
      await page.locator('#open .promise .s-overdue').waitFor({ timeout: oneRefresh });
      expect(await severeAxeViolations(page), `axe on ${reader}`).toEqual([]);
      await context.close();
    }
  });
});

// @ts-check
// The public status page. Everything the API returns is inserted with textContent/createElement,
// never as HTML, so an incident title can never become markup (the page's CSP forbids inline script).

import { byId as $, el, meta } from './page-elements.js';
import { fillText, pickLanguage, rememberLanguage, rememberedLanguage, translateFixedText } from './reader-language.js';

/** @typedef {{ id: string, name: string, names?: Record<string, string>, status: string }} Component */
/** @typedef {{ id: string, seq: number, kind: string, status: string, impact: string, message: Record<string, string>, createdAt: string }} Update */
/** @typedef {{ body: Record<string, string>, publishedAt: string, revisedAt?: string }} Postmortem */
/** @typedef {{ id: string, title: string, titles?: Record<string, string>, status: string, impact: string, components: Component[], startedAt: string, updatedAt: string, resolvedAt: string | null, version: number, nextUpdateBy?: string | null, overdue?: boolean, updates?: Update[], postmortem?: Postmortem }} Incident */
/** @typedef {Incident & { scheduledFor: string, scheduledUntil: string }} Maintenance */
/** @typedef {{ status: string, components: Component[], incidents: Incident[], maintenances?: Maintenance[], updatedAt: string }} Status */

const dict = {
  en: {
    title: 'Service status', skip: 'Skip to content', langNav: 'Language', loading: 'Checking status…',
    operational: 'All systems operational', degraded_performance: 'Some systems are running slowly',
    partial_outage: 'Partial outage: some features are unavailable', major_outage: 'Major outage: we are working on it',
    under_maintenance: 'Scheduled maintenance in progress',
    unreachable: 'We can’t reach the status service right now. Trying again…',
    staleNote: 'Couldn’t refresh, showing what we knew at {t}. Trying again…', checked: 'Last checked {t}',
    c_operational: 'Operational', c_degraded_performance: 'Degraded performance', c_partial_outage: 'Partial outage',
    c_major_outage: 'Major outage', c_under_maintenance: 'Under maintenance',
    investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved',
    none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact',
    components: 'Components', open: 'Current incidents', noOpen: 'No incidents right now.',
    history: 'Past incidents (last 90 days)', noHistory: 'No incidents in the last 90 days.',
    historyFailed: 'Couldn’t load past incidents. Trying again soon.',
    affected: 'Affected: {c}', current: 'Status: {s}', started: 'Started {t}', lasted: 'Lasted {d}',
    updates: 'Updates', showUpdates: 'Show updates ({n})',
    nextUpdate: 'Next update by {t}', nextUpdateOn: 'Next update by {t}', overdue: 'Update overdue',
    maintenance: 'Scheduled maintenance', m_scheduled: 'Scheduled', m_in_progress: 'In progress', m_verifying: 'Verifying',
    when: 'When: {t}',
    postmortem: 'Postmortem', published: 'Published {t}', revised: 'Revised {t}',
    subscribe: 'Get updates by email', email: 'Email address', mailLang: 'Language of the emails',
    only: 'Only about these components', onlyHint: 'Leave them all unticked to hear about everything.',
    subscribeBtn: 'Subscribe', sending: 'Sending…', badEmail: 'Please enter a valid email address.',
    subscribed: 'Almost done: check your inbox and confirm your subscription.',
    subFailed: 'That didn’t work (error {n}).', offline: 'Couldn’t send. Check your connection and try again.',
    atom: 'Incident feed (Atom)', json: 'Status as JSON', docTitle: 'Service status',
  },
  id: {
    title: 'Status layanan', skip: 'Langsung ke konten', langNav: 'Bahasa', loading: 'Memeriksa status…',
    operational: 'Semua sistem berjalan normal', degraded_performance: 'Beberapa sistem sedang lambat',
    partial_outage: 'Gangguan sebagian: beberapa fitur tidak bisa digunakan', major_outage: 'Gangguan besar: kami sedang menanganinya',
    under_maintenance: 'Pemeliharaan terjadwal sedang berlangsung',
    unreachable: 'Layanan status belum bisa dihubungi. Kami coba lagi…',
    staleNote: 'Gagal memperbarui, ini kondisi per {t}. Kami coba lagi…', checked: 'Terakhir diperiksa {t}',
    c_operational: 'Normal', c_degraded_performance: 'Kinerja menurun', c_partial_outage: 'Gangguan sebagian',
    c_major_outage: 'Gangguan besar', c_under_maintenance: 'Sedang dalam pemeliharaan',
    investigating: 'Sedang diselidiki', identified: 'Penyebab ditemukan', monitoring: 'Dalam pemantauan', resolved: 'Selesai',
    none: 'Tanpa dampak', minor: 'Dampak kecil', major: 'Dampak besar', critical: 'Dampak kritis',
    components: 'Komponen', open: 'Insiden yang sedang berlangsung', noOpen: 'Tidak ada insiden saat ini.',
    history: 'Insiden 90 hari terakhir', noHistory: 'Tidak ada insiden dalam 90 hari terakhir.',
    historyFailed: 'Riwayat insiden gagal dimuat. Kami coba lagi sebentar lagi.',
    affected: 'Terdampak: {c}', current: 'Status: {s}', started: 'Mulai {t}', lasted: 'Berlangsung selama {d}',
    updates: 'Pembaruan', showUpdates: 'Lihat pembaruan ({n})',
    nextUpdate: 'Pembaruan berikutnya paling lambat pukul {t}', nextUpdateOn: 'Pembaruan berikutnya paling lambat {t}', overdue: 'Pembaruan terlambat',
    maintenance: 'Pemeliharaan terjadwal', m_scheduled: 'Terjadwal', m_in_progress: 'Sedang berlangsung', m_verifying: 'Sedang diverifikasi',
    when: 'Waktu: {t}',
    postmortem: 'Laporan pascainsiden', published: 'Diterbitkan {t}', revised: 'Diperbarui {t}',
    subscribe: 'Dapatkan kabar terbaru lewat email', email: 'Alamat email', mailLang: 'Bahasa email',
    only: 'Hanya tentang komponen berikut', onlyHint: 'Biarkan semua kosong untuk menerima kabar tentang semuanya.',
    subscribeBtn: 'Berlangganan', sending: 'Mengirim…', badEmail: 'Masukkan alamat email yang valid.',
    subscribed: 'Tinggal selangkah lagi: cek kotak masuk Anda dan konfirmasi langganan.',
    subFailed: 'Gagal (kode {n}).', offline: 'Gagal mengirim. Periksa koneksi Anda, lalu coba lagi.',
    atom: 'Feed insiden (Atom)', json: 'Status dalam format JSON', docTitle: 'Status layanan',
  },
};
/** @typedef {keyof typeof dict.en} Key */
const locales = /** @type {(keyof typeof dict)[]} */ (Object.keys(dict));
const glyphs = /** @type {Record<string, string>} */ ({
  operational: '✓', degraded_performance: '!', partial_outage: '!', major_outage: '✕', under_maintenance: 'i',
  m_scheduled: 'i', m_in_progress: '▸', m_verifying: '▸', overdue: '!',
});
const ninetyDays = 90 * 864e5;

const params = new URLSearchParams(location.search);
const api = (meta('incident-comms-api') || location.origin).replace(/\/+$/, '');
// `?refresh=1` lets tests (and impatient people) see a change within a second instead of 20.
const refreshMs = Math.max(1, Number(params.get('refresh') || meta('incident-comms-refresh')) || 20) * 1000;

let locale = pickLanguage(locales, [params.get('lang'), rememberedLanguage(), ...navigator.languages]);
/** Formats dates the reader's way: "en-GB" readers get day-month, not the bare "en" month-day. */
/** @type {string} */ let intlLocale = locale;

/** An incident's title in the page's language; `title` (the default language's) from an API that does not localize it. */
function titleOf(/** @type {Incident} */ incident) {
  return incident.titles?.[locale] ?? incident.title;
}

/** A component's name in the page's language, likewise. */
function nameOf(/** @type {Component} */ component) {
  return component.names?.[locale] ?? component.name;
}
/** @type {Status | null} */ let latest = null;
/** @type {Incident[]} */ let opened = [];
/** @type {Incident[] | null} */ let past = null;
/** The latest words of each shown maintenance window, by id: the summaries of /v1/status carry no timeline. */
/** @type {Map<string, Record<string, string>>} */ let windowNotes = new Map();
let openKey = '';
let maintenanceKey = '';
let historyAt = 0;
let historyFailed = false;
/** @type {Date | null} */ let checkedAt = null;
let failing = false;
const rendered = /** @type {Record<string, string>} */ ({});
const expanded = new Set();

/** @param {Key} key @param {Record<string, string | number>} [vars] */
function t(key, vars) {
  return fillText(dict[locale][key], vars);
}

/** @param {string} iso */
function fmtTime(iso) {
  const date = new Date(iso);
  const time = el('time', null, new Intl.DateTimeFormat(intlLocale, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(date));
  time.setAttribute('datetime', date.toISOString());
  return time;
}

/** @param {number} ms */
function fmtDuration(ms) {
  const minutes = Math.max(1, Math.round(ms / 6e4));
  const parts = /** @type {[number, string][]} */ ([
    [Math.floor(minutes / 1440), 'day'], [Math.floor((minutes % 1440) / 60), 'hour'], [minutes % 60, 'minute'],
  ]).filter(([n]) => n > 0).map(([n, unit]) =>
    new Intl.NumberFormat(intlLocale, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
  return new Intl.ListFormat(intlLocale, { style: 'long', type: 'unit' }).format(parts);
}

/** A window in the reader's zone as one range, each end a <time>: "5 May 2031, 02:02–04:00 BST".
 * @param {string} fromIso @param {string} untilIso */
function fmtRange(fromIso, untilIso) {
  const from = new Date(fromIso);
  const until = new Date(untilIso);
  const parts = new Intl.DateTimeFormat(intlLocale, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).formatRangeToParts(from, until);
  const span = el('span');
  /** @type {HTMLElement | null} */ let time = null;
  for (const part of /** @type {(Intl.DateTimeFormatPart & { source: string })[]} */ (parts)) {
    if (part.source === 'shared') {
      time = null;
      span.append(part.value);
      continue;
    }
    if (!time || time.dataset.end !== part.source) {
      time = el('time');
      time.dataset.end = part.source;
      time.setAttribute('datetime', (part.source === 'startRange' ? from : until).toISOString());
      span.append(time);
    }
    time.append(part.value);
  }
  return span;
}

/** Whether two instants fall on one day in the reader's zone. @param {string} a @param {string} b */
function sameDay(a, b) {
  const day = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'short' });
  return day.format(new Date(a)) === day.format(new Date(b));
}

/** A time of day in the reader's zone ("10:30 WIB"), with its day when `withDay`. @param {string} iso @param {boolean} withDay */
function fmtClock(iso, withDay) {
  const date = new Date(iso);
  const time = el('time', null, new Intl.DateTimeFormat(intlLocale, {
    ...(withDay ? { day: 'numeric', month: 'short' } : {}), hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(date));
  time.setAttribute('datetime', date.toISOString());
  return time;
}

/** Puts "{t}" text around a <time> element, so the time stays machine-readable. @param {string} text @param {Node} node */
function around(text, node) {
  const [before = '', after = ''] = text.split('\u0000');
  const span = el('span');
  span.append(before, node, after);
  return span;
}

/** @param {string} path */
async function getJson(path) {
  // no-cache revalidates with the server/CDN instead of trusting the browser's copy for max-age,
  // so a change shows within one refresh; the CDN still absorbs the surge.
  const res = await fetch(api + path, { cache: 'no-cache', headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/** Every page of `/v1/incidents` or `/v1/maintenances` in `state`, while `more` says so.
 * @param {'incidents' | 'maintenances'} route @param {string} state @param {(items: Incident[]) => boolean} [more] */
async function listAll(route, state, more = () => true) {
  /** @type {Incident[]} */ const all = [];
  let cursor = null;
  for (let page = 0; page < 40; page++) {
    const q = new URLSearchParams({ state });
    if (cursor) q.set('cursor', cursor);
    const body = await getJson(`/v1/${route}?${q}`);
    all.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor || !more(body.items)) break;
  }
  return all;
}

async function refresh() {
  try {
    /** @type {Status} */ const next = await getJson('/v1/status');
    // An incident turns overdue without a new version: the key must see that too.
    const key = next.incidents.map((i) => `${i.id}@${i.version}${i.overdue ? '+overdue' : ''}`).join();
    if (key !== openKey) {
      const gone = opened.some((i) => !next.incidents.some((n) => n.id === i.id));
      opened = await listAll('incidents', 'open');
      openKey = key;
      if (gone) historyAt = 0;
    }
    const windows = next.maintenances || [];
    const windowsKey = windows.map((w) => `${w.id}@${w.version}`).join();
    if (windowsKey !== maintenanceKey) {
      windowNotes = await loadWindowNotes(windows);
      maintenanceKey = windowsKey;
    }
    latest = next;
    checkedAt = new Date();
    failing = false;
  } catch {
    failing = true;
  }
  if (Date.now() - historyAt > 5 * 6e4) await loadHistory();
  render();
  setTimeout(refresh, refreshMs);
}

/** What the commanders last wrote about each window (its description, or how it goes).
 * The window shows without it when the listing fails: its times and components are in the status.
 * @param {Maintenance[]} windows */
async function loadWindowNotes(windows) {
  /** @type {Map<string, Record<string, string>>} */ const notes = new Map();
  if (!windows.length) return notes;
  try {
    const listed = [
      ...(windows.some((w) => w.status === 'scheduled') ? await listAll('maintenances', 'upcoming', (page) => page.every((w) => windows.some((s) => s.id === w.id))) : []),
      ...(windows.some((w) => w.status !== 'scheduled') ? await listAll('maintenances', 'active') : []),
    ];
    for (const planned of listed) {
      const said = [...(planned.updates || [])].reverse().find((update) => Object.values(update.message).some(Boolean));
      if (said) notes.set(planned.id, said.message);
    }
  } catch {
    // Shown without its words until the window changes again.
  }
  return notes;
}

async function loadHistory() {
  const since = Date.now() - ninetyDays;
  try {
    const items = await listAll('incidents', 'resolved', (page) => page.every((i) => Date.parse(i.startedAt) >= since));
    past = items.filter((i) => Date.parse(i.resolvedAt || i.startedAt) >= since);
    historyAt = Date.now();
    historyFailed = false;
  } catch {
    historyFailed = true;
    historyAt = Date.now() - 4 * 6e4; // retry in a minute, not on every refresh
  }
}

/** Re-renders a section only when what it shows changed, so focus and open <details> survive a refresh.
 * @param {string} id @param {unknown} data @param {(root: HTMLElement) => void} draw */
function section(id, data, draw) {
  const key = `${locale}|${JSON.stringify(data)}`;
  if (rendered[id] === key) return;
  rendered[id] = key;
  const root = $(id);
  root.replaceChildren();
  draw(root);
}

function render() {
  const banner = $('banner');
  const state = latest ? bannerState(latest) : 'unknown';
  const text = latest ? t(/** @type {Key} */ (state)) : failing ? t('unreachable') : t('loading');
  banner.className = `banner s-${state}`;
  /** @type {HTMLElement} */ (banner.firstElementChild).dataset.g = glyphs[state] || '?';
  // Assigning the same text again would make some screen readers repeat the announcement.
  if ($('banner-text').textContent !== text) $('banner-text').textContent = text;

  const checked = $('checked');
  checked.replaceChildren();
  if (checkedAt) {
    const when = fmtTime(checkedAt.toISOString());
    checked.append(around(t(failing ? 'staleNote' : 'checked', { t: '\u0000' }), when));
  }
  section('components', latest?.components, drawComponents);
  section('open', latest ? opened : null, drawOpen);
  section('maintenances', latest ? [latest.maintenances, [...windowNotes]] : null, drawMaintenances);
  section('history', historyFailed && !past ? 'failed' : past, drawHistory);
  section('sub-components', latest?.components.map((c) => [c.id, nameOf(c)]), drawChecks);
}

/** The overall status, except that planned work alone is said as such, not as "running slowly".
 * @param {Status} status */
function bannerState(status) {
  const planned = status.components.some((c) => c.status === 'under_maintenance');
  const onlyPlanned = status.components.every((c) => c.status === 'operational' || c.status === 'under_maintenance');
  return planned && onlyPlanned ? 'under_maintenance' : status.status;
}

/** @param {string} value @param {string} label */
function statusTag(value, label) {
  const tag = el('span', `st s-${value}`);
  const icon = el('span', 'icon');
  icon.setAttribute('aria-hidden', 'true');
  icon.dataset.g = glyphs[value] || '•';
  tag.append(icon, label);
  return tag;
}

/** @param {HTMLElement} root */
function drawComponents(root) {
  for (const c of latest?.components || []) {
    const li = el('li');
    li.append(el('span', 'name', nameOf(c)), statusTag(c.status, t(/** @type {Key} */ (`c_${c.status}`))));
    root.append(li);
  }
}

/** @param {HTMLElement} root */
function drawOpen(root) {
  if (!latest) return;
  if (!opened.length) return void root.append(el('p', 'empty', t('noOpen')));
  for (const incident of opened) {
    const article = el('article', `incident i-${incident.impact}`);
    const heading = el('h3', null, titleOf(incident));
    heading.id = `inc-${incident.id}`;
    article.setAttribute('aria-labelledby', heading.id);
    const meta = el('p', 'meta');
    const bits = [t('current', { s: t(/** @type {Key} */ (incident.status)) }), t(/** @type {Key} */ (incident.impact))];
    if (incident.components.length) bits.push(t('affected', { c: incident.components.map(nameOf).join(', ') }));
    meta.append(bits.join(' · '), ' · ', around(t('started', { t: '\u0000' }), fmtTime(incident.startedAt)));
    article.append(heading, meta);
    if (incident.nextUpdateBy || incident.overdue) article.append(promiseLine(incident));
    article.append(timeline(incident));
    root.append(article);
  }
}

/** "Next update by 10:30 WIB" (its day too when not the day of the last update), and a calm marker
 * once that time passed with no update. @param {Incident} incident */
function promiseLine(incident) {
  const line = el('p', 'promise');
  const by = incident.nextUpdateBy;
  if (by) {
    const withDay = !sameDay(by, incident.updatedAt);
    line.append(around(t(withDay ? 'nextUpdateOn' : 'nextUpdate', { t: '\u0000' }), fmtClock(by, withDay)));
  }
  if (incident.overdue) line.append(statusTag('overdue', t('overdue')));
  return line;
}

/** Windows in progress first (the API sends them soonest first), then those coming within a week. @param {HTMLElement} root */
function drawMaintenances(root) {
  const windows = latest?.maintenances || [];
  /** @type {HTMLElement} */ (root.parentElement).hidden = !windows.length;
  for (const planned of windows) {
    const article = el('article', `maintenance m-${planned.status}`);
    const heading = el('h3', null, titleOf(planned));
    heading.id = `mnt-${planned.id}`;
    article.setAttribute('aria-labelledby', heading.id);
    const when = el('p', 'when');
    when.append(statusTag(`m_${planned.status}`, t(/** @type {Key} */ (`m_${planned.status}`))), ' ', around(t('when', { t: '\u0000' }), fmtRange(planned.scheduledFor, planned.scheduledUntil)));
    article.append(heading, when);
    if (planned.components.length) article.append(el('p', 'meta', t('affected', { c: planned.components.map(nameOf).join(', ') })));
    const note = windowNotes.get(planned.id);
    if (note) article.append(inReaderLanguage(note, 'p'));
    root.append(article);
  }
}

/** @param {Incident} incident */
function timeline(incident) {
  const list = el('ol', 'timeline');
  list.setAttribute('aria-label', t('updates'));
  // The postmortem shows whole under the incident (postmortemSection); its publications are not progress updates.
  const updates = progressUpdates(incident).sort((a, b) => b.seq - a.seq);
  for (const update of updates) {
    const li = el('li');
    const head = el('p');
    head.append(el('strong', `s-${update.status}`, t(/** @type {Key} */ (update.status))), ' · ', fmtTime(update.createdAt));
    li.append(head, inReaderLanguage(update.message, 'p'));
    list.append(li);
  }
  return list;
}

/** @param {Incident} incident */
function progressUpdates(incident) {
  return (incident.updates || []).filter((update) => update.kind !== 'postmortem');
}

/** The text in the page's language, else the first one given, marked with its own language.
 * @param {Record<string, string>} byLocale @param {string} tag */
function inReaderLanguage(byLocale, tag) {
  const textLocale = byLocale[locale] != null ? locale : Object.keys(byLocale)[0] || locale;
  const node = el(tag, null, byLocale[textLocale] || '');
  if (textLocale !== locale) node.lang = textLocale;
  return node;
}

/** The incident's postmortem: a heading, when it was published (and revised), and its paragraphs.
 * @param {Incident} incident @param {Postmortem} postmortem */
function postmortemSection(incident, postmortem) {
  const section = el('section', 'postmortem');
  const heading = el('h4', null, t('postmortem'));
  heading.id = `pm-${incident.id}`;
  section.setAttribute('aria-labelledby', heading.id);
  const when = el('p', 'meta');
  when.append(around(t('published', { t: '\u0000' }), fmtTime(postmortem.publishedAt)));
  if (postmortem.revisedAt) when.append(' · ', around(t('revised', { t: '\u0000' }), fmtTime(postmortem.revisedAt)));
  // One element per paragraph; single line breaks stay (white-space: pre-line), as the commander wrote them.
  const text = inReaderLanguage(postmortem.body, 'div');
  const paragraphs = (text.textContent || '').split(/\n{2,}/);
  text.replaceChildren(...paragraphs.map((paragraph) => el('p', null, paragraph)));
  section.append(heading, when, text);
  return section;
}

/** @param {HTMLElement} root */
function drawHistory(root) {
  if (past === null) {
    if (historyFailed) root.append(el('p', 'empty', t('historyFailed')));
    return;
  }
  if (!past.length) return void root.append(el('p', 'empty', t('noHistory')));
  const list = el('ul', 'history');
  for (const incident of past) {
    const li = el('li');
    const meta = el('p', 'meta');
    meta.append(fmtTime(incident.startedAt));
    if (incident.resolvedAt) {
      const lasted = fmtDuration(Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt));
      meta.append(' – ', fmtTime(incident.resolvedAt), ` · ${t('lasted', { d: lasted })}`);
    }
    li.append(el('h3', null, titleOf(incident)), meta);
    if (incident.postmortem) li.append(postmortemSection(incident, incident.postmortem));
    const updates = progressUpdates(incident);
    if (updates.length) {
      const details = /** @type {HTMLDetailsElement} */ (el('details'));
      details.open = expanded.has(incident.id);
      details.addEventListener('toggle', () => void (details.open ? expanded.add(incident.id) : expanded.delete(incident.id)));
      details.append(el('summary', null, t('showUpdates', { n: updates.length })), timeline(incident));
      li.append(details);
    }
    list.append(li);
  }
  root.append(list);
}

/** @param {HTMLElement} root */
function drawChecks(root) {
  const ticked = new Set([...root.querySelectorAll('input:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value));
  for (const c of latest?.components || []) {
    const label = el('label');
    const box = /** @type {HTMLInputElement} */ (el('input'));
    box.type = 'checkbox';
    box.name = 'component';
    box.value = c.id;
    box.checked = ticked.has(c.id);
    label.append(box, nameOf(c));
    const li = el('li');
    li.append(label);
    root.append(li);
  }
}

function translateStatic() {
  intlLocale = navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === locale) || locale;
  document.title = meta('incident-comms-service') ? `${meta('incident-comms-service')} · ${t('docTitle')}` : t('docTitle');
  translateFixedText(locale, t);
  const atom = /** @type {HTMLAnchorElement} */ ($('atom'));
  atom.href = `${api}/v1/feed.atom?locale=${locale}`;
  /** @type {HTMLAnchorElement} */ ($('json')).href = `${api}/v1/status`;
  document.querySelector('link[rel=alternate]')?.setAttribute('href', atom.href);
}

/** @param {keyof typeof dict} next */
function switchLocale(next) {
  locale = next;
  rememberLanguage(next);
  if (params.has('lang')) {
    params.set('lang', next);
    history.replaceState(null, '', `?${params}`);
  }
  const select = /** @type {HTMLSelectElement} */ ($('locale'));
  if (!select.dataset.touched) select.value = next;
  translateStatic();
  render();
}

function wireLanguageLinks() {
  for (const link of document.querySelectorAll('[data-lang]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      switchLocale(/** @type {keyof typeof dict} */ (/** @type {HTMLElement} */ (link).dataset.lang));
    });
  }
}

function wireSubscribe() {
  const form = /** @type {HTMLFormElement} */ ($('subscribe'));
  const email = /** @type {HTMLInputElement} */ ($('email'));
  const select = /** @type {HTMLSelectElement} */ ($('locale'));
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
  const result = $('sub-result');
  select.value = locale;
  select.addEventListener('change', () => void (select.dataset.touched = '1'));
  /** @param {'ok' | 'err' | ''} kind @param {string} text @param {string[]} [list] */
  const show = (kind, text, list = []) => {
    result.className = `result ${kind}`;
    result.replaceChildren(text);
    if (list.length) {
      const ul = el('ul');
      for (const item of list) ul.append(el('li', null, item));
      result.append(ul);
    }
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!email.value.trim() || !email.checkValidity()) {
      email.setAttribute('aria-invalid', 'true');
      email.focus();
      return show('err', t('badEmail'));
    }
    email.removeAttribute('aria-invalid');
    const components = [...form.querySelectorAll('input[name=component]:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value);
    const body = { email: email.value.trim(), locale: select.value, ...(components.length ? { components } : {}) };
    button.disabled = true;
    show('', t('sending'));
    try {
      const res = await fetch(`${api}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
        body: JSON.stringify(body),
      });
      if (res.status === 202) {
        show('ok', t('subscribed'));
        form.reset();
        select.value = locale;
      } else {
        const problem = await res.json().catch(() => null);
        const errors = Array.isArray(problem?.errors) ? problem.errors.map((/** @type {any} */ e) => `${e.path}: ${e.message}`) : [];
        show('err', String(problem?.detail || problem?.title || t('subFailed', { n: res.status })), errors);
      }
    } catch {
      show('err', t('offline'));
    } finally {
      button.disabled = false;
    }
  });
}

$('brand').textContent = meta('incident-comms-service');
translateStatic();
wireLanguageLinks();
wireSubscribe();
render();
refresh();

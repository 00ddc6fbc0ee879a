// @ts-check
// The page behind the "preferences" link of every incident mail (/preferences.html?token=…): reads
// and changes the subscriber's language, components and time zone through the JSON API. Everything
// the API returns is inserted with textContent/createElement, never as HTML, and the page has no
// inline script or style (the status site's CSP forbids them).

import { byId as $, el, meta } from './page-elements.js';
import { fillText, pickLanguage, rememberLanguage, rememberedLanguage, translateFixedText } from './reader-language.js';

/** @typedef {{ email: string, locale: string, components: string[], timeZone: string, state: string }} Preferences */
/** @typedef {{ id: string, name: string }} Component */

const dict = {
  en: {
    title: 'Email preferences', skip: 'Skip to content', langNav: 'Language', loading: 'Loading your preferences…',
    who: 'Incident emails for {e}', mailLang: 'Language of the emails', timeZone: 'Time zone of the times in the emails',
    timeZoneHint: 'A time zone name such as Asia/Jakarta or Europe/London.',
    only: 'Only about these components', onlyHint: 'Leave them all unticked to hear about everything.',
    save: 'Save', saving: 'Saving…', saved: 'Saved. Your next emails follow these choices.',
    pending: 'Your subscription is not confirmed yet: use the link in the confirmation email to start getting incident emails.',
    unsubscribed: 'You are unsubscribed. These choices apply if you subscribe again on the status page.',
    suppressed: 'Emails to this address could not be delivered, so we no longer send any.',
    unsubscribe: 'Unsubscribe from all incident emails', back: 'Back to the status page',
    noToken: 'This link is incomplete. Open the preferences link from one of your incident emails again.',
    notFound: 'This link is not valid: it may be incomplete, or a newer email replaced it.',
    failed: 'That didn’t work (error {n}).', offline: 'Couldn’t reach the server. Check your connection and try again.',
    badTimeZone: 'Please enter a time zone name such as Asia/Jakarta.',
  },
  id: {
    title: 'Pengaturan email', skip: 'Langsung ke konten', langNav: 'Bahasa', loading: 'Memuat pengaturan Anda…',
    who: 'Email insiden untuk {e}', mailLang: 'Bahasa email', timeZone: 'Zona waktu untuk jam di email',
    timeZoneHint: 'Nama zona waktu, misalnya Asia/Jakarta atau Asia/Makassar.',
    only: 'Hanya tentang komponen berikut', onlyHint: 'Biarkan semua kosong untuk menerima kabar tentang semuanya.',
    save: 'Simpan', saving: 'Menyimpan…', saved: 'Tersimpan. Email berikutnya mengikuti pilihan ini.',
    pending: 'Langganan Anda belum dikonfirmasi: gunakan tautan di email konfirmasi untuk mulai menerima email insiden.',
    unsubscribed: 'Anda sudah berhenti berlangganan. Pilihan ini berlaku jika Anda berlangganan lagi di halaman status.',
    suppressed: 'Email ke alamat ini tidak dapat terkirim, jadi kami tidak mengirim email lagi.',
    unsubscribe: 'Berhenti berlangganan semua email insiden', back: 'Kembali ke halaman status',
    noToken: 'Tautan ini tidak lengkap. Buka lagi tautan pengaturan dari salah satu email insiden Anda.',
    notFound: 'Tautan ini tidak berlaku: mungkin tidak lengkap, atau sudah diganti oleh email yang lebih baru.',
    failed: 'Gagal (kode {n}).', offline: 'Server tidak dapat dihubungi. Periksa koneksi Anda, lalu coba lagi.',
    badTimeZone: 'Masukkan nama zona waktu, misalnya Asia/Jakarta.',
  },
};
/** @typedef {keyof typeof dict.en} Key */
const locales = /** @type {(keyof typeof dict)[]} */ (Object.keys(dict));

const params = new URLSearchParams(location.search);
const token = params.get('token') || '';
const api = (meta('incident-comms-api') || location.origin).replace(/\/+$/, '');
const preferencesUrl = `${api}/v1/subscriptions/preferences?token=${encodeURIComponent(token)}`;

let locale = pickLocale(null);
/** @type {Preferences | null} */ let current = null;
/** @type {Component[]} */ let components = [];
/** @type {{ key: Key, vars?: Record<string, string | number>, kind: 'ok' | 'err' | '' } | null} */ let status = { key: 'loading', kind: '' };
/** @type {{ key?: Key, vars?: Record<string, string | number>, text?: string, kind: 'ok' | 'err' | '', list?: string[] } | null} */ let result = null;

/**
 * The page speaks `?lang`, else the language the reader chose before, else that of their emails, else the browser's.
 * @param {string | null} mailLocale
 */
function pickLocale(mailLocale) {
  return pickLanguage(locales, [params.get('lang'), rememberedLanguage(), mailLocale, ...navigator.languages]);
}

/** @param {Key} key @param {Record<string, string | number>} [vars] */
function t(key, vars) {
  return fillText(dict[locale][key], vars);
}

/** @param {string} url @param {RequestInit} [init] */
async function call(url, init = {}) {
  const res = await fetch(url, { cache: 'no-store', ...init, headers: { accept: 'application/json, application/problem+json', ...init.headers } });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

async function load() {
  if (!token) return void show('noToken', 'err');
  try {
    const [answer, published] = await Promise.all([call(preferencesUrl), call(`${api}/v1/status`).catch(() => null)]);
    if (answer.status === 404) return void show('notFound', 'err');
    if (answer.status !== 200) return void show('failed', 'err', { n: answer.status });
    current = /** @type {Preferences} */ (answer.body);
    components = published?.status === 200 ? published.body.components : current.components.map((id) => ({ id, name: id }));
    if (!params.has('lang') && !rememberedLanguage()) locale = pickLocale(current.locale);
    status = null;
    fillForm();
    translate();
    /** @type {HTMLFormElement} */ ($('prefs')).hidden = false;
    const unsubscribe = /** @type {HTMLAnchorElement} */ ($('unsubscribe'));
    unsubscribe.href = `${api}/v1/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;
    $('unsubscribe-item').hidden = current.state === 'unsubscribed' || current.state === 'suppressed';
  } catch {
    show('offline', 'err');
  }
}

/** @param {Key} key @param {'ok' | 'err' | ''} kind @param {Record<string, string | number>} [vars] */
function show(key, kind, vars) {
  status = { key, kind, ...(vars ? { vars } : {}) };
  renderStatus();
}

function renderStatus() {
  const node = $('status');
  node.hidden = status === null;
  if (!status) return;
  node.className = `result ${status.kind}`;
  node.textContent = t(status.key, status.vars);
}

function fillForm() {
  if (!current) return;
  const select = /** @type {HTMLSelectElement} */ ($('locale'));
  // A configured locale the page has no words for still shows, by its tag.
  if (![...select.options].some((option) => option.value === current?.locale)) select.append(new Option(current.locale, current.locale));
  select.value = current.locale;
  /** @type {HTMLInputElement} */ ($('time-zone')).value = current.timeZone;
  const zones = $('time-zones');
  if (!zones.childElementCount) {
    for (const zone of /** @type {any} */ (Intl).supportedValuesOf?.('timeZone') ?? []) zones.append(new Option(zone));
  }
  const list = $('components');
  list.replaceChildren();
  for (const component of components) {
    const label = el('label');
    const box = /** @type {HTMLInputElement} */ (el('input'));
    box.type = 'checkbox';
    box.name = 'component';
    box.value = component.id;
    box.checked = current.components.includes(component.id);
    label.append(box, component.name);
    const li = el('li');
    li.append(label);
    list.append(li);
  }
}

function translate() {
  const service = meta('incident-comms-service');
  document.title = service ? `${service} · ${t('title')}` : t('title');
  translateFixedText(locale, t);
  if (current) {
    $('who').textContent = t('who', { e: current.email });
    const note = $('state-note');
    const stateKey = /** @type {Key | null} */ (['pending', 'unsubscribed', 'suppressed'].includes(current.state) ? current.state : null);
    note.hidden = stateKey === null;
    $('state-text').textContent = stateKey ? t(stateKey) : '';
  }
  renderStatus();
  renderResult();
}

function renderResult() {
  const node = $('result');
  node.className = `result ${result?.kind ?? ''}`;
  node.replaceChildren();
  if (!result) return;
  node.append(result.key ? t(result.key, result.vars) : result.text ?? '');
  if (result.list?.length) {
    const ul = el('ul');
    for (const item of result.list) ul.append(el('li', null, item));
    node.append(ul);
  }
}

function wireLanguageLinks() {
  for (const link of document.querySelectorAll('[data-lang]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      locale = /** @type {keyof typeof dict} */ (/** @type {HTMLElement} */ (link).dataset.lang);
      rememberLanguage(locale);
      translate();
    });
  }
}

function wireForm() {
  const form = /** @type {HTMLFormElement} */ ($('prefs'));
  const zone = /** @type {HTMLInputElement} */ ($('time-zone'));
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!zone.value.trim()) {
      zone.setAttribute('aria-invalid', 'true');
      zone.focus();
      result = { key: 'badTimeZone', kind: 'err' };
      return renderResult();
    }
    zone.removeAttribute('aria-invalid');
    const chosen = [...form.querySelectorAll('input[name=component]:checked')].map((box) => /** @type {HTMLInputElement} */ (box).value);
    const body = { locale: /** @type {HTMLSelectElement} */ ($('locale')).value, components: chosen, timeZone: zone.value.trim() };
    button.disabled = true;
    result = { key: 'saving', kind: '' };
    renderResult();
    try {
      const answer = await call(preferencesUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (answer.status === 200) {
        current = answer.body;
        fillForm();
        result = { key: 'saved', kind: 'ok' };
      } else if (answer.status === 404) {
        result = { key: 'notFound', kind: 'err' };
      } else {
        const errors = Array.isArray(answer.body?.errors) ? answer.body.errors.map((/** @type {any} */ e) => `${e.path}: ${e.message}`) : [];
        if (errors.some((/** @type {string} */ line) => line.startsWith('timeZone'))) zone.setAttribute('aria-invalid', 'true');
        result = answer.body?.detail ? { text: String(answer.body.detail), kind: 'err', list: errors } : { key: 'failed', vars: { n: answer.status }, kind: 'err', list: errors };
      }
    } catch {
      result = { key: 'offline', kind: 'err' };
    } finally {
      button.disabled = false;
    }
    renderResult();
  });
}

$('brand').textContent = meta('incident-comms-service');
translate();
wireLanguageLinks();
wireForm();
load();

// @ts-check
// The in-app incident banner. Drop into any page:
//   <script src="https://status.example/widget.js" data-api="https://api.example" data-locale="id" async></script>
// Optional: data-status-page (link target, default: the API origin's "/"), data-refresh (seconds, default 30).
// Language: data-locale, else the host page's <html lang>, else the browser's languages; en or id.
// It shows the open incidents, then scheduled maintenance in progress or starting within 24 hours.
// It lives in a Shadow DOM, so neither the host page's CSS nor ours leaks across; all text goes in
// with textContent, and its stylesheet is constructed in script so a strict host CSP needs no 'unsafe-inline'.
(() => {
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script) return;
  const api = (script.dataset.api || new URL(script.src, location.href).origin).replace(/\/+$/, '');
  const statusPage = script.dataset.statusPage || `${api}/`;
  const pollMs = Math.max(1, Number(script.dataset.refresh) || 30) * 1000;
  const dict = {
    en: {
      lead: 'Service disruption', open: 'Status page', dismiss: 'Dismiss notice: {t}',
      investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring',
      planned: 'Scheduled maintenance', in_progress: 'in progress until {t}', verifying: 'in progress until {t}', scheduled: '{t}',
    },
    id: {
      lead: 'Gangguan layanan', open: 'Halaman status', dismiss: 'Tutup pemberitahuan: {t}',
      investigating: 'Sedang diselidiki', identified: 'Penyebab ditemukan', monitoring: 'Dalam pemantauan',
      planned: 'Pemeliharaan terjadwal', in_progress: 'sedang berlangsung hingga {t}', verifying: 'sedang berlangsung hingga {t}', scheduled: '{t}',
    },
  };
  /** @type {keyof typeof dict} */
  let lang = 'en';
  for (const tag of [script.dataset.locale, document.documentElement.lang, ...navigator.languages]) {
    const base = (tag || '').toLowerCase().split('-')[0];
    const found = base === 'in' ? 'id' : base;
    if (found === 'en' || found === 'id') {
      lang = found;
      break;
    }
  }
  const t = dict[lang];
  // Dates the reader's way: an "en-GB" browser gets day-month, not the bare "en" month-day.
  const intlLocale = navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === lang) || lang;
  const upcomingMs = 24 * 60 * 60 * 1000;

  const css = `:host{all:initial}
.box{position:fixed;z-index:2147483000;left:50%;bottom:1rem;transform:translateX(-50%);width:calc(100% - 2rem);max-width:40rem;
display:flex;flex-direction:column;gap:.5rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a}
.bar{display:flex;align-items:flex-start;gap:.5rem;background:#fff;border:1px solid #c4c4c4;border-left:.4rem solid #b3261e;
border-radius:.4rem;padding:.6rem .5rem .6rem .85rem;box-shadow:0 .25rem 1rem rgba(0,0,0,.2)}
.bar.planned{border-left-color:#1a56a8}
p{margin:0;flex:1;overflow-wrap:anywhere}
strong{display:block}
a{color:#1a56a8;font-weight:600}
button{flex:none;min-width:2.75rem;min-height:2.75rem;border:0;border-radius:.3rem;background:transparent;color:#1a1a1a;font:inherit;font-size:1.4rem;line-height:1;cursor:pointer}
button:hover{background:#eee}
:focus-visible{outline:3px solid #1a56a8;outline-offset:2px}`;

  const host = document.createElement('div');
  host.setAttribute('data-incident-comms-widget', '');
  const shadow = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // Browsers before constructable stylesheets (Safari < 16.4).
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
  // The live region exists (empty) from the start, so screen readers announce the banner when it fills.
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', 'status');
  box.lang = lang;
  shadow.append(box);

  /** @param {{ id: string, version: number }} incident */
  const dismissKey = (incident) => `incident-comms:dismissed:${incident.id}:${incident.version}`;
  /** @param {() => any} f */
  const safe = (f) => {
    try { return f(); } catch { return null; }
  };
  /** @typedef {{ id: string, type?: string, title: string, titles?: Record<string, string>, status: string, version: number, scheduledFor?: string, scheduledUntil?: string }} Notice */
  /** @type {Notice[]} */
  let incidents = [];
  /** @type {Notice[]} */
  let maintenances = [];

  /** When a window runs, in the reader's zone: its end while in progress (its day only when not today), its range before.
   * @param {Notice} planned */
  const windowText = (planned) => {
    const from = new Date(planned.scheduledFor || 0);
    const until = new Date(planned.scheduledUntil || 0);
    const day = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'short' });
    const withDay = planned.status === 'scheduled' || day.format(until) !== day.format(new Date());
    const format = new Intl.DateTimeFormat(intlLocale, {
      ...(withDay ? { day: 'numeric', month: 'short' } : {}), hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
    });
    const when = planned.status === 'scheduled' ? format.formatRange(from, until) : format.format(until);
    return /** @type {Record<string, string>} */ (t)[planned.status].replace('{t}', when);
  };

  /** What is on screen, so a poll that changes nothing leaves focus and the live region alone. */
  let shownKey = '';
  /** @param {Notice[]} list */
  const keyOf = (list) => list.map((i) => `${i.id}@${i.version}`).join();

  function render() {
    const now = Date.now();
    const notices = [
      ...incidents.filter((i) => i.status !== 'resolved'),
      ...maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying'
        || (m.status === 'scheduled' && Date.parse(m.scheduledFor || '') - now < upcomingMs)),
    ];
    const visible = notices.filter((i) => !safe(() => sessionStorage.getItem(dismissKey(i)))).slice(0, 3);
    if (keyOf(visible) === shownKey) return;
    shownKey = keyOf(visible);
    box.replaceChildren();
    for (const incident of visible) {
      const planned = incident.type === 'maintenance';
      const bar = document.createElement('div');
      bar.className = planned ? 'bar planned' : 'bar';
      const text = document.createElement('p');
      const title = document.createElement('strong');
      // The title in the widget's language; `title` is the default language's.
      const shown = incident.titles?.[lang] ?? incident.title;
      title.textContent = shown;
      const link = document.createElement('a');
      link.href = statusPage;
      link.target = '_top';
      link.textContent = t.open;
      const label = planned ? windowText(incident) : /** @type {Record<string, string>} */ (t)[incident.status] || incident.status;
      text.append(title, `${planned ? t.planned : t.lead}: ${label}. `, link);
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '\u00d7'; // multiplication sign, escaped: hosts may serve this file without a charset
      button.setAttribute('aria-label', t.dismiss.replace('{t}', shown));
      button.addEventListener('click', () => {
        safe(() => sessionStorage.setItem(dismissKey(incident), '1'));
        render();
      });
      bar.append(text, button);
      box.append(bar);
    }
  }

  async function poll() {
    try {
      const res = await fetch(`${api}/v1/status`, { cache: 'no-cache', credentials: 'omit' });
      if (res.ok) {
        const body = await res.json();
        const next = Array.isArray(body.incidents) ? body.incidents : [];
        incidents = next;
        maintenances = Array.isArray(body.maintenances) ? body.maintenances : [];
        // Every poll: a window may have come within 24 hours since the last; render() skips no change.
        render();
      }
    } catch {
      // Offline or the API is down: keep what is shown and try again at the next poll.
    }
    setTimeout(poll, pollMs);
  }

  const mount = () => {
    document.body.append(host);
    poll();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();

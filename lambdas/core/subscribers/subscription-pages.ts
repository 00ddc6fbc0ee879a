/** The pages a person reaches from the links of a subscription mail. */
export type SubscriptionPage =
  /** The confirm link worked (or had already worked). */
  | { kind: 'confirmed'; preferencesUrl: string }
  /** The unsubscribe link, opened: a button that POSTs; opening it changes nothing. */
  | { kind: 'unsubscribe-form'; maskedEmail: string; token: string; preferencesUrl: string }
  /** After the POST (or opened again once unsubscribed). */
  | { kind: 'unsubscribed'; maskedEmail: string }
  /** A token that is forged, mangled, of another purpose, or revoked. */
  | { kind: 'link-not-found' };

export interface PageSite {
  /** The service the mails are about, "Nimbus Chat". */
  serviceName: string;
  /** The public status page, where a person subscribes again. */
  statusPageUrl: string;
}

type Texts = Record<'confirmedTitle' | 'confirmedText' | 'preferencesLink' | 'formTitle' | 'formText' | 'formButton' | 'formInstead' | 'unsubscribedTitle' | 'unsubscribedText' | 'notFoundTitle' | 'notFoundText' | 'statusLink', string>;

const texts: Record<'en' | 'id', Texts> = {
  en: {
    confirmedTitle: 'Subscription confirmed',
    confirmedText: 'You will get an email from {service} whenever an incident may affect you.',
    preferencesLink: 'Choose the components, language and time zone of your emails',
    formTitle: 'Unsubscribe from incident emails?',
    formText: '{email} will no longer get emails from {service} about incidents.',
    formButton: 'Unsubscribe',
    formInstead: 'Or change which emails you get instead',
    unsubscribedTitle: 'You are unsubscribed',
    unsubscribedText: '{email} will get no more incident emails from {service}. If that was a mistake, subscribe again on the status page.',
    notFoundTitle: 'This link is not valid',
    notFoundText: 'It may be incomplete, or a newer email replaced it. Subscribe again on the status page to get a new link.',
    statusLink: 'Go to the status page',
  },
  id: {
    confirmedTitle: 'Langganan dikonfirmasi',
    confirmedText: 'Anda akan menerima email dari {service} setiap kali ada insiden yang mungkin berdampak pada Anda.',
    preferencesLink: 'Atur komponen, bahasa, dan zona waktu email Anda',
    formTitle: 'Berhenti berlangganan email insiden?',
    formText: '{email} tidak akan lagi menerima email dari {service} tentang insiden.',
    formButton: 'Berhenti berlangganan',
    formInstead: 'Atau ubah saja email yang Anda terima',
    unsubscribedTitle: 'Anda sudah berhenti berlangganan',
    unsubscribedText: '{email} tidak akan menerima email insiden lagi dari {service}. Jika ini tidak disengaja, silakan berlangganan lagi di halaman status.',
    notFoundTitle: 'Tautan ini tidak berlaku',
    notFoundText: 'Tautan mungkin tidak lengkap, atau sudah diganti oleh email yang lebih baru. Berlangganan lagi di halaman status untuk mendapatkan tautan baru.',
    statusLink: 'Buka halaman status',
  },
};

/**
 * A subscription page as a whole HTML document, in the subscriber's language (`en` or `id`; any
 * other locale reads English). Every text, address and URL is escaped; the page has no script and
 * no inline style (it is served with `default-src 'none'; style-src 'self'`), and takes its look
 * from the status site's `/status.css`. The unsubscribe form POSTs to the URL it was opened at,
 * with `List-Unsubscribe=One-Click`, the very request a mail provider's one-click button makes.
 *
 * @example
 * renderSubscriptionPage({ kind: 'link-not-found' }, 'id', { serviceName: 'Nimbus Chat', statusPageUrl: '/' });
 * // '<!doctype html><html lang="id">…<h1>Tautan ini tidak berlaku</h1>…'
 */
export function renderSubscriptionPage(page: SubscriptionPage, locale: string, site: PageSite): string {
  const language = pageLanguage(locale);
  const say = (key: keyof Texts, email = '') => texts[language][key].replace('{service}', () => site.serviceName).replace('{email}', () => email);
  const link = (href: string, text: string) => `<p><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></p>`;
  const statusLink = link(site.statusPageUrl, say('statusLink'));
  const [title, body] = ((): [string, string] => {
    switch (page.kind) {
      case 'confirmed':
        return [say('confirmedTitle'), `<p>${escapeHtml(say('confirmedText'))}</p>\n${link(page.preferencesUrl, say('preferencesLink'))}\n${statusLink}`];
      case 'unsubscribe-form':
        return [
          say('formTitle'),
          `<p>${escapeHtml(say('formText', page.maskedEmail))}</p>\n` +
            `<form method="post" action="?token=${escapeHtml(encodeURIComponent(page.token))}">\n` +
            `<input type="hidden" name="List-Unsubscribe" value="One-Click">\n` +
            `<p><button type="submit">${escapeHtml(say('formButton'))}</button></p>\n</form>\n` +
            link(page.preferencesUrl, say('formInstead')),
        ];
      case 'unsubscribed':
        return [say('unsubscribedTitle'), `<p>${escapeHtml(say('unsubscribedText', page.maskedEmail))}</p>\n${statusLink}`];
      case 'link-not-found':
        return [say('notFoundTitle'), `<p>${escapeHtml(say('notFoundText'))}</p>\n${statusLink}`];
    }
  })();
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The URL holds a token: no link on this page may hand it to another site.
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`${title} · ${site.serviceName}`)}</title>`,
    '<link rel="stylesheet" href="/status.css">',
    '</head>',
    '<body>',
    '<header class="top"><div class="wrap top-in">',
    `<p class="brand">${escapeHtml(site.serviceName)}</p>`,
    '</div></header>',
    '<main id="main" class="wrap">',
    `<h1>${escapeHtml(title)}</h1>`,
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The language a page is written in for a locale: `id-ID` reads Indonesian, anything unknown English. */
function pageLanguage(locale: string): keyof typeof texts {
  const base = locale.toLowerCase().split('-')[0];
  return base === 'id' ? 'id' : 'en';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

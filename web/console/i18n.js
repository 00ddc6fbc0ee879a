// @ts-check
// The console's own words in English and Indonesian. The commander's and customers' texts are never
// looked up here: they come from the API, in every configured locale.

import { fillText, pickLanguage, rememberLanguage, rememberedLanguage, translateFixedText } from '../reader-language.js';

const dict = {
  en: {
    docTitle: 'Commander console', title: 'Commander console', skip: 'Skip to content', langNav: 'Language',
    signInTitle: 'Sign in', tokenLabel: 'Commander token', tokenHint: 'Kept in this tab’s memory only: reloading the page signs you out.',
    signIn: 'Sign in', signOut: 'Sign out', signingIn: 'Signing in…', badToken: 'That token was refused (401). Check it and try again.',
    signInFailed: 'Signing in failed: {m}',
    openTitle: 'Open incidents', noOpen: 'No open incident.', resolvedTitle: 'Recently resolved', noResolved: 'No resolved incident yet.',
    maintTitle: 'Maintenance windows', noMaint: 'No upcoming or active window.',
    webhooksTitle: 'Webhook and chat subscribers', noWebhooks: 'No webhook or chat subscriber.',
    webhookActive: 'active', webhookDisabled: 'disabled after 3 days of failed deliveries',
    lastSuccess: 'last delivered {w}', lastFailure: 'last failed {w}: {r}', never: 'never',
    declareTitle: 'Declare an incident', scenario: 'Start from', blank: 'A blank declaration',
    titleIn: 'Title ({l})', messageIn: 'Message ({l})', bodyIn: 'Postmortem ({l})', impact: 'Impact', status: 'Status',
    components: 'Components', declare: 'Declare', declared: 'Declared. Its deliveries follow below.',
    previewReady: 'The preview shows the apology exactly as each channel will send it.',
    updateTitle: 'Update “{t}”', postmortemTitle: 'Postmortem of “{t}”', sendUpdate: 'Send update', publish: 'Publish postmortem',
    version: 'Version {v}', select: 'Work on this incident', selectWindow: 'Work on this window',
    nextUpdateIn: 'Next update promised within {t}', overdueBy: 'Update overdue by {t}', noPromise: 'No update promised',
    timeline: 'Timeline', seqKind: '#{n} {k} · {s}', sending: 'Sending…', sent: 'Sent.',
    previewTitle: 'Preview: what each channel will send', previewEmpty: 'Type a message to see the preview.',
    previewLoading: 'Updating the preview…', previewFailed: 'The preview failed: {m}',
    subject: 'Subject: {s}', emailHtml: 'The email’s HTML version', emailHtmlFrame: 'Email HTML, {l}',
    xLength: '{n} of 280', xWords: 'Your words alone: {n} of 280', xShortened: 'Your words were shortened to fit the X post; the full text stays on the status page and in the email.',
    deliveriesTitle: 'Deliveries of update #{n}', deliveriesPending: 'Still sending: {n} pending.', deliveriesDone: 'Every delivery is done.',
    deliveriesFailed: 'Could not read the deliveries: {m}',
    d_pending: 'pending', d_sent: 'sent', d_failed: 'failed', d_skipped: 'skipped',
    recipients: '{s} of {p} recipients sent, {f} failed, {x} suppressed', postId: 'post {i}', openPost: 'Open the post on X', feedItem: 'feed item {i}',
    conflictTitle: 'Someone else updated this first', conflictText: 'Another commander sent version {v} while you were writing. Read what changed, then send your words on top of it.',
    reapply: 'Send my text on top of version {v}',
    maintSchedule: 'Schedule a maintenance window', starts: 'Starts', ends: 'Ends', remind: 'Remind customers (minutes before)',
    schedule: 'Schedule', maintUpdate: 'Update window “{t}”', sendMaint: 'Send window update',
    window: '{a} – {b}', problem: '{t} ({s}): {d}', offline: 'The API did not answer. Check your connection and try again.',
    i_investigating: 'Investigating', i_identified: 'Identified', i_monitoring: 'Monitoring', i_resolved: 'Resolved',
    m_scheduled: 'Scheduled', m_in_progress: 'In progress', m_verifying: 'Verifying', m_completed: 'Completed', m_cancelled: 'Cancelled',
    none: 'None', minor: 'Minor', major: 'Major', critical: 'Critical',
    ch_email: 'Email', ch_x: 'X post', ch_inapp: 'In-app card', ch_webhook: 'Webhook and chat card',
  },
  id: {
    docTitle: 'Konsol komandan', title: 'Konsol komandan', skip: 'Langsung ke konten', langNav: 'Bahasa',
    signInTitle: 'Masuk', tokenLabel: 'Token komandan', tokenHint: 'Hanya disimpan di memori tab ini: memuat ulang halaman akan mengeluarkan Anda.',
    signIn: 'Masuk', signOut: 'Keluar', signingIn: 'Sedang masuk…', badToken: 'Token ditolak (401). Periksa lalu coba lagi.',
    signInFailed: 'Gagal masuk: {m}',
    openTitle: 'Insiden berlangsung', noOpen: 'Tidak ada insiden berlangsung.', resolvedTitle: 'Baru selesai', noResolved: 'Belum ada insiden yang selesai.',
    maintTitle: 'Jadwal pemeliharaan', noMaint: 'Tidak ada pemeliharaan mendatang atau berlangsung.',
    webhooksTitle: 'Pelanggan webhook dan chat', noWebhooks: 'Belum ada pelanggan webhook atau chat.',
    webhookActive: 'aktif', webhookDisabled: 'dinonaktifkan setelah 3 hari pengiriman gagal',
    lastSuccess: 'terakhir terkirim {w}', lastFailure: 'terakhir gagal {w}: {r}', never: 'belum pernah',
    declareTitle: 'Umumkan insiden', scenario: 'Mulai dari', blank: 'Pengumuman kosong',
    titleIn: 'Judul ({l})', messageIn: 'Pesan ({l})', bodyIn: 'Laporan pascainsiden ({l})', impact: 'Dampak', status: 'Status',
    components: 'Komponen', declare: 'Umumkan', declared: 'Sudah diumumkan. Pengirimannya tampil di bawah.',
    previewReady: 'Pratinjau menampilkan permohonan maaf persis seperti yang akan dikirim tiap kanal.',
    updateTitle: 'Perbarui “{t}”', postmortemTitle: 'Laporan pascainsiden “{t}”', sendUpdate: 'Kirim pembaruan', publish: 'Terbitkan laporan',
    version: 'Versi {v}', select: 'Tangani insiden ini', selectWindow: 'Tangani jadwal ini',
    nextUpdateIn: 'Pembaruan berikutnya dijanjikan dalam {t}', overdueBy: 'Pembaruan terlambat {t}', noPromise: 'Tidak ada janji pembaruan',
    timeline: 'Linimasa', seqKind: '#{n} {k} · {s}', sending: 'Mengirim…', sent: 'Terkirim.',
    previewTitle: 'Pratinjau: yang akan dikirim tiap kanal', previewEmpty: 'Ketik pesan untuk melihat pratinjau.',
    previewLoading: 'Memperbarui pratinjau…', previewFailed: 'Pratinjau gagal: {m}',
    subject: 'Subjek: {s}', emailHtml: 'Versi HTML email', emailHtmlFrame: 'HTML email, {l}',
    xLength: '{n} dari 280', xWords: 'Kata-kata Anda saja: {n} dari 280', xShortened: 'Kata-kata Anda dipersingkat agar muat di X; teks lengkapnya tetap ada di halaman status dan di email.',
    deliveriesTitle: 'Pengiriman pembaruan #{n}', deliveriesPending: 'Masih mengirim: {n} tertunda.', deliveriesDone: 'Semua pengiriman selesai.',
    deliveriesFailed: 'Data pengiriman gagal dibaca: {m}',
    d_pending: 'tertunda', d_sent: 'terkirim', d_failed: 'gagal', d_skipped: 'dilewati',
    recipients: '{s} dari {p} penerima terkirim, {f} gagal, {x} diblokir', postId: 'postingan {i}', openPost: 'Buka postingan di X', feedItem: 'item feed {i}',
    conflictTitle: 'Komandan lain memperbarui lebih dulu', conflictText: 'Komandan lain mengirim versi {v} saat Anda menulis. Baca perubahannya, lalu kirim kata-kata Anda di atasnya.',
    reapply: 'Kirim teks saya di atas versi {v}',
    maintSchedule: 'Jadwalkan pemeliharaan', starts: 'Mulai', ends: 'Selesai', remind: 'Ingatkan pelanggan (menit sebelumnya)',
    schedule: 'Jadwalkan', maintUpdate: 'Perbarui jadwal “{t}”', sendMaint: 'Kirim pembaruan jadwal',
    window: '{a} – {b}', problem: '{t} ({s}): {d}', offline: 'API tidak menjawab. Periksa koneksi Anda lalu coba lagi.',
    i_investigating: 'Sedang diselidiki', i_identified: 'Penyebab ditemukan', i_monitoring: 'Dalam pemantauan', i_resolved: 'Selesai',
    m_scheduled: 'Terjadwal', m_in_progress: 'Sedang berlangsung', m_verifying: 'Sedang diverifikasi', m_completed: 'Selesai', m_cancelled: 'Dibatalkan',
    none: 'Tanpa dampak', minor: 'Kecil', major: 'Besar', critical: 'Kritis',
    ch_email: 'Email', ch_x: 'Postingan X', ch_inapp: 'Kartu dalam aplikasi', ch_webhook: 'Kartu webhook dan chat',
  },
};

/** @typedef {keyof typeof dict} UiLanguage */
/** @typedef {keyof typeof dict.en} TextKey */

export const uiLanguages = /** @type {UiLanguage[]} */ (Object.keys(dict));
let current = pickLanguage(uiLanguages, [
  new URLSearchParams(location.search).get('lang'), rememberedLanguage(), ...navigator.languages,
]);

/** The console's language now. */
export const uiLanguage = () => current;

/**
 * A text of the console in its current language, `{x}` placeholders filled.
 * @param {TextKey} key @param {Record<string, string | number>} [vars]
 */
export function t(key, vars) {
  return fillText(dict[current][key] ?? dict.en[key] ?? key, vars);
}

/** Switches the console's language and translates its fixed text. @param {UiLanguage} language */
export function useLanguage(language) {
  current = language;
  rememberLanguage(language);
  translateFixedText(language, /** @param {TextKey} key */ (key) => t(key));
  document.title = t('docTitle');
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (button).dataset.lang === language));
  }
}

import type { SubscriptionMailTexts } from './locale-catalog.js';

// The register of id.ts: "Kami" and "Anda", complete and courteous sentences, no slang. A confirmation
// mail reaches whoever typed the address, so it says how the reader got it and that ignoring it is
// safe ("Apabila Anda tidak mengajukan permintaan ini…"), as Indonesian service mail customarily does.

/**
 * Indonesian texts of the subscription mails.
 *
 * @example
 * idSubscriptionMails.confirmation.subject('Nimbus Chat'); // 'Konfirmasi langganan informasi gangguan layanan Nimbus Chat'
 */
export const idSubscriptionMails: SubscriptionMailTexts = {
  greeting: 'Halo,',
  signOff: (service) => `Salam,\nTim ${service}`,
  confirmation: {
    subject: (service) => `Konfirmasi langganan informasi gangguan layanan ${service}`,
    request: (service) =>
      `Kami menerima permintaan untuk mengirimkan informasi gangguan layanan ${service} ke alamat email ini. Mohon konfirmasi langganan Anda melalui tautan berikut:`,
    confirm: 'Konfirmasi langganan saya',
    ignore:
      'Apabila Anda tidak mengajukan permintaan ini, Anda dapat mengabaikan email ini. Alamat ini tidak akan didaftarkan dan Anda tidak akan menerima email lagi dari kami.',
  },
  preferences: {
    subject: (service) => `Anda sudah berlangganan informasi gangguan layanan ${service}`,
    already: (service) =>
      `Kami menerima permintaan untuk mendaftarkan alamat email ini agar menerima informasi gangguan layanan ${service}. Alamat ini sudah terdaftar, sehingga tidak ada yang berubah.`,
    manage: 'Anda dapat mengubah jenis informasi yang Anda terima, bahasa, dan zona waktu, atau berhenti berlangganan melalui tautan berikut:',
    preferences: 'Ubah preferensi langganan',
    unsubscribe: 'Berhenti berlangganan',
    ignore: 'Apabila Anda tidak mengajukan permintaan ini, Anda dapat mengabaikan email ini. Langganan Anda tetap seperti sebelumnya.',
  },
};

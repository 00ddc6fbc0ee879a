import { idSubscriptionMails } from './id-subscription-mails.js';
import { idMaintenance } from './id-maintenance.js';
import type { LocaleCatalog } from './locale-catalog.js';
import { isMaintenanceKind, isMaintenanceStatus } from '../../incident/vocabulary.js';

// Bahasa Indonesia in the register of an official service announcement: "Kami" and "Anda",
// "mohon maaf atas ketidaknyamanan", complete and courteous sentences, no slang. The apology grows
// more formal ("sungguh-sungguh memohon maaf") as the impact grows.
const signOff = 'Salam,\nTim {service}\nPesan ini dikirim pada {time}.';

/**
 * Indonesian texts.
 *
 * @example
 * id.apology('apology', 'minor'); // 'Kami mohon maaf atas ketidaknyamanan ini.'
 */
export const id: LocaleCatalog = {
  language: 'id',
  impact: { none: 'tanpa dampak', minor: 'ringan', major: 'besar', critical: 'kritis' },
  status: {
    investigating: 'Sedang diselidiki',
    identified: 'Penyebab telah ditemukan',
    monitoring: 'Dalam pemantauan',
    resolved: 'Telah teratasi',
    ...idMaintenance.status,
  },
  headline(kind, impact, status, service) {
    if (isMaintenanceKind(kind)) return idMaintenance.headline(kind, service);
    if (kind === 'recovery') return `Layanan ${service} telah kembali berjalan normal.`;
    if (kind === 'postmortem') return 'Kami telah menerbitkan laporan pascainsiden: apa yang terjadi, apa penyebabnya, dan apa yang kami perbaiki.';
    if (kind === 'update') return id.progress(kind, status);
    switch (impact) {
      case 'none':
        return `Kami sedang memeriksa kendala pada ${service}. Layanan Anda seharusnya tidak terpengaruh.`;
      case 'minor':
        return `Sebagian pengguna mungkin mengalami kendala saat menggunakan ${service}.`;
      case 'major':
        return `Saat ini ${service} sedang mengalami gangguan besar.`;
      case 'critical':
        return `Saat ini ${service} tidak dapat diakses oleh sebagian besar pengguna.`;
    }
  },
  apology(kind, impact) {
    if (isMaintenanceKind(kind)) return idMaintenance.apology(kind);
    // "Laporan pascainsiden" (post-incident report) is how Indonesian service announcements name a
    // postmortem; it follows the recovery, which already thanked the reader, so one more apology is enough.
    if (kind === 'postmortem') {
      switch (impact) {
        case 'none':
          return 'Terima kasih atas perhatian Anda.';
        case 'minor':
          return 'Sekali lagi, kami mohon maaf atas ketidaknyamanan ini.';
        case 'major':
          return 'Sekali lagi, kami mohon maaf atas gangguan yang terjadi.';
        case 'critical':
          return 'Sekali lagi, kami sungguh-sungguh memohon maaf karena telah mengecewakan Anda.';
      }
    }
    if (kind === 'recovery') {
      switch (impact) {
        case 'none':
          return 'Terima kasih atas perhatian Anda.';
        case 'minor':
          return 'Kami mohon maaf atas ketidaknyamanan ini dan terima kasih atas kesabaran Anda.';
        case 'major':
          return 'Kami mohon maaf atas gangguan yang terjadi dan terima kasih atas kesabaran Anda.';
        case 'critical':
          return 'Kami sungguh-sungguh memohon maaf karena telah mengecewakan Anda, dan terima kasih atas kesabaran Anda.';
      }
    }
    if (kind === 'update') {
      switch (impact) {
        case 'none':
        case 'minor':
          return 'Terima kasih atas kesabaran Anda.';
        case 'major':
          return 'Kami mohon maaf atas gangguan yang masih berlangsung.';
        case 'critical':
          return 'Kami mohon maaf karena gangguan ini masih berlangsung. Seluruh tim kami sedang menanganinya.';
      }
    }
    switch (impact) {
      case 'none':
        return 'Kami mohon maaf apabila informasi ini menimbulkan pertanyaan.';
      case 'minor':
        return 'Kami mohon maaf atas ketidaknyamanan ini.';
      case 'major':
        return 'Kami mohon maaf atas gangguan dan ketidaknyamanan yang Anda alami.';
      case 'critical':
        return 'Kami sungguh-sungguh memohon maaf. Pemulihan layanan menjadi prioritas utama kami.';
    }
  },
  progress(kind, status) {
    if (isMaintenanceStatus(status)) return idMaintenance.progress(status);
    switch (status) {
      case 'investigating':
        return kind === 'apology' ? 'Tim kami sedang menyelidiki penyebabnya.' : 'Tim kami masih menyelidiki penyebabnya.';
      case 'identified':
        return 'Penyebabnya telah kami temukan dan perbaikan sedang dilakukan.';
      case 'monitoring':
        return 'Perbaikan telah diterapkan dan kami sedang memastikan layanan tetap stabil.';
      case 'resolved':
        return 'Seluruh layanan telah kembali normal.';
    }
  },
  nextUpdate: (at) =>
    at
      ? `Informasi terbaru berikutnya akan kami sampaikan paling lambat ${at.sameDay ? 'pukul ' : ''}${at.text} melalui halaman status:`
      : 'Informasi terbaru akan kami sampaikan melalui halaman status segera setelah ada perkembangan:',
  nextUpdateBy: (at) => (at ? `Info berikutnya paling lambat ${at.sameDay ? 'pukul ' : ''}${at.text}.` : ''),
  someComponents: (service) => `sebagian layanan ${service}`,
  moreComponents: (count) => `${count} layanan lainnya`,
  componentCount: (count) => `${count} layanan`,
  lessThanAMinute: 'kurang dari satu menit',
  ellipsis: '…',
  fallbackSubject: { apology: 'Gangguan layanan', update: 'Pembaruan gangguan layanan', recovery: 'Layanan telah pulih', postmortem: 'Laporan pascainsiden', ...idMaintenance.fallbackSubject },
  fallbackTitle: { apology: 'Gangguan layanan', update: 'Pembaruan gangguan', recovery: 'Layanan telah pulih', postmortem: 'Laporan pascainsiden', ...idMaintenance.fallbackSubject },
  texts: {
    ...idMaintenance.texts,
    apology: {
      email: {
        subject: '[{service}] Gangguan layanan: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Layanan terdampak: {components}\nMulai terjadi: {startedAt}\nStatus: {status}',
          'Langkah yang sedang kami lakukan:\n{message}',
          '{nextUpdate}\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: '{headline} Layanan terdampak: {components}. {apology} {message} {nextUpdateBy} Info terkini: {url}' },
      inapp: { title: '{title}', text: '{headline} {apology} Layanan terdampak: {components}. {message} {nextUpdateBy}' },
    },
    update: {
      email: {
        subject: '[{service}] Pembaruan: {title}',
        body: [
          'Halo,',
          'Berikut perkembangan terbaru mengenai "{title}". {progress} {apology}',
          'Langkah yang sedang kami lakukan:\n{message}',
          'Layanan terdampak: {components}\nStatus: {status}\nTelah berlangsung selama: {duration}',
          '{nextUpdate}\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Pembaruan: {progress} {message} {nextUpdateBy} Selengkapnya: {url}' },
      inapp: { title: 'Pembaruan: {title}', text: '{progress} {message} {nextUpdateBy}' },
    },
    recovery: {
      email: {
        subject: '[{service}] Telah pulih: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Yang terjadi:\n{message}',
          'Layanan yang terdampak: {components}\nDurasi gangguan: {duration}, sejak {startedAt} hingga {resolvedAt}',
          'Kronologi lengkap dapat Anda lihat di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Telah pulih setelah {duration}: {headline} {message} {apology} {url}' },
      inapp: { title: 'Telah pulih: {title}', text: '{headline} Gangguan berlangsung selama {duration}. {message} {apology}' },
    },
    postmortem: {
      email: {
        subject: '[{service}] Laporan pascainsiden: {title}',
        body: [
          'Halo,',
          'Kami telah menerbitkan laporan pascainsiden mengenai "{title}": apa yang terjadi, apa penyebabnya, dan langkah yang kami ambil agar kejadian serupa tidak terulang. {apology}',
          'Layanan yang terdampak: {components}\nDurasi gangguan: {duration}, sejak {startedAt} hingga {resolvedAt}',
          'Laporan pascainsiden:\n{message}',
          'Laporan ini beserta kronologi lengkapnya juga dapat Anda baca di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Kami telah menerbitkan laporan pascainsiden mengenai "{title}": apa yang terjadi dan apa yang kami perbaiki. {url}' },
      inapp: { title: 'Laporan pascainsiden: {title}', text: '{headline} {message}' },
    },
  },
  viewStatusPage: 'Lihat halaman status',
  emailFooter: {
    reason: (service) => `Anda menerima email ini karena Anda berlangganan informasi gangguan layanan ${service}.`,
    preferences: 'Ubah preferensi langganan',
    unsubscribe: 'Berhenti berlangganan',
  },
  subscriptionMails: idSubscriptionMails,
};

import type { MaintenanceKind, MaintenanceStatus } from '../../incident/vocabulary.js';
import type { ChannelTexts } from '../template-fields.js';

const signOff = 'Salam,\nTim {service}\nPesan ini dikirim pada {time}.';

/** Pemeliharaan terencana dalam bahasa pengumuman resmi: kapan, apa yang terdampak, mohon maaf seperlunya. */
export const idMaintenance = {
  status: {
    scheduled: 'Terjadwal',
    in_progress: 'Sedang berlangsung',
    verifying: 'Dalam verifikasi',
    completed: 'Selesai',
    cancelled: 'Dibatalkan',
  } satisfies Record<MaintenanceStatus, string>,
  headline(kind: MaintenanceKind, service: string): string {
    switch (kind) {
      case 'maintenance_scheduled':
        return `Kami telah menjadwalkan pemeliharaan layanan ${service}.`;
      case 'maintenance_reminder':
        return `Pemeliharaan terjadwal layanan ${service} akan segera dimulai.`;
      case 'maintenance_started':
        return `Pemeliharaan terjadwal layanan ${service} sedang berlangsung.`;
      case 'maintenance_completed':
        return `Pemeliharaan terjadwal layanan ${service} telah selesai dan seluruh layanan kembali berjalan normal.`;
      case 'maintenance_cancelled':
        return `Pemeliharaan terjadwal layanan ${service} kami batalkan.`;
    }
  },
  apology(kind: MaintenanceKind): string {
    if (kind === 'maintenance_completed') return 'Terima kasih atas kesabaran Anda.';
    if (kind === 'maintenance_cancelled') return 'Tidak ada perubahan layanan bagi Anda.';
    return 'Selama pemeliharaan, sebagian fitur mungkin tidak dapat digunakan. Kami mohon maaf atas ketidaknyamanan ini.';
  },
  progress(status: MaintenanceStatus): string {
    switch (status) {
      case 'scheduled':
        return 'Pekerjaan telah dijadwalkan.';
      case 'in_progress':
        return 'Pekerjaan sedang berlangsung.';
      case 'verifying':
        return 'Pekerjaan telah selesai dan kami sedang memastikan semuanya berfungsi.';
      case 'completed':
        return 'Pekerjaan telah selesai.';
      case 'cancelled':
        return 'Pekerjaan dibatalkan.';
    }
  },
  fallbackSubject: {
    maintenance_scheduled: 'Pemeliharaan terjadwal',
    maintenance_reminder: 'Pengingat pemeliharaan',
    maintenance_started: 'Pemeliharaan berlangsung',
    maintenance_completed: 'Pemeliharaan selesai',
    maintenance_cancelled: 'Pemeliharaan dibatalkan',
  } satisfies Record<MaintenanceKind, string>,
  texts: {
    maintenance_scheduled: {
      email: {
        subject: '[{service}] Pemeliharaan terjadwal: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Waktu: {window}\nLayanan terdampak: {components}',
          'Pekerjaan yang akan kami lakukan:\n{message}',
          'Kami akan mengingatkan Anda sebelum pemeliharaan dimulai. Rincian dan setiap perubahan dapat Anda lihat di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Pemeliharaan terjadwal, {window}: {title}. Layanan terdampak: {components}. {message} {url}' },
      inapp: { title: 'Pemeliharaan terjadwal: {title}', text: '{headline} Waktu: {window}. Layanan terdampak: {components}. {message}' },
    },
    maintenance_reminder: {
      email: {
        subject: '[{service}] Pengingat pemeliharaan: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Waktu: {window}\nLayanan terdampak: {components}',
          'Pekerjaan yang akan kami lakukan:\n{message}',
          'Kami akan mengabari Anda setelah pemeliharaan selesai. Rinciannya ada di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Pengingat: pemeliharaan akan segera dimulai, {window}. Layanan terdampak: {components}. {message} {url}' },
      inapp: { title: 'Pengingat pemeliharaan: {title}', text: '{headline} Waktu: {window}. Layanan terdampak: {components}. {message}' },
    },
    maintenance_started: {
      email: {
        subject: '[{service}] Pemeliharaan berlangsung: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Perkiraan selesai: {scheduledUntil}\nLayanan terdampak: {components}\nStatus: {status}',
          'Pekerjaan yang sedang kami lakukan:\n{message}',
          'Kami akan mengabari Anda setelah pemeliharaan selesai. Ikuti perkembangannya di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Pemeliharaan sedang berlangsung hingga {scheduledUntil}: {components} mungkin tidak dapat digunakan. {message} {url}' },
      inapp: { title: 'Pemeliharaan berlangsung: {title}', text: '{headline} Hingga {scheduledUntil}. Layanan terdampak: {components}. {message}' },
    },
    maintenance_completed: {
      email: {
        subject: '[{service}] Pemeliharaan selesai: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Layanan yang dipelihara: {components}',
          '{message}',
          'Kronologi lengkap dapat Anda lihat di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Pemeliharaan selesai: {components} kembali berjalan normal. {message} {url}' },
      inapp: { title: 'Pemeliharaan selesai: {title}', text: '{headline} {message} {apology}' },
    },
    maintenance_cancelled: {
      email: {
        subject: '[{service}] Pemeliharaan dibatalkan: {title}',
        body: [
          'Halo,',
          '{headline} {apology}',
          'Pemeliharaan ini semula dijadwalkan pada {window} untuk layanan: {components}',
          '{message}',
          'Rinciannya dapat Anda lihat di halaman status kami:\n{url}',
          signOff,
        ].join('\n\n'),
      },
      x: { text: 'Pemeliharaan dibatalkan: pekerjaan yang dijadwalkan pada {scheduledFor} tidak jadi dilakukan. {message} {url}' },
      inapp: { title: 'Pemeliharaan dibatalkan: {title}', text: '{headline} {apology} {message}' },
    },
  } satisfies Record<MaintenanceKind, ChannelTexts>,
};

import type { Config } from '../../../lambdas/core/config/config-schema.js';
import { aConfig } from '../../support/builders.js';
import type { TimelineUpdate } from '../../../lambdas/core/incident/model.js';
import type { RenderContext } from '../../../lambdas/core/messages/types.js';
import { fireMaintenanceTimer, scheduleMaintenance, updateMaintenance } from '../../../lambdas/core/maintenance/maintenance-lifecycle.js';

export { aConfig, aConfigInput } from '../../support/builders.js';

// Modelled on the 11–12 December 2024 outage: a launch-day traffic surge took chat, the API and video
// generation down at 23:16 UTC (06:16 WIB); service was back 4 hours 10 minutes later.
export const outageStartedAt = '2024-12-11T23:16:00.000Z';
export const outageResolvedAt = '2024-12-12T03:26:00.000Z';
export const postmortemPublishedAt = '2024-12-14T02:00:00.000Z';
const outageComponents = { chat: 'major_outage', api: 'major_outage', video: 'major_outage' } as const;

/** An update of the December outage; by default its opening apology. */
export function anUpdate(overrides: Partial<Omit<TimelineUpdate, 'incident'>> & { incident?: Partial<TimelineUpdate['incident']> } = {}): TimelineUpdate {
  const { incident, ...rest } = overrides;
  const seq = rest.seq ?? 1;
  return {
    id: `upd_${seq}`,
    incidentId: 'inc_01JF3ZDEC2024',
    seq,
    kind: 'apology',
    status: 'investigating',
    impact: 'major',
    message: {
      en: "A surge of traffic after today's launch is overwhelming our servers. Engineers are adding capacity now.",
      id: 'Lonjakan lalu lintas setelah peluncuran fitur hari ini membuat server kami kewalahan. Tim teknis sedang menambah kapasitas.',
    },
    channels: ['inapp', 'email', 'x'],
    notify: true,
    createdAt: outageStartedAt,
    ...rest,
    incident: {
      title: 'Chat, API and video generation unavailable',
      // A test that gives its own title means it for every locale.
      ...(incident?.title === undefined ? { titles: { en: 'Chat, API and video generation unavailable', id: 'Chat, API, dan pembuatan video tidak tersedia' } } : {}),
      status: rest.status ?? 'investigating',
      impact: rest.impact ?? 'major',
      components: { ...outageComponents },
      startedAt: outageStartedAt,
      updatedAt: rest.createdAt ?? outageStartedAt,
      resolvedAt: null,
      version: seq,
      ...incident,
    },
  };
}

/** The whole December timeline: apology, two updates, recovery, and the postmortem two days later. */
export function theDecemberOutage(): Record<string, TimelineUpdate> {
  return {
    // A major incident promises its next update within the hour; the apology's promise falls on the
    // next day in UTC but the same day in Jakarta.
    '1-apology': anUpdate({ incident: { nextUpdateBy: '2024-12-12T00:16:00.000Z' } }),
    '2-update-identified': anUpdate({
      seq: 2,
      kind: 'update',
      status: 'identified',
      createdAt: '2024-12-12T00:05:00.000Z',
      incident: { nextUpdateBy: '2024-12-12T01:05:00.000Z' },
      message: {
        en: 'The new telemetry service we deployed overloaded our Kubernetes control plane, so our servers could not find each other. We are rolling it back and bringing clusters up one by one.',
        id: 'Layanan telemetri baru yang kami pasang membebani control plane Kubernetes sehingga server kami tidak dapat saling terhubung. Kami sedang membatalkan perubahan tersebut dan memulihkan klaster satu per satu.',
      },
    }),
    '3-update-monitoring': anUpdate({
      seq: 3,
      kind: 'update',
      status: 'monitoring',
      createdAt: '2024-12-12T02:40:00.000Z',
      incident: { components: { chat: 'degraded_performance', api: 'operational', video: 'partial_outage' }, nextUpdateBy: '2024-12-12T03:40:00.000Z' },
      message: {
        en: 'The API is working again. Chat and video generation are recovering as traffic returns; some requests may still be slow.',
        id: 'API sudah kembali berfungsi. Chat dan pembuatan video sedang pulih seiring kembalinya lalu lintas; sebagian permintaan mungkin masih lambat.',
      },
    }),
    '4-recovery': anUpdate({
      seq: 4,
      kind: 'recovery',
      status: 'resolved',
      createdAt: outageResolvedAt,
      incident: {
        components: { chat: 'operational', api: 'operational', video: 'operational' },
        resolvedAt: outageResolvedAt,
      },
      message: {
        en: 'A new telemetry service overloaded our Kubernetes control plane and took chat, the API and video generation down. We rolled it back and restored every cluster. We are adding safeguards so a change like this cannot take everything down at once.',
        id: 'Layanan telemetri baru membebani control plane Kubernetes kami sehingga chat, API, dan pembuatan video tidak dapat diakses. Perubahan tersebut telah kami batalkan dan seluruh klaster telah dipulihkan. Kami sedang menambahkan pengaman agar perubahan serupa tidak dapat melumpuhkan seluruh layanan sekaligus.',
      },
    }),
    '5-postmortem': anUpdate({
      seq: 5,
      kind: 'postmortem',
      status: 'resolved',
      createdAt: postmortemPublishedAt,
      incident: {
        components: { chat: 'operational', api: 'operational', video: 'operational' },
        resolvedAt: outageResolvedAt,
        updatedAt: postmortemPublishedAt,
      },
      message: {
        en: [
          'At 23:16 UTC on December 11 we deployed a new telemetry service to every cluster at once. Each of its agents queried the Kubernetes API, and together they overloaded the control plane of our largest clusters. Without a working control plane our services could no longer find each other, so chat, the API and video generation stopped answering.',
          'We could not roll the change back quickly, because the tools we use to do that need the very control plane that was overloaded. Engineers cut off access to the API servers, removed the telemetry service and brought the clusters back one by one. Everything was working again at 03:26 UTC.',
          'What we are changing: new cluster-wide services are rolled out one region at a time, control-plane load is tested before a rollout, and we now keep a way into every cluster that does not depend on its control plane.',
        ].join('\n\n'),
        id: [
          'Pada 11 Desember pukul 23.16 UTC, kami memasang layanan telemetri baru di seluruh klaster sekaligus. Setiap agen layanan tersebut mengirim permintaan ke Kubernetes API, dan bersama-sama membebani control plane klaster terbesar kami. Tanpa control plane yang berfungsi, layanan kami tidak dapat saling terhubung sehingga chat, API, dan pembuatan video berhenti merespons.',
          'Perubahan tersebut tidak dapat segera kami batalkan, karena alat yang kami gunakan untuk membatalkannya justru bergantung pada control plane yang sedang terbebani. Tim teknis memutus akses ke server API, menghapus layanan telemetri tersebut, lalu memulihkan klaster satu per satu. Seluruh layanan kembali normal pada pukul 03.26 UTC.',
          'Langkah perbaikan kami: layanan baru untuk seluruh klaster kini dipasang bertahap per wilayah, beban control plane diuji sebelum pemasangan, dan kami menyediakan akses ke setiap klaster yang tidak bergantung pada control plane-nya.',
        ].join('\n\n'),
      },
    }),
  };
}

export function aContext(update: TimelineUpdate = anUpdate(), locale = 'en', config: Config = aConfig()): RenderContext {
  return { update, locale, config };
}

/**
 * A planned database upgrade through the real lifecycle: announced on 20 December, reminded an hour
 * before, started and completed by its timers; and the same window cancelled instead.
 */
export function theDatabaseUpgrade(): Record<string, TimelineUpdate> {
  const config = aConfig();
  const { head: scheduled, update: announced } = scheduleMaintenance(
    {
      title: { en: 'Chat history database upgrade', id: 'Peningkatan basis data riwayat chat' },
      message: {
        en: 'We are moving chat history to a larger database. Chat stays up, but older conversations may be read-only for up to 30 minutes.',
        id: 'Kami memindahkan riwayat chat ke basis data yang lebih besar. Chat tetap berjalan, tetapi percakapan lama mungkin hanya dapat dibaca hingga 30 menit.',
      },
      components: ['chat', 'api'],
      // 01:00–02:00 WIB on 22 December: the quietest hour for Indonesian readers.
      scheduledFor: '2024-12-21T18:00:00.000Z',
      scheduledUntil: '2024-12-21T19:00:00.000Z',
      remindBeforeMinutes: 60,
      autoStart: true,
      autoComplete: true,
      notify: true,
    },
    { maintenanceId: 'mnt_01JFDBUPGRADE0000000000000', updateId: 'upd_m1' },
    '2024-12-20T03:00:00.000Z',
    config,
  );
  const fired = (head: typeof scheduled, kind: 'maintenance-reminder' | 'maintenance-start' | 'maintenance-end', at: string) => {
    const change = fireMaintenanceTimer(head, { kind, version: head.version }, `upd_${kind}`, at, config);
    if ('nothing' in change) throw new Error(`${kind} did nothing: ${change.nothing}`);
    return change;
  };
  const reminded = fired(scheduled, 'maintenance-reminder', '2024-12-21T17:00:00.000Z');
  const started = fired(reminded.head, 'maintenance-start', '2024-12-21T18:00:00.000Z');
  const completed = fired(started.head, 'maintenance-end', '2024-12-21T19:00:00.000Z');
  const cancelled = updateMaintenance(
    scheduled,
    {
      status: 'cancelled',
      message: { en: 'We found a way to do this without any interruption, so the window is no longer needed.', id: 'Kami menemukan cara melakukannya tanpa gangguan, sehingga pemeliharaan ini tidak lagi diperlukan.' },
      notify: true,
    },
    'upd_m5',
    '2024-12-21T09:00:00.000Z',
    config,
  );
  return {
    'm1-maintenance-scheduled': announced,
    'm2-maintenance-reminder': reminded.update,
    'm3-maintenance-started': started.update,
    'm4-maintenance-completed': completed.update,
    'm5-maintenance-cancelled': cancelled.update,
  };
}

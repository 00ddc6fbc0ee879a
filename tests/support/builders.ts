import { parseConfig } from '../../lambdas/core/config/parse-config.js';
import type { Config, ConfigInput } from '../../lambdas/core/config/config-schema.js';
import type { DeclareIncidentInput, AddUpdateInput, PublishPostmortemInput } from '../../lambdas/core/incident/request-schemas.js';

/** The shipped example configuration: Nimbus Chat, English in UTC, Indonesian in WIB, X in English. */
export function aConfigInput(overrides: Partial<ConfigInput> = {}): ConfigInput {
  return {
    serviceName: 'Nimbus Chat',
    statusPageUrl: 'https://status.nimbus.example',
    locales: ['en', 'id'],
    defaultLocale: 'en',
    timeZones: { en: 'UTC', id: 'Asia/Jakarta' },
    components: [
      { id: 'chat', name: 'Chat' },
      { id: 'api', name: 'API' },
      { id: 'video', name: { en: 'Video generation', id: 'Pembuatan video' } },
      { id: 'login', name: { en: 'Login', id: 'Masuk' } },
    ],
    // Tests never wait out real pacing: the senders may go as fast as the local machine lets them.
    channels: { email: { enabled: true, maxSendRate: 1000 }, x: { enabled: true, locales: ['en'] }, inapp: { enabled: true } },
    ...overrides,
  };
}

export function aConfig(overrides: Partial<ConfigInput> = {}): Config {
  return parseConfig(aConfigInput(overrides));
}

/** A declaration body modelled on the December 2024 outage. */
export function aDeclaration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Elevated errors for Chat, API and Video generation',
    impact: 'major',
    message: 'We are seeing elevated error rates across Chat, the API and Video generation and are investigating.',
    components: [
      { id: 'chat', status: 'major_outage' },
      { id: 'api', status: 'partial_outage' },
    ],
    ...overrides,
  };
}

export function anUpdateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    status: 'identified',
    message: 'We found the cause: a configuration change overloaded our servers. We are rolling it back.',
    ...overrides,
  };
}

/** A validated declaration, for core tests that skip HTTP. */
export function aDeclareInput(overrides: Partial<DeclareIncidentInput> = {}): DeclareIncidentInput {
  return {
    title: 'Elevated errors for Chat',
    impact: 'major',
    status: 'investigating',
    message: 'Investigating.',
    notify: true,
    ...overrides,
  };
}

export function anAddUpdateInput(overrides: Partial<AddUpdateInput> = {}): AddUpdateInput {
  return { status: 'identified', message: 'Found it.', notify: true, ...overrides };
}

/** A postmortem body of PUT /v1/incidents/{id}/postmortem, in both shipped locales. */
export function aPostmortemBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    body: {
      en: 'A new telemetry service overloaded our Kubernetes control plane.\n\nWhat we are changing: cluster-wide services now roll out one region at a time.',
      id: 'Layanan telemetri baru membebani control plane Kubernetes kami.\n\nLangkah perbaikan kami: layanan untuk seluruh klaster kini dipasang bertahap per wilayah.',
    },
    ...overrides,
  };
}

export function aPublishPostmortemInput(overrides: Partial<PublishPostmortemInput> = {}): PublishPostmortemInput {
  return { body: 'The cause, and what we are changing.', ...overrides };
}

import { describe, expect, it } from 'vitest';
import { createRequestSchemas } from '../../../lambdas/core/incident/request-schemas.js';
import { applyScenario } from '../../../lambdas/core/incident/apply-scenario.js';
import { declareIncident } from '../../../lambdas/core/incident/lifecycle.js';
import { presentIncident } from '../../../lambdas/core/incident/present-incident.js';
import { parseConfig } from '../../../lambdas/core/config/parse-config.js';
import type { ConfigInput } from '../../../lambdas/core/config/config-schema.js';
import { describeIssues } from '../../../lambdas/core/validation/describe-issues.js';
import { aConfig, aConfigInput } from '../../support/builders.js';

const surge = {
  title: { en: 'Chat overloaded after launch', id: 'Chat kelebihan beban setelah peluncuran' },
  message: { en: 'A surge of sign-ups is overwhelming our servers.', id: 'Lonjakan pendaftaran membebani server kami.' },
  impact: 'major' as const,
  components: [{ id: 'chat', status: 'partial_outage' as const }],
};
const config = aConfig({ scenarios: { 'launch-surge': surge } });
const { declareIncidentSchema } = createRequestSchemas(config);
const ids = { incidentId: 'inc_1', updateId: 'upd_1' };

function issuesOf(input: Partial<ConfigInput>): string[] {
  try {
    parseConfig(aConfigInput(input));
    return [];
  } catch (error) {
    return String((error as Error).message).split('\n').slice(1);
  }
}

describe('a declaration from a scenario', () => {
  it('takes title, impact, message and components from the scenario when the body names only it', () => {
    const input = applyScenario(declareIncidentSchema.parse({ scenario: 'launch-surge' }), config);
    expect(input).toMatchObject({ title: surge.title, impact: 'major', message: surge.message, components: surge.components, status: 'investigating', notify: true });
    const { head } = declareIncident(input, ids, '2026-12-02T10:00:00.000Z', config);
    expect(head).toMatchObject({ title: surge.title.en, titles: surge.title });
  });

  it('keeps what the body gives over the scenario', () => {
    const input = applyScenario(declareIncidentSchema.parse({ scenario: 'launch-surge', impact: 'critical', title: 'Everything is down' }), config);
    expect(input).toMatchObject({ impact: 'critical', title: 'Everything is down', message: surge.message });
  });

  it('refuses an unknown scenario, and a body without one that leaves out title, impact or message, naming each field', () => {
    const unknown = declareIncidentSchema.safeParse({ scenario: 'alien-invasion' });
    expect(describeIssues(unknown.error!.issues).map((issue) => issue.path)).toEqual(['scenario']);
    const bare = declareIncidentSchema.safeParse({ status: 'investigating' });
    expect(describeIssues(bare.error!.issues).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'title: is required unless the body names a scenario',
      'impact: is required unless the body names a scenario',
      'message: is required unless the body names a scenario',
    ]);
  });

  it('refuses a scenario when the configuration has none', () => {
    const { declareIncidentSchema: withoutScenarios } = createRequestSchemas(aConfig());
    const result = withoutScenarios.safeParse({ scenario: 'launch-surge' });
    expect(describeIssues(result.error!.issues)[0]!.message).toContain('the configuration has none');
  });
});

describe('a localized title', () => {
  it('is stored in every locale, the default one as title, a missing locale falling back to it', () => {
    const input = applyScenario(declareIncidentSchema.parse({ title: { en: 'Login failing' }, impact: 'minor', message: 'Investigating.' }), config);
    const { head, update } = declareIncident(input, ids, '2026-12-02T10:00:00.000Z', config);
    expect(head.titles).toEqual({ en: 'Login failing', id: 'Login failing' });
    const answer = presentIncident(head, [update], config);
    expect(answer.title).toBe('Login failing');
    expect(answer.titles).toEqual({ en: 'Login failing', id: 'Login failing' });
  });

  it('must hold the default locale and only configured ones, and is cleaned like any title', () => {
    expect(declareIncidentSchema.safeParse({ title: { id: 'Hanya Indonesia' }, impact: 'minor', message: 'x' }).success).toBe(false);
    expect(declareIncidentSchema.safeParse({ title: { en: 'A', fr: 'B' }, impact: 'minor', message: 'x' }).success).toBe(false);
    expect(declareIncidentSchema.parse({ title: { en: 'Chat\u202E down', id: 'Chat\u0000 mati\r\n' }, impact: 'minor', message: 'x' }).title).toEqual({ en: 'Chat down', id: 'Chat mati' });
  });

  it('answers titles in every locale for incidents stored before titles were localized', () => {
    const { head, update } = declareIncident(applyScenario(declareIncidentSchema.parse({ title: 'Old', impact: 'minor', message: 'x' }), config), ids, '2026-12-02T10:00:00.000Z', config);
    const { titles: _titles, ...stored } = head;
    expect(presentIncident(stored, [update], config).titles).toEqual({ en: 'Old', id: 'Old' });
  });
});

describe('component names and scenarios in the configuration', () => {
  it('answers a component with its name in the default locale and in every locale', () => {
    const { head, update } = declareIncident(applyScenario(declareIncidentSchema.parse({ title: 'T', impact: 'minor', message: 'x', components: [{ id: 'video', status: 'major_outage' }] }), config), ids, '2026-12-02T10:00:00.000Z', config);
    expect(presentIncident(head, [update], config).components).toEqual([
      { id: 'video', name: 'Video generation', names: { en: 'Video generation', id: 'Pembuatan video' }, status: 'major_outage' },
    ]);
  });

  it('refuses a component name map without the default locale or with a locale not configured', () => {
    expect(issuesOf({ components: [{ id: 'chat', name: { id: 'Obrolan' } }] })).toEqual(['  - components.0.name: must hold the default locale "en" (the other locales fall back to it)']);
    expect(issuesOf({ components: [{ id: 'chat', name: { en: 'Chat', fr: 'Discussion' } }] })).toEqual(['  - components.0.name.fr: "fr" is not one of locales']);
  });

  it('refuses a scenario missing a locale, with a title that is not one clean line, or naming an unknown component', () => {
    const issues = issuesOf({
      scenarios: {
        broken: {
          title: { en: 'Two\nlines', id: 'Judul' },
          message: { en: 'Only English.' },
          impact: 'major',
          components: [{ id: 'billing', status: 'major_outage' }],
        },
      },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('scenarios.broken.title.en: must be one line without control'),
        expect.stringContaining('scenarios.broken.message.id: is missing'),
        expect.stringContaining('scenarios.broken.components.0.id: "billing" is not a configured component'),
      ]),
    );
  });
});

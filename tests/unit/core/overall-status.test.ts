import { describe, expect, it } from 'vitest';
import { componentStatusesFromOpenIncidents, overallStatus } from '../../../lambdas/core/incident/overall-status.js';
import type { IncidentHead } from '../../../lambdas/core/incident/model.js';
import { aConfig } from '../../support/builders.js';

const config = aConfig();

function anOpenIncident(components: IncidentHead['components'], status: IncidentHead['status'] = 'investigating'): IncidentHead {
  const at = '2024-12-12T07:02:11.000Z';
  return { id: 'inc_x', title: 't', status, impact: 'major', components, startedAt: at, updatedAt: at, resolvedAt: null, version: 1 };
}

describe('overall status', () => {
  it('is operational with no open incident', () => {
    const components = componentStatusesFromOpenIncidents([], config);
    expect(components.every((component) => component.status === 'operational')).toBe(true);
    expect(overallStatus(components)).toBe('operational');
  });

  it('takes the worst status any open incident gives a component', () => {
    const components = componentStatusesFromOpenIncidents(
      [anOpenIncident({ chat: 'degraded_performance' }), anOpenIncident({ chat: 'major_outage', api: 'partial_outage' })],
      config,
    );
    expect(components.find((component) => component.id === 'chat')?.status).toBe('major_outage');
    expect(overallStatus(components)).toBe('major_outage');
  });

  it('ignores resolved incidents', () => {
    const components = componentStatusesFromOpenIncidents([anOpenIncident({ chat: 'major_outage' }, 'resolved')], config);
    expect(overallStatus(components)).toBe('operational');
  });

  it('shows maintenance as degraded in the banner', () => {
    expect(overallStatus([{ status: 'under_maintenance' }])).toBe('degraded_performance');
  });
});

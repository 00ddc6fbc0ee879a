import type { Config } from '../config/config-schema.js';
import type { DeclareIncidentBody, DeclareIncidentInput } from './request-schemas.js';

/**
 * The declaration with its scenario's title, impact, message and components for whatever the body
 * left out. The body schema has checked that a body without a scenario gives the three required
 * fields and that a named scenario is configured.
 *
 * @example
 * applyScenario({ scenario: 'launch-surge', status: 'investigating', notify: true, impact: 'critical' }, config);
 * // the launch-surge scenario's titles, message and components, with impact critical
 */
export function applyScenario(body: DeclareIncidentBody, config: Pick<Config, 'scenarios'>): DeclareIncidentInput {
  const { scenario: scenarioId, ...declared } = body;
  const scenario = scenarioId === undefined ? undefined : config.scenarios[scenarioId];
  const title = declared.title ?? scenario?.title;
  const impact = declared.impact ?? scenario?.impact;
  const message = declared.message ?? scenario?.message;
  if (title === undefined || impact === undefined || message === undefined) {
    throw new Error(`a declaration reached applyScenario without title, impact or message and without a configured scenario (${scenarioId ?? 'none'}): the body schema should have refused it`);
  }
  const components = declared.components ?? scenario?.components;
  return { ...declared, title, impact, message, ...(components ? { components } : {}) };
}

import * as z from 'zod/mini';
import '../validation/english-issues.js';
import type { Config } from '../config/config-schema.js';
import { componentStatusSchema, impactSchema } from './vocabulary.js';

export const scenarioAnswerSchema = z.object({
  id: z.string(),
  /** In the default locale. */
  title: z.string(),
  titles: z.record(z.string(), z.string()),
  message: z.record(z.string(), z.string()),
  impact: impactSchema,
  components: z.array(z.object({ id: z.string(), status: componentStatusSchema })),
});

export const scenarioListSchema = z.object({ items: z.array(scenarioAnswerSchema) });

export type ScenarioList = z.infer<typeof scenarioListSchema>;

/** The configured scenarios as `GET /v1/scenarios` answers them, in configuration order. */
export function presentScenarios(config: Pick<Config, 'scenarios' | 'defaultLocale'>): ScenarioList {
  return {
    items: Object.entries(config.scenarios).map(([id, scenario]) => ({
      id,
      title: scenario.title[config.defaultLocale] ?? '',
      titles: scenario.title,
      message: scenario.message,
      impact: scenario.impact,
      components: scenario.components ?? [],
    })),
  };
}

import type { ApiOperations } from '../../../core/api/api-contract.js';
import { presentScenarios } from '../../../core/incident/scenario-answer.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** `GET /v1/scenarios`: what a commander can declare from, every text in every locale. */
export async function listScenariosRoute({ deps }: RouteInput<ApiOperations['listScenarios']>) {
  return json(200, presentScenarios(deps.config), { 'cache-control': 'no-store' });
}

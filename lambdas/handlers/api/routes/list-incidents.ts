import { z } from 'zod';
import { InvalidCursor } from '../../../adapters/dynamo/page-cursor.js';
import { presentIncident } from '../../../core/incident/present-incident.js';
import type { RouteContext } from '../route.js';
import { json } from '../http.js';
import { HttpProblem } from '../problem.js';
import { readQuery } from '../read-query.js';

export const listIncidentsQuerySchema = z.strictObject({
  state: z.enum(['open', 'resolved', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** `GET /v1/incidents`: newest first, each with its timeline, one page at a time. */
export async function listIncidentsRoute({ deps, query }: RouteContext) {
  const { state, limit, cursor } = readQuery(query, listIncidentsQuerySchema);
  let page;
  try {
    page = await deps.incidents.listIncidents(state, limit, cursor);
  } catch (error) {
    if (error instanceof InvalidCursor) {
      throw new HttpProblem(400, 'invalid-cursor', error.message, [{ path: 'query.cursor', message: error.message }]);
    }
    throw error;
  }
  const items = await Promise.all(
    page.heads.map(async (head) => {
      const stored = await deps.incidents.getIncident(head.id);
      return presentIncident(stored?.head ?? head, stored?.updates ?? [], deps.config);
    }),
  );
  return json(200, { items, nextCursor: page.nextCursor }, { 'cache-control': 'public, max-age=5' });
}

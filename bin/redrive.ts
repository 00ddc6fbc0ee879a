// `npm run redrive -- <incident-id> [--seq N] [--channel x|inapp]`: sends an incident's failed X and
// in-app deliveries again through POST /v1/incidents/{id}/deliveries/redrive. The API is
// INCIDENT_COMMS_API_URL (deployed: the stack output ApiUrl; default the local runtime's
// http://127.0.0.1:3000) and the commander's bearer token COMMANDER_TOKEN.
import { parseArgs } from 'node:util';
import { redriveAnswerSchema, redriveBodySchema } from '../lambdas/core/delivery/redrive-request.js';

const usage = 'usage: npm run redrive -- <incident-id> [--seq N] [--channel x|inapp]   (INCIDENT_COMMS_API_URL, COMMANDER_TOKEN)';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { seq: { type: 'string' }, channel: { type: 'string' } } });
  const [incidentId] = positionals;
  const token = process.env['COMMANDER_TOKEN'];
  if (!incidentId || positionals.length > 1 || !token) {
    console.error(token ? usage : `COMMANDER_TOKEN is not set: the commander's bearer token.\n${usage}`);
    return 2;
  }
  const body = redriveBodySchema.safeParse({ ...(values.seq === undefined ? {} : { seq: Number(values.seq) }), ...(values.channel === undefined ? {} : { channel: values.channel }) });
  if (!body.success) {
    console.error(`${body.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ')}\n${usage}`);
    return 2;
  }
  const api = (process.env['INCIDENT_COMMS_API_URL'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const response = await fetch(`${api}/v1/incidents/${encodeURIComponent(incidentId)}/deliveries/redrive`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body.data),
  });
  const text = await response.text();
  if (response.status !== 202) {
    console.error(`the API answered ${response.status}: ${text}`);
    return 1;
  }
  const { redriven } = redriveAnswerSchema.parse(JSON.parse(text));
  if (redriven.length === 0) console.log(`nothing to redrive: no failed X or in-app delivery of ${incidentId} matches`);
  for (const row of redriven) console.log(`redriven: update ${row.seq}, ${row.channel}, ${row.locale}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

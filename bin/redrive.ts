// `npm run redrive -- <incident-id> [--seq N] [--channel x|inapp]`: sends an incident's failed X and
// in-app deliveries again through POST /v1/incidents/{id}/deliveries/redrive. The API is
// INCIDENT_COMMS_API_URL (deployed: the stack output ApiUrl; default the local runtime's
// http://127.0.0.1:3000) and the commander's bearer token COMMANDER_TOKEN.
// `npm run redrive -- --dead-letters`: the local runtime hands its dead-letter file back to the
// queues and the fan-out (deployed, SQS's DLQ redrive does that: docs/operations.md).
import { parseArgs } from 'node:util';
import { redriveAnswerSchema, redriveBodySchema } from '../lambdas/core/delivery/redrive-request.js';
import { deadLetterReplaySchema } from '../local/pipeline/dead-letter-replay.js';

const usage = 'usage: npm run redrive -- <incident-id> [--seq N] [--channel x|inapp]\n       npm run redrive -- --dead-letters   (local runtime)\n(INCIDENT_COMMS_API_URL, COMMANDER_TOKEN)';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { seq: { type: 'string' }, channel: { type: 'string' }, 'dead-letters': { type: 'boolean' } },
  });
  const [incidentId] = positionals;
  const token = process.env['COMMANDER_TOKEN'];
  const api = (process.env['INCIDENT_COMMS_API_URL'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  if (token && values['dead-letters'] && positionals.length === 0) return replayDeadLetters(api, token);
  if (!incidentId || positionals.length > 1 || !token || values['dead-letters']) {
    console.error(token ? usage : `COMMANDER_TOKEN is not set: the commander's bearer token.\n${usage}`);
    return 2;
  }
  const body = redriveBodySchema.safeParse({ ...(values.seq === undefined ? {} : { seq: Number(values.seq) }), ...(values.channel === undefined ? {} : { channel: values.channel }) });
  if (!body.success) {
    console.error(`${body.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ')}\n${usage}`);
    return 2;
  }
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

async function replayDeadLetters(api: string, token: string): Promise<number> {
  const response = await fetch(`${api}/local/dead-letters/replay`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status === 404) {
    console.error(`${api} is not the local runtime: deployed, redrive a dead-letter queue with SQS (docs/operations.md, "Redriving a dead-letter queue").`);
    return 1;
  }
  if (response.status !== 200) {
    console.error(`the local runtime answered ${response.status}: ${text}`);
    return 1;
  }
  const { replayed, kept } = deadLetterReplaySchema.parse(JSON.parse(text));
  if (replayed.length === 0 && kept === 0) console.log('the dead-letter file is empty: nothing to replay');
  for (const entry of replayed) console.log(`replayed: a ${entry.source === 'queue' ? `message of the ${entry.from} queue` : 'stream record'} dead since ${entry.deadAt}`);
  if (kept > 0) console.log(`${kept} entr${kept === 1 ? 'y' : 'ies'} could not be handed back and stay in the dead-letter file`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

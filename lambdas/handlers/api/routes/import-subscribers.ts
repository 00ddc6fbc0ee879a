import type { ApiOperations } from '../../../core/api/api-contract.js';
import { normalizeAddress } from '../../../core/email/normalize-address.js';
import { decideImport } from '../../../core/subscribers/import-decision.js';
import type { ImportResult, SubscribeInput } from '../../../core/subscribers/subscription-schemas.js';
import { describeIssues } from '../../../core/validation/describe-issues.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { json } from '../http.js';
import type { RouteInput } from '../route.js';

/** Addresses imported side by side: 1,000 of them fit well inside the function's 10 s this way. */
const parallelImports = 25;

/**
 * `POST /v1/subscribers/import`: adds a list of addresses, each checked on its own, so a bad entry is
 * reported by its index without refusing the rest. An address already on the list (or twice in the
 * same list) is left as it is; a new one is `confirmed` at once when the operator attests an earlier
 * opt-in (`confirmed: true`), else `pending` with a confirmation mail.
 */
export async function importSubscribersRoute({ deps, body }: RouteInput<ApiOperations['importSubscribers']>) {
  const result: ImportResult = { imported: 0, unchanged: 0, invalid: [] };
  const entries = new Map<string, SubscribeInput>();
  body.subscribers.forEach((raw, index) => {
    const checked = deps.schemas.importedSubscriber.safeParse(raw);
    if (!checked.success) {
      const message = describeIssues(checked.error.issues).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
      result.invalid.push({ index, message });
      return;
    }
    const email = normalizeAddress(checked.data.email);
    if (entries.has(email)) result.unchanged++;
    else entries.set(email, { ...checked.data, email });
  });
  const queue = [...entries.values()];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      if (await importOne(deps, entry, body.confirmed)) result.imported++;
      else result.unchanged++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelImports, queue.length) }, worker));
  return json(200, result, { 'cache-control': 'no-store' });
}

/**
 * True when the address was added; false when it was already on the list (the store's create is
 * conditional on the address being free, so no read is needed first, and a subscribe racing the
 * import for the same address simply wins).
 */
function importOne(deps: ApiDependencies, entry: SubscribeInput, confirmed: boolean): Promise<boolean> {
  const change = decideImport(entry, confirmed, { now: deps.clock().toISOString(), ids: deps.ids, config: deps.config });
  return deps.subscribers.create(change.subscriber, change.mail);
}

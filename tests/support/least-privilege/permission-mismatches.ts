import type { TableKind } from '../../../lib/table-access.js';
import type { AwsCallsOfFunction } from './aws-calls-of.js';
import type { GrantedPermission } from './granted-permissions.js';

const tableNames: Readonly<Record<TableKind, string>> = { main: 'the main table', recipient: 'the recipient table' };

/**
 * Where a function's policy and its code disagree, one readable line each (none when they agree):
 * a call its code can make that no statement grants; a grant (other than Lambda's own, see
 * `grantedPermissionsOf`) that no call needs; a DynamoDB grant on a table not held to partitions by
 * `dynamodb:LeadingKeys`, or held to other partitions than those the code builds keys in. DynamoDB is
 * compared per table, and a table apart from its indexes; other services per action.
 *
 * @example
 * permissionMismatches(awsCallsOf(['fanout']).get('fanout')!, grantedPermissionsOf(template, fanoutId));
 * // ['dynamodb:Scan on the main table: called at lambdas/adapters/dynamo/…:12 ScanCommand, not granted']
 */
export function permissionMismatches(derived: AwsCallsOfFunction, granted: readonly GrantedPermission[]): string[] {
  const mismatches = [...derived.problems];
  const keyOf = (permission: { action: string; table?: TableKind; index?: boolean }) =>
    permission.table ? `${permission.action} on ${permission.index ? `an index of ${tableNames[permission.table]}` : tableNames[permission.table]}` : permission.action;

  const calledAt = new Map<string, string[]>();
  for (const call of derived.calls) calledAt.set(keyOf(call), [...(calledAt.get(keyOf(call)) ?? []), call.site]);
  const grantedKeys = new Set(granted.map((permission) => (permission.action.startsWith('dynamodb:') && !permission.table ? `${permission.action} on ${permission.resource}` : keyOf(permission))));

  for (const [key, sites] of calledAt) {
    if (!grantedKeys.has(key)) mismatches.push(`${key}: called at ${sites.join(', ')}, not granted`);
  }
  for (const permission of granted) {
    if (permission.platform) continue;
    const key = permission.action.startsWith('dynamodb:') && !permission.table ? `${permission.action} on ${permission.resource}` : keyOf(permission);
    if (!calledAt.has(key)) mismatches.push(`${key}: granted on ${permission.resource}, never called`);
    if (permission.otherConditions !== undefined) mismatches.push(`${key}: granted under a condition this comparison does not read: ${JSON.stringify(permission.otherConditions)}`);
  }

  for (const table of Object.keys(tableNames) as TableKind[]) {
    const onTable = granted.filter((permission) => permission.table === table && !permission.index);
    if (onTable.length === 0) continue;
    for (const permission of onTable.filter((candidate) => candidate.leadingKeys === undefined)) {
      mismatches.push(`${permission.action} on ${tableNames[table]}: not held to partitions by a dynamodb:LeadingKeys condition`);
    }
    const admitted = new Set(onTable.flatMap((permission) => (permission.leadingKeys ?? []).map((pattern) => pattern.replace(/\*$/, ''))));
    const built = new Map<string, string[]>();
    for (const use of derived.partitions.filter((candidate) => candidate.table === table)) built.set(use.prefix, [...(built.get(use.prefix) ?? []), use.site]);
    for (const [prefix, sites] of built) {
      if (!admitted.has(prefix)) mismatches.push(`${tableNames[table]}: keys starting ${prefix} are built at ${sites.join(', ')}, but no dynamodb:LeadingKeys condition admits them`);
    }
    for (const prefix of admitted) {
      if (!built.has(prefix)) mismatches.push(`${tableNames[table]}: dynamodb:LeadingKeys admits ${prefix}*, but the code builds no key starting ${prefix}`);
    }
  }
  return mismatches;
}

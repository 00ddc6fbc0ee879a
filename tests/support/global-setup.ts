import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import type { DynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/**
 * The run's one DynamoDB Local. Vitest runs this global setup once per project that lists it (see
 * vitest.config.ts), and only when that project has files to run; every such project gets the same
 * instance, which stops when the last of them tears down. Kept on globalThis because each project may
 * load this module separately, all in the one main process.
 */
interface Shared {
  readonly started: Promise<DynamoDbLocal>;
  users: number;
}

const key = Symbol.for('incident-comms.tests.dynamoDbLocal');
const slot = globalThis as { [key]?: Shared };

/** One DynamoDB Local for the whole run; each test file makes its own table in it. */
export default async function setup(project: TestProject) {
  const shared = (slot[key] ??= { started: startDynamoDbLocal(), users: 0 });
  shared.users += 1;
  let dynamo: DynamoDbLocal;
  try {
    dynamo = await shared.started;
  } catch (error) {
    release(shared);
    throw error;
  }
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    if (release(shared)) await dynamo.stop();
  };
}

/** One project is done with it; true when it was the last. */
function release(shared: Shared): boolean {
  shared.users -= 1;
  if (shared.users > 0) return false;
  if (slot[key] === shared) delete slot[key];
  return true;
}

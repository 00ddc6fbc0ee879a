import type { InitializeHandler, InitializeHandlerArguments, InitializeHandlerOutput, MetadataBearer, Pluggable } from '@smithy/types';
import { StoreUnavailable } from '../../core/ports/store-errors.js';

/** Connection errors of Node's sockets and DNS: the table was never reached. */
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** DynamoDB's answers that mean "not now" rather than "no". */
const notNowNames = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'InternalServerError', 'ServiceUnavailable', 'TimeoutError']);

/**
 * Turns a DynamoDB call that failed for want of DynamoDB (after the SDK's own retries, which run
 * inside this step) into `StoreUnavailable`, so a route answers 503 with Retry-After instead of a
 * fault of ours, and a handler's retry knows nothing was decided. Conditional check failures and
 * every other answer pass through untouched.
 *
 * @example
 * documentClient.middlewareStack.use(storeUnavailableMiddleware);
 */
export const storeUnavailableMiddleware: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.add(
      (next: InitializeHandler<object, MetadataBearer>) =>
        async (args: InitializeHandlerArguments<object>): Promise<InitializeHandlerOutput<MetadataBearer>> => {
          try {
            return await next(args);
          } catch (error) {
            if (isUnavailable(error)) throw new StoreUnavailable(`DynamoDB did not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
            throw error;
          }
        },
      { step: 'initialize', name: 'storeUnavailable', priority: 'high' },
    );
  },
};

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
  if (unreachable(error) || unreachable(error.cause)) return true;
  if (notNowNames.has(error.name)) return true;
  return ($metadata?.httpStatusCode ?? 0) >= 500;
}

function unreachable(error: unknown): boolean {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return code !== undefined && unreachableCodes.has(code);
}

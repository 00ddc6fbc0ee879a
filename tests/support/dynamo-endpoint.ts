import { inject } from 'vitest';

let ownEndpoint: string | undefined;

/**
 * The DynamoDB Local this test file works in: the file's own when its project starts one per file
 * (tests/support/dynamodb-local-per-file.ts), else its project's (tests/support/global-setup.ts).
 */
export function dynamoEndpoint(): string {
  return ownEndpoint ?? inject('dynamoEndpoint');
}

/** Called by the per-file setup once the file's own DynamoDB Local answers. */
export function useOwnDynamoDbLocal(endpoint: string): void {
  ownEndpoint = endpoint;
}

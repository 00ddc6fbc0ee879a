import { configDefaults, defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

// `npm test` runs every project; `npm test -- --project unit` (or infra) runs one, without Java.
// Keep local/bootstrap.mjs's `projectsWithoutJava` in step with the projects below that have no
// DynamoDB Local.

const timeouts = { testTimeout: 30_000, hookTimeout: 120_000 };

/**
 * A project of the files in `include`. One that `withDynamoDbLocal` runs tests/support/global-setup.ts,
 * which starts DynamoDB Local (Java) the first time such a project has files to run and shares that
 * one instance with every such project through `inject('dynamoEndpoint')`.
 */
function project(
  name: string,
  include: string[],
  options: { withDynamoDbLocal?: boolean; exclude?: string[] } = {},
): TestProjectInlineConfiguration {
  return {
    test: {
      name,
      include,
      exclude: [...configDefaults.exclude, ...(options.exclude ?? [])],
      ...timeouts,
      ...(options.withDynamoDbLocal ? { globalSetup: ['tests/support/global-setup.ts'] } : {}),
    },
  };
}

export default defineConfig({
  test: {
    ...timeouts,
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    projects: [
      project('unit', ['tests/unit/**/*.test.ts']), // core and handlers: no Java, seconds
      project('infra', ['tests/infra/**/*.test.ts']), // the synthesized stack: no Java
      project('integration', ['tests/integration/**/*.test.ts'], { withDynamoDbLocal: true }),
      project('e2e', ['tests/e2e/**/*.test.ts'], { withDynamoDbLocal: true, exclude: ['tests/e2e/browser/**'] }),
      project('browser', ['tests/e2e/browser/**/*.test.ts'], { withDynamoDbLocal: true }), // + Chromium
      project('hostile', ['tests/hostile/**/*.test.ts'], { withDynamoDbLocal: true }),
    ],
  },
});

import { configDefaults, defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

// `npm test` runs every project; `npm test -- --project unit` (or infra, or aws) runs one, without Java.
// Keep local/bootstrap.mjs's `projectsWithoutJava` in step with the projects below that have no
// DynamoDB Local.

const timeouts = { testTimeout: 30_000, hookTimeout: 120_000 };

/**
 * A project of the files in `include`. `dynamoDbLocal: 'per-project'` runs tests/support/global-setup.ts,
 * which starts a DynamoDB Local (Java) of that project's own when it has files to run, and hands its
 * endpoint to the tests through `inject('dynamoEndpoint')`; `'per-file'` gives every file its own
 * (tests/support/dynamodb-local-per-file.ts), for files heavy enough to slow the next one down.
 * `globalSetup` runs once before the project's files; `nativeImports` are files Node imports itself.
 */
function project(
  name: string,
  include: string[],
  options: { dynamoDbLocal?: 'per-project' | 'per-file'; exclude?: string[]; globalSetup?: string; nativeImports?: RegExp[] } = {},
): TestProjectInlineConfiguration {
  return {
    test: {
      name,
      include,
      exclude: [...configDefaults.exclude, ...(options.exclude ?? [])],
      ...timeouts,
      ...(options.dynamoDbLocal === 'per-project' ? { globalSetup: ['tests/support/global-setup.ts'] } : {}),
      ...(options.globalSetup ? { globalSetup: [options.globalSetup] } : {}),
      ...(options.nativeImports ? { server: { deps: { external: options.nativeImports } } } : {}),
      ...(options.dynamoDbLocal === 'per-file' ? { setupFiles: ['tests/support/dynamodb-local-per-file.ts'] } : {}),
    },
  };
}

export default defineConfig({
  test: {
    ...timeouts,
    // Two files at a time, on the 2-core machines this runs on too: most of a file's time is waiting
    // (DynamoDB Local, Chromium, moto, a child runtime), which vitest's default of cores − 1 wastes.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    projects: [
      project('unit', ['tests/unit/**/*.test.ts']), // core and handlers: no Java, seconds
      project('infra', ['tests/infra/**/*.test.ts']), // the synthesized stack: no Java
      project('integration', ['tests/integration/**/*.test.ts'], { dynamoDbLocal: 'per-project' }),
      project('e2e', ['tests/e2e/**/*.test.ts'], { dynamoDbLocal: 'per-project', exclude: ['tests/e2e/browser/**'] }),
      project('browser', ['tests/e2e/browser/**/*.test.ts'], { dynamoDbLocal: 'per-project' }), // + Chromium
      project('hostile', ['tests/hostile/**/*.test.ts'], { dynamoDbLocal: 'per-file' }),
      // The bundled functions against moto (Python), no Java: the stack is synthesized once for all its
      // files, and Node imports the bundles as Lambda would, without Vite transforming them.
      project('aws', ['tests/aws/**/*.test.ts'], { globalSetup: 'tests/support/bundled-assembly-setup.ts', nativeImports: [/\/asset\.[0-9a-f]{64}\//] }),
    ],
  },
});

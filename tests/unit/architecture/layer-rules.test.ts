import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importSpecifiers, readImportGraph, resolveImport } from './import-graph.js';
import { layerViolations, type ImportGraphEntry } from './layer-rules.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const checkedFolders = ['lambdas', 'lib', 'bin', 'local', 'web'];

/** A graph that keeps every rule: what the finished refactor should look like. */
const correctGraph: ImportGraphEntry[] = [
  { file: 'lambdas/core/incident/lifecycle.ts', imports: ['lambdas/core/incident/model.ts', 'zod', 'zod/mini'] },
  { file: 'lambdas/core/messages/weigh-x-post.ts', imports: ['twitter-text', 'lambdas/core/messages/types.ts'] },
  { file: 'lambdas/core/ports/incident-store.ts', imports: ['lambdas/core/incident/model.ts'] },
  {
    file: 'lambdas/adapters/dynamo/incident-store.ts',
    imports: ['@aws-sdk/lib-dynamodb', 'node:crypto', 'lambdas/core/ports/incident-store.ts', 'lambdas/adapters/dynamo/item-keys.ts'],
  },
  { file: 'lambdas/handlers/api/routes/get-incident.ts', imports: ['lambdas/core/ports/incident-store.ts', 'lambdas/handlers/api/http.ts', 'aws-lambda'] },
  {
    file: 'lambdas/handlers/api.ts',
    imports: ['lambdas/adapters/dynamo/incident-store.ts', 'lambdas/handlers/api/create-api-handler.ts', './incident-comms.config.json'],
  },
  { file: 'lib/api.ts', imports: ['aws-cdk-lib', 'node:path', 'lambdas/core/config/config-schema.ts', 'lib/lambda-function.ts'] },
  { file: 'bin/incident-comms.ts', imports: ['lib/incident-comms-stack.ts', 'aws-cdk-lib'] },
  { file: 'local/main.ts', imports: ['lambdas/handlers/api/create-api-handler.ts', 'lambdas/adapters/dynamo/incident-store.ts', 'node:http'] },
  { file: 'web/status.js', imports: ['web/page-elements.js'] },
];

function violationsOf(file: string, ...imports: string[]): string[] {
  return layerViolations([{ file, imports }]);
}

describe('layer rules', () => {
  it('the source tree keeps the layer rules', () => {
    const graph = readImportGraph(repositoryRoot, checkedFolders);
    // The reader must actually see the tree, or an empty graph would pass trivially.
    for (const folder of ['lambdas/core/', 'lambdas/adapters/', 'lambdas/handlers/', 'lib/', 'bin/', 'local/', 'web/']) {
      expect(graph.some(({ file }) => file.startsWith(folder)), `no source files read under ${folder}`).toBe(true);
    }
    const violations = layerViolations(graph);
    expect(violations, `${violations.length} layer violation(s):\n${violations.join('\n')}\n`).toEqual([]);
  });

  it('a graph that keeps every rule has no violations', () => {
    expect(layerViolations(correctGraph)).toEqual([]);
  });

  describe('rule 1: core imports nothing outside core, except zod, twitter-text and ipaddr.js', () => {
    it('catches core importing an adapter', () => {
      const violations = violationsOf('lambdas/core/incident/lifecycle.ts', 'lambdas/adapters/dynamo/incident-store.ts');
      expect(violations).toHaveLength(1);
      expect(violations[0]).toMatch(/^lambdas\/core\/incident\/lifecycle\.ts imports lambdas\/adapters\/dynamo\/incident-store\.ts: rule 1 — core imports nothing outside/);
    });

    it.each([
      ['a Node built-in', 'node:crypto'],
      ['a bare Node built-in', 'fs/promises'],
      ['the AWS SDK', '@aws-sdk/lib-dynamodb'],
      ['Powertools', '@aws-lambda-powertools/logger'],
      ['another package', 'ulid'],
      ['a file at the repository root', './incident-comms.config.json'],
      ['a computed import', '<import(name)>'],
    ])('catches core importing %s', (_what, specifier) => {
      const violations = violationsOf('lambdas/core/messages/format-instant.ts', specifier);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain(': rule 1 — ');
    });

    it('lets core import core, zod (with subpaths), twitter-text and ipaddr.js', () => {
      expect(
        violationsOf('lambdas/core/messages/weigh-x-post.ts', 'lambdas/core/messages/types.ts', 'zod', 'zod/mini', 'twitter-text', 'ipaddr.js'),
      ).toEqual([]);
    });
  });

  describe('rule 2: adapters never import handlers, local, lib or bin', () => {
    it.each(['lambdas/handlers/api/problem.ts', 'lambdas/handlers/api.ts', 'lib/store.ts', 'bin/incident-comms.ts'])(
      'catches an adapter importing %s',
      (target) => {
        const violations = violationsOf('lambdas/adapters/dynamo/incident-store.ts', target);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toBe(
          `lambdas/adapters/dynamo/incident-store.ts imports ${target}: rule 2 — adapters never import lambdas/handlers, local, lib or bin`,
        );
      },
    );

    it('catches an adapter importing local (also rule 7)', () => {
      const violations = violationsOf('lambdas/adapters/clock.ts', 'local/free-port.ts');
      expect(violations.map((line) => /rule (\d)/.exec(line)?.[1])).toEqual(['2', '7']);
    });

    it('lets adapters import core, other adapters, the AWS SDK and Node', () => {
      expect(
        violationsOf('lambdas/adapters/dynamo/incident-store.ts', 'lambdas/core/incident/model.ts', 'lambdas/adapters/dynamo/item-keys.ts', '@aws-sdk/lib-dynamodb', 'node:fs'),
      ).toEqual([]);
    });
  });

  describe('rule 3: handlers never import local, lib or bin', () => {
    it.each([
      ['lambdas/handlers/api.ts', 'lib/lambda-function.ts'],
      ['lambdas/handlers/api/route.ts', 'bin/incident-comms.ts'],
    ])('catches %s importing %s', (file, target) => {
      const violations = violationsOf(file, target);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain(`${file} imports ${target}: rule 3 — `);
    });

    it('catches a handler importing local (also rule 7)', () => {
      const violations = violationsOf('lambdas/handlers/x-channel.ts', 'local/pipeline/local-queue.ts');
      expect(violations.map((line) => /rule (\d)/.exec(line)?.[1])).toEqual(['3', '7']);
    });

    it('lets handlers import core, handler logic and the repository-root config', () => {
      expect(
        violationsOf('lambdas/handlers/fanout.ts', 'lambdas/core/delivery/plan-deliveries.ts', 'lambdas/handlers/fanout/create-fanout-handler.ts', './incident-comms.config.json'),
      ).toEqual([]);
    });
  });

  describe('rule 4: only the composition roots lambdas/handlers/*.ts import adapters', () => {
    it.each([
      ['lambdas/handlers/x/create-x-channel-handler.ts', 'lambdas/adapters/x/x-poster.ts'],
      ['lambdas/handlers/api/routes/get-incident.ts', 'lambdas/adapters/dynamo/incident-store.ts'],
    ])('catches handler logic %s importing %s', (file, target) => {
      const violations = violationsOf(file, target);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain(`${file} imports ${target}: rule 4 — `);
    });

    it('lets composition roots import adapters and handler logic import core ports', () => {
      expect(violationsOf('lambdas/handlers/x-channel.ts', 'lambdas/adapters/x/secret-x-poster.ts')).toEqual([]);
      expect(violationsOf('lambdas/handlers/x/create-x-channel-handler.ts', 'lambdas/core/ports/x-poster.ts')).toEqual([]);
    });
  });

  describe('rule 5: lib and bin never import handlers', () => {
    it.each([
      ['lib/api.ts', 'lambdas/handlers/api/openapi-document.ts'],
      ['bin/incident-comms.ts', 'lambdas/handlers/api.ts'],
    ])('catches %s importing %s', (file, target) => {
      const violations = violationsOf(file, target);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain(`${file} imports ${target}: rule 5 — `);
    });

    it('lets lib import core and the CDK', () => {
      expect(violationsOf('lib/api.ts', 'lambdas/core/api/api-contract.ts', 'aws-cdk-lib/aws-lambda')).toEqual([]);
    });
  });

  describe('rule 6: web imports nothing but web', () => {
    it.each(['lambdas/core/messages/render-email.ts', './incident-comms.config.json', 'some-package', 'node:fs', '<import(url)>'])('catches web importing %s', (target) => {
      const violations = violationsOf('web/status.js', target);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain('web/status.js imports ');
      expect(violations[0]).toContain(': rule 6 — ');
    });

    it('lets web files import their siblings, or nothing', () => {
      expect(layerViolations([{ file: 'web/status.js', imports: ['web/page-elements.js', 'web/reader-language.js'] }, { file: 'web/widget.js', imports: [] }])).toEqual([]);
    });
  });

  describe('rule 7: nothing under lambdas imports local, tests or bench', () => {
    it.each([
      ['lambdas/adapters/clock.ts', 'tests/support/builders.ts'],
      ['lambdas/handlers/api.ts', 'bench/fanout.ts'],
      ['lambdas/handlers/api/route.ts', 'tests/support/fake-clock.ts'],
    ])('catches %s importing %s', (file, target) => {
      const violations = violationsOf(file, target);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain(`${file} imports ${target}: rule 7 — `);
    });

    it('lets local, tests and bench import lambdas', () => {
      expect(
        layerViolations([
          { file: 'local/main.ts', imports: ['lambdas/handlers/api.ts'] },
          { file: 'tests/unit/core/lifecycle.test.ts', imports: ['lambdas/core/incident/lifecycle.ts'] },
        ]),
      ).toEqual([]);
    });
  });
});

describe('import graph reader', () => {
  let tempRoot: string | undefined;
  afterEach(() => {
    if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
    tempRoot = undefined;
  });

  function writeSource(root: string, file: string, text: string): void {
    const absolute = join(root, ...file.split('/'));
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }

  it('catches a type-only import of an adapter in handler logic', () => {
    tempRoot = mkdtempSync(join(tmpdir(), 'layer-rules-'));
    writeSource(tempRoot, 'lambdas/adapters/x/twitter-api-poster.ts', 'export class TwitterApiPoster { post(): void {} }\n');
    writeSource(tempRoot, 'lambdas/core/ports/x-poster.ts', 'export interface XPoster { post(): void }\n');
    writeSource(
      tempRoot,
      'lambdas/handlers/x/create-x-channel-handler.ts',
      [
        "import type { XPoster } from '../../core/ports/x-poster.js';",
        "import type { TwitterApiPoster } from '../../adapters/x/twitter-api-poster.js';",
        'export function createXChannelHandler(poster: XPoster & TwitterApiPoster) { return poster; }',
        '',
      ].join('\n'),
    );

    const graph = readImportGraph(tempRoot, ['lambdas']);
    expect(graph).toContainEqual({
      file: 'lambdas/handlers/x/create-x-channel-handler.ts',
      imports: ['lambdas/core/ports/x-poster.ts', 'lambdas/adapters/x/twitter-api-poster.ts'],
    });
    expect(layerViolations(graph)).toEqual([
      'lambdas/handlers/x/create-x-channel-handler.ts imports lambdas/adapters/x/twitter-api-poster.ts: rule 4 — handler logic in subfolders of lambdas/handlers names ports from lambdas/core/ports and never imports lambdas/adapters; only the composition roots lambdas/handlers/*.ts may',
    ]);
  });

  it('catches imports in web scripts', () => {
    tempRoot = mkdtempSync(join(tmpdir(), 'layer-rules-'));
    writeSource(tempRoot, 'web/status.js', "import { render } from './render.js';\nimport { emailHtml } from '../lambdas/core/messages/email-html.js';\nrender(emailHtml);\n");
    writeSource(tempRoot, 'web/widget.js', "const lib = require('left-pad');\nconst later = await import(location.hash.slice(1));\n");
    writeSource(tempRoot, 'web/clean.js', "// no import here, and no require('x') either\nconst s = 'import x from \"y\"';\n");
    writeSource(tempRoot, 'web/status.css', '@import url("other.css");\n');

    const graph = readImportGraph(tempRoot, ['web']);
    expect(graph.map(({ file }) => file)).toEqual(['web/clean.js', 'web/status.js', 'web/widget.js']);
    expect(layerViolations(graph).map((line) => line.split(':')[0])).toEqual([
      'web/status.js imports lambdas/core/messages/email-html.ts',
      'web/widget.js imports left-pad (package)',
      'web/widget.js imports <import(location.hash.slice(1))> (cannot be classified)',
    ]);
  });

  it('reads every kind of import, type-only included', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import './side-effect.js';",
      "export * from './c.js';",
      "export type { D } from './d.js';",
      "import e = require('./e.js');",
      "const f = await import('./f.js');",
      "type G = typeof import('./g.js');",
      "declare module './h.js' {}",
      "import * as z from 'zod';",
      "import { readFile } from 'node:fs/promises';",
      "// import { ignored } from './in-a-comment.js';",
      "const s = `import { ignored } from './in-a-string.js'`;",
    ].join('\n');
    expect(importSpecifiers(text, 'lambdas/core/x/y.ts')).toEqual([
      './a.js', '../b.js', './side-effect.js', './c.js', './d.js', './e.js', './f.js', './g.js', 'zod', 'node:fs/promises', './h.js',
    ]);
  });

  it('resolves relative specifiers to repository paths and leaves bare ones alone', () => {
    const exists = (path: string) => ['lambdas/core/a.ts', 'local/bootstrap.mjs', 'incident-comms.config.json'].includes(path);
    expect(resolveImport('lambdas/handlers/api/route.ts', '../../core/a.js', exists)).toBe('lambdas/core/a.ts');
    expect(resolveImport('lambdas/handlers/api/route.ts', '../../adapters/not-there-yet.js', exists)).toBe('lambdas/adapters/not-there-yet.ts');
    expect(resolveImport('local/main.ts', './bootstrap.mjs', exists)).toBe('local/bootstrap.mjs');
    expect(resolveImport('lambdas/handlers/api.ts', '../../incident-comms.config.json', exists)).toBe('./incident-comms.config.json');
    expect(resolveImport('lambdas/core/a.ts', '../../../outside.js', exists)).toBe('../outside.ts');
    expect(resolveImport('lambdas/core/a.ts', '@aws-sdk/client-sqs', exists)).toBe('@aws-sdk/client-sqs');
    expect(resolveImport('lambdas/core/a.ts', 'node:crypto', exists)).toBe('node:crypto');
  });
});

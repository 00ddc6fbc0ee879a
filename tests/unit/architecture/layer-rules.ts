import { isBuiltin } from 'node:module';

/**
 * The layer rules of incident-comms, as a pure function over an import graph.
 *
 * A graph entry names a source file by its path from the repository root
 * (`lambdas/core/incident/lifecycle.ts`) and lists what it imports, each entry being either
 *  - a repository path, written from the repository root (`lambdas/adapters/dynamo/incident-store.ts`).
 *    Files outside the folders in `repositoryFolders` keep a leading `./` (`./incident-comms.config.json`)
 *    so they cannot be mistaken for a package name; paths that leave the repository start with `../`;
 *  - a bare specifier as written in the source: a package (`zod`, `@aws-sdk/client-sqs/dist`) or a
 *    Node built-in (`node:fs`, `fs/promises`);
 *  - `<…>`: an import whose specifier is not a string literal (e.g. `import(name)`), which cannot be classified.
 * A bare specifier whose first segment is one of `repositoryFolders` (a package literally named `lib`, say) reads
 * as a repository path; no dependency of this project is named like that.
 *
 * `layerViolations` returns one readable line per broken rule per import, e.g.
 * `lambdas/core/x.ts imports lambdas/adapters/y.ts: rule 1 — core imports nothing outside lambdas/core except zod and twitter-text`.
 */

export interface ImportGraphEntry {
  file: string;
  imports: string[];
}

/** Top-level folders whose files are written without a leading `./` in a graph. */
export const repositoryFolders = ['lambdas', 'lib', 'bin', 'local', 'web', 'tests', 'bench'] as const;

export const rules = {
  1: 'core imports nothing outside lambdas/core except the packages zod, twitter-text and ipaddr.js',
  2: 'adapters never import lambdas/handlers, local, lib or bin',
  3: 'handlers never import local, lib or bin',
  4: 'handler logic in subfolders of lambdas/handlers names ports from lambdas/core/ports and never imports lambdas/adapters; only the composition roots lambdas/handlers/*.ts may',
  5: 'lib and bin (the CDK stack and app) never import lambdas/handlers',
  6: 'web holds plain browser files: it imports nothing but other files of web (no package, nothing else of the repository, no computed import)',
  7: 'nothing under lambdas imports local, tests or bench',
} as const;

export type RuleNumber = keyof typeof rules;

export type ImportTarget =
  | { kind: 'repository'; path: string }
  | { kind: 'outside-repository'; path: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'package'; name: string }
  | { kind: 'unknown'; text: string };

// Pure libraries only: parsing and arithmetic, no I/O (ipaddr.js: the address ranges of the webhook SSRF guard).
const corePackages = new Set(['zod', 'twitter-text', 'ipaddr.js']);

export function classifyImport(specifier: string): ImportTarget {
  if (specifier.startsWith('<')) return { kind: 'unknown', text: specifier };
  if (specifier.startsWith('./')) return { kind: 'repository', path: specifier.slice(2) };
  if (specifier.startsWith('../') || specifier.startsWith('/')) return { kind: 'outside-repository', path: specifier };
  const [first = ''] = specifier.split('/');
  if ((repositoryFolders as readonly string[]).includes(first)) return { kind: 'repository', path: specifier };
  if (specifier.startsWith('node:') || isBuiltin(specifier)) return { kind: 'builtin', name: specifier };
  // Package imports (`#internal`), URLs (`https:`, `data:`, `file:`) are not packages we can name.
  if (specifier.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return { kind: 'unknown', text: specifier };
  return { kind: 'package', name: packageName(specifier) };
}

/** `@aws-sdk/client-sqs/dist/x` → `@aws-sdk/client-sqs`; `zod/mini` → `zod`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

function isUnderAny(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => isUnder(path, folder));
}

/** `lambdas/handlers/api.ts` is a composition root; `lambdas/handlers/api/route.ts` is handler logic. */
function isHandlerLogic(file: string): boolean {
  return isUnder(file, 'lambdas/handlers') && file.slice('lambdas/handlers/'.length).includes('/');
}

function brokenRules(file: string, target: ImportTarget): RuleNumber[] {
  const broken: RuleNumber[] = [];
  const repoPath = target.kind === 'repository' ? target.path : null;

  if (isUnder(file, 'lambdas/core')) {
    const allowed =
      (repoPath !== null && isUnder(repoPath, 'lambdas/core')) ||
      (target.kind === 'package' && corePackages.has(target.name));
    if (!allowed) broken.push(1);
  }
  if (isUnder(file, 'lambdas/adapters') && repoPath !== null && isUnderAny(repoPath, ['lambdas/handlers', 'local', 'lib', 'bin'])) {
    broken.push(2);
  }
  if (isUnder(file, 'lambdas/handlers') && repoPath !== null && isUnderAny(repoPath, ['local', 'lib', 'bin'])) {
    broken.push(3);
  }
  if (isHandlerLogic(file) && repoPath !== null && isUnder(repoPath, 'lambdas/adapters')) {
    broken.push(4);
  }
  if (isUnderAny(file, ['lib', 'bin']) && repoPath !== null && isUnder(repoPath, 'lambdas/handlers')) {
    broken.push(5);
  }
  // The status site serves web/ as it is, with no build step: a page may load its sibling modules only.
  if (isUnder(file, 'web') && !(repoPath !== null && isUnder(repoPath, 'web'))) {
    broken.push(6);
  }
  if (isUnder(file, 'lambdas') && repoPath !== null && isUnderAny(repoPath, ['local', 'tests', 'bench'])) {
    broken.push(7);
  }
  return broken;
}

function describeTarget(specifier: string, target: ImportTarget): string {
  switch (target.kind) {
    case 'repository':
      return target.path;
    case 'outside-repository':
      return `${target.path} (outside the repository)`;
    case 'builtin':
      return `${target.name} (Node built-in)`;
    case 'package':
      return target.name === specifier ? `${specifier} (package)` : `${specifier} (package ${target.name})`;
    case 'unknown':
      return `${target.text} (cannot be classified)`;
  }
}

export function layerViolations(graph: readonly ImportGraphEntry[]): string[] {
  const violations: string[] = [];
  for (const { file, imports } of graph) {
    for (const specifier of imports) {
      const target = classifyImport(specifier);
      for (const rule of brokenRules(file, target)) {
        violations.push(`${file} imports ${describeTarget(specifier, target)}: rule ${rule} — ${rules[rule]}`);
      }
    }
  }
  return violations;
}

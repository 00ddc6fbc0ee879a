import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import ts from 'typescript';
import { repositoryFolders, type ImportGraphEntry } from './layer-rules.js';

/**
 * Reads the import graph from the sources, in the shape `layerViolations` checks.
 *
 * Every import counts: `import`, `import type`, `export … from`, `import x = require(…)`, `require(…)`,
 * `import(…)` (also in type positions: `typeof import('./x.js')`), `declare module './x.js'`, and
 * `/// <reference path|types>` directives. Imports whose specifier is not a string literal are kept as
 * `<import(expression)>` so a rule can still see them.
 */

const sourceExtensions = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];
const skippedFolders = new Set(['node_modules', 'cdk.out', 'dist', 'coverage']);

/** The specifiers one source text imports, as written. */
export function importSpecifiers(sourceText: string, fileName = 'source.ts'): string[] {
  const info = ts.preProcessFile(sourceText, true, true);
  const specifiers = [
    ...info.importedFiles.map((ref) => ref.fileName),
    ...info.referencedFiles.map((ref) => (/^\.{1,2}\//.test(ref.fileName) ? ref.fileName : `./${ref.fileName}`)),
    ...info.typeReferenceDirectives.map((ref) => ref.fileName),
    ...nonLiteralImports(sourceText, fileName),
  ];
  return [...new Set(specifiers)];
}

/** `import(name)` and `require(name)` with a computed specifier, which `preProcessFile` cannot report. */
function nonLiteralImports(sourceText: string, fileName: string): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const [argument] = node.arguments;
      if ((isImport || isRequire) && !(argument && ts.isStringLiteralLike(argument))) {
        found.push(`<${node.getText(source).replace(/\s+/g, ' ')}>`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.(m|c)?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/**
 * Turns a specifier written in `fromFile` (a path from the repository root) into a graph entry:
 * relative specifiers become repository paths (`.js` → `.ts` source, `.mjs` → `.mts`, `.cjs` → `.cts`,
 * `../` handled); bare specifiers (packages, built-ins) are returned unchanged.
 */
export function resolveImport(fromFile: string, specifier: string, fileExists: (repoPath: string) => boolean): string {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') {
    return specifier;
  }
  const target = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  return toGraphPath(sourceFileFor(target, fileExists));
}

function sourceFileFor(target: string, fileExists: (repoPath: string) => boolean): string {
  const swapped: Record<string, string[]> = {
    '.js': ['.ts', '.tsx'],
    '.jsx': ['.tsx'],
    '.mjs': ['.mts'],
    '.cjs': ['.cts'],
  };
  const extension = /\.[cm]?jsx?$/.exec(target)?.[0];
  const candidates = [
    ...(extension ? (swapped[extension] ?? []).map((ext) => target.slice(0, -extension.length) + ext) : []),
    target,
    ...['.ts', '.tsx', '.mts', '.js', '.mjs'].map((ext) => target + ext),
    ...['/index.ts', '/index.js'].map((index) => target + index),
  ];
  const existing = candidates.find((candidate) => fileExists(candidate));
  if (existing) return existing;
  // A file that does not exist (yet): a `.js` specifier still names the `.ts` source.
  return extension ? target.slice(0, -extension.length) + (swapped[extension]?.[0] ?? extension) : target;
}

function toGraphPath(repoPath: string): string {
  if (repoPath === '..' || repoPath.startsWith('../')) return repoPath;
  const [first = ''] = repoPath.split('/');
  return (repositoryFolders as readonly string[]).includes(first) ? repoPath : `./${repoPath}`;
}

function sourceFilesUnder(rootDir: string, folder: string): string[] {
  const absolute = join(rootDir, folder);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [folder];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => !skippedFolders.has(entry.name))
    .flatMap((entry) => {
      const child = `${folder}/${entry.name}`;
      if (entry.isDirectory()) return sourceFilesUnder(rootDir, child);
      return sourceExtensions.some((ext) => entry.name.endsWith(ext)) ? [child] : [];
    });
}

/** The import graph of every source file under `folders` (paths from `rootDir`, e.g. `['lambdas', 'web']`). */
export function readImportGraph(rootDir: string, folders: readonly string[]): ImportGraphEntry[] {
  const fileExists = (repoPath: string): boolean => {
    const absolute = join(rootDir, ...repoPath.split('/'));
    return existsSync(absolute) && statSync(absolute).isFile();
  };
  return folders
    .flatMap((folder) => sourceFilesUnder(rootDir, folder.split(sep).join('/')))
    .sort()
    .map((file) => ({
      file,
      imports: importSpecifiers(readFileSync(join(rootDir, ...file.split('/')), 'utf8'), file).map((specifier) =>
        resolveImport(file, specifier, fileExists),
      ),
    }));
}

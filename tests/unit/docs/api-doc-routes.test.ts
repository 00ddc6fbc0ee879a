import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operationList } from '../../../lambdas/core/api/api-contract.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const apiDocPath = path.join(repositoryRoot, 'docs', 'api.md');

/** One row of the route table: `C`, `POST /v1/incidents`, as written in docs/api.md. */
interface RouteRow {
  marker: 'P' | 'C';
  route: string;
  line: number;
}

/** The lines of a markdown file that are not inside a fenced code block, with their line numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    else if (!fenced) lines.push({ text, line: index + 1 });
  });
  return lines;
}

/** A table row's cells; `\|` inside a cell is part of the cell, not a separator. */
function tableCells(row: string): string[] | undefined {
  if (!row.trim().startsWith('|')) return undefined;
  return row.trim().split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
}

/** Every row whose first cell is P or C, with `METHOD /path` from its backticked second cell. */
function routeRows(markdown: string): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const cells = tableCells(text);
    const marker = cells?.[0];
    if (marker !== 'P' && marker !== 'C') continue;
    const code = /`([^`]+)`/.exec(cells![1] ?? '')?.[1];
    if (code === undefined) throw new Error(`docs/api.md line ${line}: the route cell has no \`METHOD /path\`: ${text}`);
    // Query strings may follow the path (`?state=open\|resolved`); the route is what comes before.
    const route = code.replace(/\\\|/g, '|').split('?')[0]!.trim();
    if (!/^(GET|POST|PUT|PATCH|DELETE) \/\S*$/.test(route)) {
      throw new Error(`docs/api.md line ${line}: "${route}" is not METHOD /path`);
    }
    rows.push({ marker, route, line });
  }
  return rows;
}

/** Relative link targets of a markdown file (inline and reference-style), outside code. */
function relativeLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const withoutCode = text.replace(/`[^`]*`/g, '');
    const targets = [
      ...[...withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!),
      ...[...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/g)].map((match) => match[1]!),
    ];
    for (const target of targets) {
      // Other sites (https:, mailto:) are not files of this repository.
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ target, line });
    }
  }
  return links;
}

/** The anchors GitHub gives a markdown file's headings: lower case, punctuation dropped, spaces as `-`. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const base = heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    let anchor = base;
    for (let repeat = 1; anchors.has(anchor); repeat++) anchor = `${base}-${repeat}`;
    anchors.add(anchor);
  }
  return anchors;
}

const apiDoc = readFileSync(apiDocPath, 'utf8');

describe('docs/api.md lists exactly the routes of the contract', () => {
  it('has one route table', () => {
    const headers = proseLines(apiDoc).filter(({ text }) => {
      const cells = tableCells(text);
      return cells !== undefined && cells.length === 3 && cells[0] === '' && cells[1] === 'route' && cells[2] === 'does';
    });
    expect(headers.map(({ line }) => line), 'the "| | route | does |" header should appear once').toHaveLength(1);
  });

  it('its rows are the operations of api-contract.ts, with their access', () => {
    const documented = routeRows(apiDoc)
      .map((row) => `${row.marker} ${row.route}`)
      .sort();
    const declared = operationList.map((operation) => `${operation.access === 'commander' ? 'C' : 'P'} ${operation.method} ${operation.path}`).sort();
    expect(documented).toEqual(declared);
  });

  it('names each route once', () => {
    const seen = new Map<string, number>();
    const repeated: string[] = [];
    for (const row of routeRows(apiDoc)) {
      const first = seen.get(row.route);
      if (first !== undefined) repeated.push(`${row.route} on lines ${first} and ${row.line}`);
      else seen.set(row.route, row.line);
    }
    expect(repeated).toEqual([]);
  });
});

describe('documentation links', () => {
  const documents = [
    'README.md',
    ...readdirSync(path.join(repositoryRoot, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];

  it.each(documents)('every relative link in %s points at a file (and heading) of the repository that exists', (document) => {
    const absolute = path.join(repositoryRoot, document);
    const broken = relativeLinks(readFileSync(absolute, 'utf8'))
      .map(({ target, line }) => {
        const [beforeAnchor = '', anchor] = target.split('#');
        const file = decodeURIComponent(beforeAnchor.split('?')[0]!);
        // An empty file part is this document; GitHub resolves a link starting with "/" from the repository root.
        const resolved = file === '' ? absolute : file.startsWith('/') ? path.join(repositoryRoot, file) : path.resolve(path.dirname(absolute), file);
        if (path.relative(repositoryRoot, resolved).startsWith('..')) return `line ${line}: ${target} (outside the repository)`;
        if (!existsSync(resolved)) return `line ${line}: ${target}`;
        // A link into a heading of a markdown file must name a heading that exists.
        if (anchor && resolved.endsWith('.md') && !headingAnchors(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))) {
          return `line ${line}: ${target} (no such heading)`;
        }
        return undefined;
      })
      .filter((problem) => problem !== undefined);
    expect(broken).toEqual([]);
  });
});

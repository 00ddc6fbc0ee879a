import { spawnSync } from 'node:child_process';

/** How to run a Python tool: the command and the arguments that come before the tool's own. */
export interface PythonTool {
  command: string;
  args: string[];
}

/** The Python tools the AWS-semantics tests use, each with the ways it can be run and how to get it. */
const tools = {
  'cfn-lint': { candidates: [['cfn-lint'], ['python3', '-m', 'cfnlint']], install: 'pip install cfn-lint (1.51 or later)' },
  moto: { candidates: [['python3', '-m', 'moto.server']], install: 'pip install "moto[server]" (5.2 or later)' },
} as const;

export type PythonToolName = keyof typeof tools;

/**
 * Finds a Python tool on this machine. Without it, a run under `CI=true` fails (CI must have it:
 * `.ci/run` checks), and a local run says loudly what to install and answers `undefined`, so the
 * tests that need it are reported as skipped, never as passed.
 *
 * @example
 * const cfnLint = findPythonTool('cfn-lint');
 * describe.skipIf(!cfnLint)('the template', () => { … });
 */
export function findPythonTool(name: PythonToolName): PythonTool | undefined {
  const { candidates, install } = tools[name];
  for (const [command, ...args] of candidates) {
    const probe = spawnSync(command, [...args, '--version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.status === 0) return { command, args };
  }
  const message = `${name} was not found (tried ${candidates.map((candidate) => candidate.join(' ')).join(', ')}): ${install}`;
  if (process.env['CI'] === 'true') throw new Error(`${message}. CI runs every test: install it before npm test.`);
  console.warn(`\n⚠ ${message}. The tests that need it are SKIPPED, not passed.\n`);
  return undefined;
}

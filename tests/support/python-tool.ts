import { spawnSync } from 'node:child_process';

/** How to run a Python tool: the command and the arguments that come before the tool's own. */
export interface PythonTool {
  command: string;
  args: string[];
}

/** One way to run a tool, and the command that answers 0 exactly when that way works here. */
interface Candidate {
  run: readonly [string, ...string[]];
  probe: readonly [string, ...string[]];
}

export type PythonToolName = 'cfn-lint' | 'moto';

/** The Python tools the AWS-semantics tests use, each with the ways it can be run and how to get it. */
const tools: Record<PythonToolName, { candidates: readonly Candidate[]; install: string }> = {
  'cfn-lint': {
    candidates: [
      { run: ['cfn-lint'], probe: ['cfn-lint', '--version'] },
      { run: ['python3', '-m', 'cfnlint'], probe: ['python3', '-m', 'cfnlint', '--version'] },
    ],
    install: 'pip install cfn-lint (1.51 or later)',
  },
  moto: {
    // moto's server has no --version (it exits 2 on unknown arguments); importing it proves the server
    // extras (flask, werkzeug) are there too, which a bare `import moto` would not.
    candidates: [{ run: ['python3', '-m', 'moto.server'], probe: ['python3', '-c', 'import moto.server'] }],
    install: 'pip install "moto[server]" (5.2 or later)',
  },
};

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
  for (const { run: [command, ...args], probe: [probeCommand, ...probeArgs] } of candidates) {
    const answer = spawnSync(probeCommand, probeArgs, { encoding: 'utf8', timeout: 30_000 });
    if (answer.status === 0) return { command, args };
  }
  const message = `${name} was not found (tried ${candidates.map((candidate) => candidate.run.join(' ')).join(', ')}): ${install}`;
  if (process.env['CI'] === 'true') throw new Error(`${message}. CI runs every test: install it before npm test.`);
  console.warn(`\n⚠ ${message}. The tests that need it are SKIPPED, not passed.\n`);
  return undefined;
}

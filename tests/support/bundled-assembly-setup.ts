import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { synthesizeStack } from '../infra/synthesize-stack.js';
import { findPythonTool } from './python-tool.js';

/** A cloud assembly synthesized with bundled functions: the template and the asset directories beside it. */
export interface BundledAssembly {
  readonly outdir: string;
  readonly templateFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `null` when moto is missing here: the suite is skipped, so nothing is synthesized for it. */
    bundledAssembly: BundledAssembly | null;
  }
}

/**
 * The AWS-emulator project's global setup: synthesizes the dev stack once, functions bundled by
 * esbuild as `cdk synth` bundles them, for every test file of the project to run (bundling nine
 * functions is most of the suite's time; once per file would be several times that). Under CI=true a
 * missing moto fails here, before any file runs.
 */
export default function setup(project: TestProject) {
  if (!findPythonTool('moto')) {
    project.provide('bundledAssembly', null);
    return;
  }
  const { outdir, assembly, stack } = synthesizeStack({ bundle: true });
  project.provide('bundledAssembly', { outdir, templateFile: assembly.getStackByName(stack.stackName).templateFullPath });
  return () => rmSync(outdir, { recursive: true, force: true });
}

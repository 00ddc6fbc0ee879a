import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with everything the child printed once its output contains `banner`; rejects if it exits
 * first or `timeoutMs` passes, with what it printed. The output keeps growing in `output()`.
 *
 * @example
 * const { output } = await printedBanner(child, 'Ctrl-C stops everything', 60_000);
 */
export function printedBanner(child: ChildProcess, banner: string, timeoutMs: number): Promise<{ output: () => string }> {
  let printed = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${banner}" within ${timeoutMs} ms:\n${printed}`)), timeoutMs);
    const listen = (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes(banner)) {
        clearTimeout(timer);
        resolve({ output: () => printed });
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before "${banner}":\n${printed}`));
    });
  });
}

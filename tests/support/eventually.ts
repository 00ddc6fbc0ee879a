/**
 * Reads until `done` says the value is what the test waits for, or `timeoutMs` passes; answers the
 * last value read either way, so the test's own assertion says what was wrong.
 *
 * @example
 * const rows = await eventually(() => deliveriesOf(id), (items) => items.every((row) => row.state === 'sent'), 60_000);
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, pollMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

import { describe, expect, it } from 'vitest';
import { keptPerContainer } from '../../../lambdas/handlers/queued/kept-per-container.js';

describe('a read kept for the container', () => {
  it('reads each key once, however many tasks ask for it', async () => {
    const kept = keptPerContainer<string>(10);
    const reads: string[] = [];
    const read = (key: string) => kept(key, async () => (reads.push(key), `value of ${key}`));
    expect(await read('inc-1#1')).toBe('value of inc-1#1');
    expect(await read('inc-1#1')).toBe('value of inc-1#1');
    expect(await read('inc-1#2')).toBe('value of inc-1#2');
    expect(reads).toEqual(['inc-1#1', 'inc-1#2']);
  });

  it('keeps no failed read: the retry of the task reads again', async () => {
    const kept = keptPerContainer<string>(10);
    let attempts = 0;
    const read = () =>
      kept('inc-1#1', async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('update 1 of incident inc-1 is not in the store');
        return 'found';
      });
    await expect(read()).rejects.toThrow('not in the store');
    expect(await read()).toBe('found');
    expect(attempts).toBe(2);
  });

  it('forgets the oldest past its limit, so a long-lived container holds a bounded few', async () => {
    const kept = keptPerContainer<number>(2);
    const reads: string[] = [];
    const read = (key: string) => kept(key, async () => (reads.push(key), reads.length));
    await read('a');
    await read('b');
    await read('c');
    await read('b');
    await read('a');
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });
});

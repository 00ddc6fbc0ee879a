import { afterEach, describe, expect, it, vi } from 'vitest';

// The console's pure modules are plain browser JS (web/console/); Node imports them as they are.
const consoleModule = async <T>(name: string): Promise<T> =>
  (await import(/* @vite-ignore */ new URL(`../../../web/console/${name}`, import.meta.url).href)) as T;

type Countdown = (deadline: string, nowMs: number) => { overdue: boolean; text: string };
type Debounce = <A extends unknown[]>(run: (...args: A) => void, waitMs: number) => ((...args: A) => void) & { cancel(): void };
type WordsShortened = (post: string, words: string) => boolean;

describe('the console’s "next update by" countdown', () => {
  const at = (iso: string) => Date.parse(iso);
  it('shows minutes and seconds under an hour, hours past it', async () => {
    const { countdown } = await consoleModule<{ countdown: Countdown }>('countdown.js');
    expect(countdown('2024-12-12T07:00:00Z', at('2024-12-12T06:58:55Z'))).toEqual({ overdue: false, text: '1:05' });
    expect(countdown('2024-12-12T08:00:00Z', at('2024-12-12T06:58:55.500Z'))).toEqual({ overdue: false, text: '1:01:04' });
  });
  it('says how late a promise is once it passed', async () => {
    const { countdown } = await consoleModule<{ countdown: Countdown }>('countdown.js');
    expect(countdown('2024-12-12T07:00:00Z', at('2024-12-12T07:03:09Z'))).toEqual({ overdue: true, text: '3:09' });
  });
});

describe('the preview’s debounce', () => {
  afterEach(() => vi.useRealTimers());
  it('asks once, with the last words, after the commander stops typing', async () => {
    vi.useFakeTimers();
    const { debounce } = await consoleModule<{ debounce: Debounce }>('debounce.js');
    const asked: string[] = [];
    const preview = debounce((text: string) => asked.push(text), 300);
    preview('W');
    vi.advanceTimersByTime(200);
    preview('We');
    vi.advanceTimersByTime(299);
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(asked).toEqual(['We']);
  });
});

describe('telling that the X post shortened the commander’s words', () => {
  it('is false when the words are in the post whole, whatever the white space', async () => {
    const { wordsShortened } = await consoleModule<{ wordsShortened: WordsShortened }>('x-shortening.js');
    expect(wordsShortened('Update: We found it.\nA fix is out. More: https://s.example', 'We found it.  A fix is out.')).toBe(false);
  });
  it('is true when the post carries only their beginning', async () => {
    const { wordsShortened } = await consoleModule<{ wordsShortened: WordsShortened }>('x-shortening.js');
    expect(wordsShortened('Update: We are moving every chat… More: https://s.example', 'We are moving every chat server to the new cluster.')).toBe(true);
  });
});

/**
 * The progress bar counts what the summary counts: one violation per invariant broken. It used
 * to add up every chunk's failures, so it said 32 while the summary said 8.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './runCli.ts';

describe('regsim fuzz on a terminal', () => {
  const original = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  afterEach(() => {
    if (original === undefined) Reflect.deleteProperty(process.stderr, 'isTTY');
    else Object.defineProperty(process.stderr, 'isTTY', original);
    vi.restoreAllMocks();
  });

  it.each([
    ['--all', '600'],
    ['--until-first', '500'],
  ])('shows as many violations as the summary with %s', async (mode, schedules) => {
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const drawn: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      drawn.push(String(chunk));
      return true;
    });
    // On r0 both chunks (500 and 100 schedules) break several invariants.
    const run = await runCli('fuzz', '--impl', 'r0', '--schedules', schedules, '--threads', '1', mode);
    expect(run.code, run.err).toBe(1);
    const summary = /^(\d+) violation\(s\)$/m.exec(run.out)?.[1];
    const bar = [...drawn.join('').matchAll(/\| (\d+) violations? \|/g)].at(-1)?.[1];
    expect(summary).toBeDefined();
    expect(bar).toBe(summary);
  });
});

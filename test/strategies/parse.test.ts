import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../sim/strategies/create.ts';
import { parseStrategy } from '../../sim/strategies/parse.ts';

describe('parseStrategy', () => {
  it('builds each named strategy', () => {
    const names = ['random', 'pct', 'pos', 'rff', 'dfs', 'portfolio'].map((name) => {
      const parsed = parseStrategy(name, 3);
      if (!parsed.ok) throw new Error(parsed.error);
      return createStrategy(parsed.spec).name;
    });
    expect(names).toEqual(['random', 'pct(3)', 'pos', 'rff', 'dfs', 'portfolio(random,pct(3),dfs)']);
  });

  it('gives the portfolio a small DFS (≤ 2 preemptions, 200 schedules)', () => {
    const parsed = parseStrategy('portfolio', 2);
    if (!parsed.ok) throw new Error(parsed.error);
    const s = createStrategy(parsed.spec);
    for (let scenario = 0; scenario < 3; scenario++) {
      s.beginScenario();
      // Eight tasks always runnable, 30 steps each schedule: the DFS tree is far larger than 200.
      for (let i = 0; i < 1_000; i++) {
        const chooser = s.next({ index: i, seed: i, tasks: 8 });
        if (chooser === undefined) break;
        const all = Array.from({ length: 8 }, (_, task) => ({ task, name: `T${task}`, label: 'x' }));
        let previous = -1;
        for (let step = 0; step < 30; step++) previous = all[chooser.choose(all, { step, previous })]!.task;
        s.done({ steps: 30 });
      }
    }
    expect(s.describe()).toMatch(/dfs: .*bound [12] incomplete: stopped after 200 schedules$/);
  });

  it('rejects an unknown name and a bad depth with a clear message', () => {
    expect(parseStrategy('bfs', 3)).toEqual({
      ok: false,
      error: 'unknown strategy "bfs": expected one of random, pct, pos, rff, surw, dfs, portfolio',
    });
    expect(parseStrategy('pct', 0)).toEqual({
      ok: false,
      error: 'strategy pct: depth must be an integer ≥ 1 (got 0)',
    });
    expect(parseStrategy('random', 0).ok).toBe(true);
    expect(parseStrategy('pos', 0).ok).toBe(true);
    expect(parseStrategy('rff', 0).ok).toBe(true);
  });
});

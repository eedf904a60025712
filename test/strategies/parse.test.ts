import { describe, expect, it } from 'vitest';
import { createStrategy } from '../../sim/strategies/create.ts';
import { parseStrategy } from '../../sim/strategies/parse.ts';

describe('parseStrategy', () => {
  it('builds each named strategy', () => {
    const names = ['random', 'pct', 'pos', 'rff', 'surw', 'dfs', 'dpor', 'portfolio'].map((name) => {
      const parsed = parseStrategy(name, 3);
      if (!parsed.ok) throw new Error(parsed.error);
      return createStrategy(parsed.spec).name;
    });
    expect(names).toEqual([
      'random',
      'pct(3)',
      'pos',
      'rff',
      'surw',
      'dfs',
      'dpor',
      'portfolio(random,pct(3),dfs)',
    ]);
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
      error: 'unknown strategy "bfs": expected one of random, pct, pos, rff, surw, dfs, dpor, portfolio',
    });
    expect(parseStrategy('pct', 0)).toEqual({
      ok: false,
      error: 'strategy pct: depth must be an integer ≥ 1 (got 0)',
    });
    expect(parseStrategy('random', 0).ok).toBe(true);
    expect(parseStrategy('pos', 0).ok).toBe(true);
    expect(parseStrategy('rff', 0).ok).toBe(true);
  });

  it('takes the exhaustive strategies bounds, and only for them', () => {
    expect(parseStrategy('dpor', 3, { tracesPerScenario: 50, preemptionBound: 2 })).toEqual({
      ok: true,
      spec: { name: 'dpor', depth: 3, tracesPerScenario: 50, preemptionBound: 2 },
    });
    expect(parseStrategy('dfs', 3, { preemptionBound: 1 }).ok).toBe(true);
    expect(parseStrategy('pct', 3, { tracesPerScenario: 5 })).toEqual({
      ok: false,
      error: 'a trace budget per scenario applies to dpor, not pct',
    });
    expect(parseStrategy('random', 3, { preemptionBound: 1 })).toEqual({
      ok: false,
      error: 'a preemption bound applies to dfs and dpor, not random',
    });
    expect(parseStrategy('dpor', 3, { tracesPerScenario: 0 }).ok).toBe(false);
  });

  it('builds DPOR with the given trace budget and a bounded DFS with the given bound', async () => {
    const parsed = parseStrategy('dpor', 3, { tracesPerScenario: 1 });
    if (!parsed.ok) throw new Error(parsed.error);
    const dpor = createStrategy(parsed.spec);
    dpor.beginScenario();
    const all = [0, 1].map((task) => ({
      task,
      name: `T${task}`,
      label: 'm.insert(k)',
      target: 'm',
      op: 'insert',
      key: 'k',
    }));
    const chooser = dpor.next({ index: 0, seed: 0, tasks: 2 })!;
    chooser.choose(all, { step: 0, previous: -1 });
    chooser.choose([all[1]!], { step: 1, previous: 0 });
    dpor.done({ steps: 2 });
    // The race on k leaves a second trace, but the budget was one.
    expect(dpor.next({ index: 1, seed: 0, tasks: 2 })).toBeUndefined();
    expect(dpor.coverage?.()).toEqual({ traces: 1, scenarios: 1, exhausted: 0 });
  });
});

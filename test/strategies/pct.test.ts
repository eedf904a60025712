import { describe, expect, it } from 'vitest';
import type { Chooser } from '../../sim/scheduler/types.ts';
import { createPctStrategy, pctBound } from '../../sim/strategies/pct.ts';
import { candidates, explore, lostUpdate } from './harness.ts';

/** Drives a chooser for `steps` steps with every one of `tasks` tasks always runnable. */
function drive(chooser: Chooser, tasks: number, steps: number): number[] {
  const all = candidates(Array.from({ length: tasks }, (_, t) => t));
  const picked: number[] = [];
  for (let step = 0; step < steps; step++) {
    const index = chooser.choose(all, { step, previous: picked[picked.length - 1] ?? -1 });
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(tasks);
    picked.push(all[index]!.task);
  }
  return picked;
}

/** Step numbers (1-based) at which the running task changed. */
const switches = (picked: readonly number[]) =>
  picked.flatMap((t, i) => (i > 0 && t !== picked[i - 1] ? [i + 1] : []));

describe('pct', () => {
  it('computes the paper bound 1/(n·k^(d−1))', () => {
    expect(pctBound(2, 10, 1)).toBe(1 / 2);
    expect(pctBound(2, 10, 2)).toBe(1 / 20);
    expect(pctBound(3, 40, 3)).toBeCloseTo(1 / 4800, 12);
  });

  it('with depth 1 never switches while the running task is runnable', () => {
    const pct = createPctStrategy({ depth: 1, schedulesPerScenario: 50 });
    pct.beginScenario();
    for (let seed = 0; seed < 50; seed++) {
      const picked = drive(pct.next({ index: seed, seed, tasks: 3 })!, 3, 30);
      expect(switches(picked)).toEqual([]);
      pct.done({ steps: 30 });
    }
  });

  it('switches at most d−1 times, at change points spread over the estimated length', () => {
    const pct = createPctStrategy({ depth: 3, schedulesPerScenario: 1_000 });
    pct.beginScenario();
    pct.next({ index: 0, seed: 0, tasks: 3 });
    pct.done({ steps: 20 });
    const at = new Set<number>();
    let full = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const s = switches(drive(pct.next({ index: seed, seed, tasks: 3 })!, 3, 20));
      expect(s.length).toBeLessThanOrEqual(2);
      if (s.length === 2) full++;
      for (const step of s) {
        expect(step).toBeGreaterThanOrEqual(2);
        expect(step).toBeLessThanOrEqual(20);
        at.add(step);
      }
      pct.done({ steps: 20 });
    }
    // A change point at step 1 shows no switch (nothing ran before); otherwise both show.
    expect(full).toBeGreaterThan(250);
    expect(at.size).toBe(19);
  });

  it('learns the step estimate k from done() and keeps it across scenarios', () => {
    const pct = createPctStrategy({ depth: 2, schedulesPerScenario: 500 });
    pct.beginScenario();
    // Before any report, k = 50: change points land beyond step 4 of a 60-step run.
    let late = 0;
    for (let seed = 0; seed < 100; seed++) {
      if (switches(drive(pct.next({ index: seed, seed, tasks: 2 })!, 2, 60)).some((s) => s > 4)) late++;
    }
    expect(late).toBeGreaterThan(50);
    pct.done({ steps: 4 });
    pct.done({ steps: 3 });
    expect(pct.observed()).toEqual({ tasks: 2, steps: 4 });
    pct.beginScenario();
    for (let seed = 0; seed < 100; seed++) {
      const s = switches(drive(pct.next({ index: seed, seed, tasks: 2 })!, 2, 60));
      expect(s.every((step) => step <= 4)).toBe(true);
    }
    expect(pct.observed()).toEqual({ tasks: 2, steps: 4 });
    expect(pct.describe()).toContain('k ≤ 4 steps');
  });

  it('gives the same choices for the same seed', () => {
    const run = (seed: number) => {
      const pct = createPctStrategy({ depth: 3 });
      pct.beginScenario();
      return drive(pct.next({ index: 0, seed, tasks: 4 })!, 4, 50).join('');
    };
    expect(run(42)).toBe(run(42));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(run)).size).toBeGreaterThan(1);
  });

  it('gives schedulesPerScenario choosers per scenario', () => {
    const pct = createPctStrategy({ depth: 2, schedulesPerScenario: 2 });
    pct.beginScenario();
    expect(pct.next({ index: 0, seed: 1, tasks: 2 })).toBeDefined();
    expect(pct.next({ index: 1, seed: 2, tasks: 2 })).toBeDefined();
    expect(pct.next({ index: 2, seed: 3, tasks: 2 })).toBeUndefined();
    pct.beginScenario();
    expect(pct.next({ index: 3, seed: 4, tasks: 2 })).toBeDefined();
    expect(pct.name).toBe('pct(2)');
    expect(() => createPctStrategy({ depth: 0 })).toThrow(/depth/);
  });

  it('finds the lost update with depth 2 on the scheduler, never with depth 1', async () => {
    const lost = (r: { counter: number | undefined }) => r.counter === 1;
    const depth1 = await explore(createPctStrategy({ depth: 1, schedulesPerScenario: 200 }), lostUpdate);
    expect(depth1).toHaveLength(200);
    expect(depth1.some(lost)).toBe(false);
    for (const seed of [1, 2, 3]) {
      const pct = createPctStrategy({ depth: 2, schedulesPerScenario: 300 });
      const runs = await explore(pct, lostUpdate, { seed, until: lost });
      expect(runs.some(lost)).toBe(true);
      expect(runs.length).toBeLessThan(300);
      expect(pct.observed()).toEqual({ tasks: 2, steps: 4 });
    }
  });

  it('is reproducible through the scheduler', async () => {
    const traces = async () =>
      (await explore(createPctStrategy({ depth: 2, schedulesPerScenario: 20 }), lostUpdate, { seed: 9 })).map(
        (r) => r.trace.join(' '),
      );
    expect(await traces()).toEqual(await traces());
  });
});

import { describe, expect, it } from 'vitest';
import { createDfsStrategy } from '../../sim/strategies/dfs.ts';
import { candidates, explore, inserts, lostUpdate, runOnce } from './harness.ts';

/** Every interleaving of `tasks` tasks × `steps` steps, with its preemption count (brute force). */
function allInterleavings(tasks: number, steps: number): { order: number[]; preemptions: number }[] {
  const out: { order: number[]; preemptions: number }[] = [];
  const left = Array.from({ length: tasks }, () => steps);
  const order: number[] = [];
  const walk = (preemptions: number) => {
    if (order.length === tasks * steps) {
      out.push({ order: [...order], preemptions });
      return;
    }
    const previous = order[order.length - 1];
    for (let t = 0; t < tasks; t++) {
      if (left[t] === 0) continue;
      const preempts = previous !== undefined && previous !== t && left[previous]! > 0;
      left[t]!--;
      order.push(t);
      walk(preemptions + (preempts ? 1 : 0));
      order.pop();
      left[t]!++;
    }
  };
  walk(0);
  return out;
}

describe('dfs', () => {
  it('at bound 0 runs exactly the two non-preemptive schedules of 2 tasks × 2 steps', async () => {
    const dfs = createDfsStrategy({ maxPreemptions: 0 });
    const runs = await explore(dfs, inserts(2, 2));
    expect(runs.map((r) => r.trace.map((e) => e.slice(0, 2)).join(' '))).toEqual([
      'T0 T0 T1 T1',
      'T1 T1 T0 T0',
    ]);
    expect(runs.every((r) => r.preemptions === 0)).toBe(true);
    expect(dfs.completedBound()).toBe(0);
    expect(dfs.exhausted()).toBe(false);
    expect(dfs.describe()).toBe('all schedules with ≤ 0 preemptions checked (2 schedules)');
  });

  it('visits the C(4,2) = 6 interleavings of 2 tasks × 2 steps once each and exhausts the tree', async () => {
    const dfs = createDfsStrategy({ maxPreemptions: 5 });
    const runs = await explore(dfs, inserts(2, 2));
    const traces = runs.map((r) => r.trace.join(' '));
    expect(traces).toHaveLength(6);
    expect(new Set(traces).size).toBe(6);
    expect(dfs.exhausted()).toBe(true);
    expect(dfs.completedBound()).toBe(2);
    expect(runs.map((r) => r.preemptions)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(dfs.describe()).toBe(
      'all schedules with ≤ 2 preemptions checked (6 schedules); the tree is exhausted at bound 2',
    );
    expect(dfs.next({ index: 6, seed: 0, tasks: 2 })).toBeUndefined();
  });

  it('runs each schedule once, bound by bound, matching a brute-force count (3 tasks × 2 steps)', async () => {
    const all = allInterleavings(3, 2);
    expect(all).toHaveLength(90);
    for (const bound of [0, 1, 2, 3]) {
      const dfs = createDfsStrategy({ maxPreemptions: bound });
      const runs = await explore(dfs, inserts(3, 2));
      const traces = runs.map((r) => r.trace.join(' '));
      expect(new Set(traces).size).toBe(traces.length);
      expect(runs.every((r) => r.preemptions <= bound)).toBe(true);
      // Bound by bound: the runs are sorted by preemption count (exactly b at bound b).
      const counts = runs.map((r) => r.preemptions);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(runs.length).toBe(all.filter((i) => i.preemptions <= bound).length);
      expect(dfs.completedBound()).toBe(bound);
    }
    const dfs = createDfsStrategy({ maxPreemptions: 10 });
    const runs = await explore(dfs, inserts(3, 2));
    expect(runs.length).toBe(90);
    expect(dfs.exhausted()).toBe(true);
    expect(dfs.completedBound()).toBe(Math.max(...all.map((i) => i.preemptions)));
  });

  it('finds the lost update at bound 1 but not at bound 0', async () => {
    const lost = (r: { counter: number | undefined }) => r.counter === 1;
    const bound0 = await explore(createDfsStrategy({ maxPreemptions: 0 }), lostUpdate);
    expect(bound0.length).toBe(2);
    expect(bound0.some(lost)).toBe(false);
    const bound1 = await explore(createDfsStrategy({ maxPreemptions: 1 }), lostUpdate);
    const found = bound1.filter(lost);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.preemptions === 1)).toBe(true);
  });

  it('stops at maxSchedules and says which bound is incomplete', async () => {
    const dfs = createDfsStrategy({ maxPreemptions: 3, maxSchedules: 3 });
    const runs = await explore(dfs, inserts(2, 2));
    expect(runs).toHaveLength(3);
    expect(dfs.completedBound()).toBe(0);
    expect(dfs.exhausted()).toBe(false);
    expect(dfs.describe()).toBe(
      'all schedules with ≤ 0 preemptions checked; bound 1 incomplete: stopped after 3 schedules',
    );
    const tight = createDfsStrategy({ maxPreemptions: 3, maxSchedules: 1 });
    await explore(tight, inserts(2, 2));
    expect(tight.completedBound()).toBe(-1);
    expect(tight.describe()).toBe('bound 0 incomplete: stopped after 1 schedule');
  });

  it('does not claim a bound whose queued paths were dropped for budget', async () => {
    const all = allInterleavings(3, 2);
    const upTo1 = all.filter((i) => i.preemptions <= 1).length;
    const upTo0 = all.filter((i) => i.preemptions === 0).length;
    for (let maxSchedules = upTo0; maxSchedules < upTo1; maxSchedules++) {
      const dfs = createDfsStrategy({ maxPreemptions: 3, maxSchedules });
      const runs = await explore(dfs, inserts(3, 2));
      expect(runs.length).toBe(maxSchedules);
      expect(dfs.completedBound()).toBe(0);
      expect(dfs.describe()).toBe(
        `all schedules with ≤ 0 preemptions checked; bound 1 incomplete: stopped after ${maxSchedules} schedules`,
      );
    }
    const enough = createDfsStrategy({ maxPreemptions: 3, maxSchedules: upTo1 });
    await explore(enough, inserts(3, 2));
    expect(enough.completedBound()).toBe(1);
    expect(enough.describe()).toBe(
      `all schedules with ≤ 1 preemption checked; bound 2 incomplete: stopped after ${upTo1} schedules`,
    );
  });

  it('starts afresh for each scenario', async () => {
    const dfs = createDfsStrategy({ maxPreemptions: 0 });
    expect(await explore(dfs, inserts(2, 2))).toHaveLength(2);
    expect(await explore(dfs, inserts(3, 1))).toHaveLength(6);
    expect(dfs.exhausted()).toBe(true);
    expect(dfs.describe()).toBe(
      'all schedules with ≤ 0 preemptions checked (6 schedules); the tree is exhausted at bound 0',
    );
  });

  it('treats switching away from a finished task as free (synthetic)', () => {
    const dfs = createDfsStrategy({ maxPreemptions: 0 });
    dfs.beginScenario();
    const seen: number[][] = [];
    for (;;) {
      const chooser = dfs.next({ index: 0, seed: 0, tasks: 3 });
      if (chooser === undefined) break;
      // T0 runs alone for one step, then finishes: T1 and T2 become runnable.
      const a = chooser.choose(candidates([0]), { step: 0, previous: -1 });
      const b = chooser.choose(candidates([1, 2]), { step: 1, previous: 0 });
      seen.push([a, b]);
      dfs.done({ steps: 2 });
    }
    expect(seen).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(dfs.exhausted()).toBe(true);
  });

  it('throws a clear error when a replayed choice point differs (synthetic)', () => {
    const dfs = createDfsStrategy({ maxPreemptions: 1 });
    dfs.beginScenario();
    const first = dfs.next({ index: 0, seed: 0, tasks: 3 })!;
    expect(first.choose(candidates([0]), { step: 0, previous: -1 })).toBe(0);
    expect(first.choose(candidates([1, 2]), { step: 1, previous: 0 })).toBe(0);
    expect(first.choose(candidates([2]), { step: 2, previous: 1 })).toBe(0);
    dfs.done({ steps: 3 });
    // The next schedule replays step 1 and takes T2 there, but step 1 now offers other tasks.
    const second = dfs.next({ index: 1, seed: 0, tasks: 3 })!;
    expect(second.choose(candidates([0]), { step: 0, previous: -1 })).toBe(0);
    expect(() => second.choose(candidates([1]), { step: 1, previous: 0 })).toThrow(
      /dfs: the scenario is not deterministic.*at step 2 the runnable tasks were \[1:m.get\(x\)\], but \[1:m.get\(x\) 2:m.get\(x\)\]/,
    );
    // The scheduler may turn the chooser's error into a task's error and go on: later choices
    // let the phase wind down, and done() raises the error again.
    expect(second.choose(candidates([1]), { step: 1, previous: 0 })).toBe(0);
    expect(() => dfs.done({ steps: 2 })).toThrow(/not deterministic/);
    expect(() => dfs.next({ index: 2, seed: 0, tasks: 3 })).toThrow(/not deterministic/);
    dfs.beginScenario();
    expect(dfs.next({ index: 0, seed: 0, tasks: 3 })).toBeDefined();
  });

  it('throws when a replayed schedule ends before its recorded choices', () => {
    const dfs = createDfsStrategy({ maxPreemptions: 1 });
    dfs.beginScenario();
    const first = dfs.next({ index: 0, seed: 0, tasks: 3 })!;
    first.choose(candidates([0]), { step: 0, previous: -1 });
    first.choose(candidates([1, 2]), { step: 1, previous: 0 });
    first.choose(candidates([2]), { step: 2, previous: 1 });
    dfs.done({ steps: 3 });
    const second = dfs.next({ index: 1, seed: 0, tasks: 3 })!;
    second.choose(candidates([0]), { step: 0, previous: -1 });
    expect(() => dfs.done({ steps: 1 })).toThrow(/not deterministic.*took 1 steps, but 2/);
  });

  it('detects a nondeterministic scenario run through the scheduler', async () => {
    // After `flip` runs, T1's second step changes: replaying an earlier prefix meets it either
    // at the phase's first choice (runPhase throws) or inside a task (done() throws).
    for (const flip of [1, 2, 3]) {
      let run = 0;
      const base = inserts(2, 3);
      const flaky: typeof base = (s, map) => {
        const specs = base(s, map);
        if (++run <= flip) return specs;
        const changed = async () => {
          await map.insert('b0', 0);
          await map.get('q');
          await map.get('q');
        };
        return flip === 1
          ? [{ name: 'T0', body: changed }, specs[1]!]
          : [specs[0]!, { name: 'T1', body: changed }];
      };
      const dfs = createDfsStrategy({ maxPreemptions: 2 });
      await expect(explore(dfs, flaky, { tasks: 2 })).rejects.toThrow(
        /not deterministic.*at step \d+ the runnable/,
      );
      expect(dfs.describe()).toMatch(/^stopped: dfs: the scenario is not deterministic/);
    }
  });

  it('schedules are the same on every run of the search', async () => {
    const once = async () =>
      (await explore(createDfsStrategy({ maxPreemptions: 2 }), lostUpdate)).map((r) => r.trace.join(' '));
    expect(await once()).toEqual(await once());
    // And a DFS schedule replays on the scheduler as it ran.
    const dfs = createDfsStrategy({ maxPreemptions: 0 });
    dfs.beginScenario();
    const r = await runOnce(lostUpdate, dfs.next({ index: 0, seed: 0, tasks: 2 })!);
    expect(r.trace).toEqual(['A:m.get(n)', 'A:m.insert(n)', 'B:m.get(n)', 'B:m.insert(n)']);
  });
});

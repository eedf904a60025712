import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runStrategy } from '../../sim/explore/run.ts';
import type { ScheduleRun } from '../../sim/explore/runSchedule.ts';
import type { Scenario, ScenarioOp } from '../../sim/scenario/types.ts';
import { createDfsStrategy } from '../../sim/strategies/dfs.ts';
import { createDporStrategy } from '../../sim/strategies/dpor.ts';
import type { Strategy } from '../../sim/strategies/types.ts';
import { findImplementation } from '../../src/catalog.ts';
import type { Implementation } from '../../src/types.ts';
import { explore, inserts, lostUpdate } from './harness.ts';

describe('dpor', () => {
  it('runs one schedule when every step commutes, and knows the scenario is done', async () => {
    const dpor = createDporStrategy();
    const runs = await explore(dpor, inserts(3, 2));
    expect(runs).toHaveLength(1);
    expect(dpor.complete()).toBe(true);
    expect(dpor.traces()).toBe(1);
    expect(dpor.describe()).toBe('every trace explored (1 trace)');
    expect(dpor.next({ index: 1, seed: 0, tasks: 3 })).toBeUndefined();
  });

  it('explores the 4 traces of the lost update, once each, reaching both counts', async () => {
    // Of the 6 interleavings of A: get, insert and B: get, insert, the two with both gets first
    // in either order are one trace each way the inserts go: 4 traces.
    const dpor = createDporStrategy();
    const runs = await explore(dpor, lostUpdate);
    expect(runs.map((r) => r.trace.map((e) => e.split(':')[0]).join(''))).toEqual([
      'AABB',
      'ABBA',
      'ABAB',
      'BBAA',
    ]);
    expect(new Set(runs.map((r) => r.counter))).toEqual(new Set([1, 2]));
    expect(dpor.complete()).toBe(true);
  });

  it('with iterative bounding runs the preemption-free traces first, and completes once a pass prunes nothing', async () => {
    const iterative = createDporStrategy({ iterativeBounding: true });
    const runs = await explore(iterative, lostUpdate);
    // Pass 0 runs A then B and prunes the reversal (a preemption); pass 1 adds the traces with one
    // preemption; pass 2 prunes nothing: it ran all 4 traces, so the scenario is complete.
    const order = runs.map((r) => r.trace.map((e) => e.split(':')[0]).join(''));
    expect(order).toEqual(['AABB', 'AABB', 'ABBA', 'BBAA', 'AABB', 'ABBA', 'ABAB', 'BBAA']);
    expect(runs.slice(0, 4).every((r) => r.preemptions <= 1)).toBe(true);
    expect(iterative.complete()).toBe(true);
    const independent = createDporStrategy({ iterativeBounding: true });
    expect(await explore(independent, inserts(3, 2))).toHaveLength(1);
    expect(independent.complete()).toBe(true);
    expect(() => createDporStrategy({ iterativeBounding: true, maxPreemptions: 1 })).toThrow(/iterative/);
  });

  it('stops incomplete at its trace budget, and a preemption bound keeps it from claiming completeness', async () => {
    const budgeted = createDporStrategy({ maxTraces: 2 });
    expect(await explore(budgeted, lostUpdate)).toHaveLength(2);
    expect(budgeted.complete()).toBe(false);
    const bounded = createDporStrategy({ maxPreemptions: 0 });
    const runs = await explore(bounded, lostUpdate);
    expect(runs.every((r) => r.preemptions === 0)).toBe(true);
    expect(bounded.complete()).toBe(false);
    expect(() => createDporStrategy({ maxTraces: 0 })).toThrow(/maxTraces/);
  });
});

/**
 * Everything an interleaving decides, up to the names of worker ids: ids are renamed in order of
 * first appearance in the results (task by task), and the live workers are a set, not an order.
 */
function outcome(run: ScheduleRun): string {
  const { history, snapshot } = run.execution;
  const phases = ['setup', 'tasks', 'post'];
  const records = [...history].sort(
    (a, b) =>
      phases.indexOf(a.phase) - phases.indexOf(b.phase) || a.taskIndex - b.taskIndex || a.call - b.call,
  );
  const names = new Map<string, string>();
  const rename = (text: string) =>
    text.replace(/id\d+/g, (id) => {
      if (!names.has(id)) names.set(id, `#${names.size + 1}`);
      return names.get(id)!;
    });
  const results = rename(JSON.stringify(records.map((r) => [r.task, r.op, r.result ?? null])));
  const workers = [...snapshot.workers.entries()].map(([id, w]) =>
    rename(JSON.stringify([id, w.url, w.models])),
  );
  return JSON.stringify({
    results,
    workers: workers.sort(),
    urls: [...snapshot.urlToId.keys()].sort(),
    models: [...snapshot.modelIndex.entries()].map(([m, ws]) => [m, ws.map((w) => w.url).sort()]).sort(),
    status: run.execution.phases.tasks?.status,
    violations: [...new Set(run.violations.map((v) => v.invariant))].sort(),
  });
}

async function outcomes(scenario: Scenario, impl: Implementation, strategy: Strategy, cap: number) {
  const seen = new Set<string>();
  let schedules = 0;
  for await (const { run } of runStrategy(scenario, impl, strategy, { seed: 1, firstIndex: 0 })) {
    seen.add(outcome(run));
    if (++schedules > cap) break;
  }
  return { seen, schedules };
}

/**
 * Small scenarios whose operations collide: every worker is at URL U or V, the setup may register
 * one (bound as X), and 2 tasks of 1–2 writes or 3 tasks of one race on them, so interleavings differ in outcome.
 */
function collidingScenario(impl: Implementation): fc.Arbitrary<Scenario> {
  const writes = (
    [
      'register',
      'registerOrReplace',
      'replace',
      'remove',
      'removeByUrl',
      'reserve',
      'releaseReservation',
    ] as const
  ).filter((k) => impl.operations.has(k));
  const op = fc.record({
    kind: fc.constantFrom(...writes),
    worker: fc.constantFrom('A', 'B', 'C'),
    url: fc.constantFrom('U', 'V'),
  });
  return fc
    .record({
      setup: fc.boolean(),
      // 2 tasks × 1–2 operations, or 3 tasks × 1: trees exhaustive DFS still finishes.
      tasks: fc.oneof(
        fc.array(fc.array(op, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
        fc.array(fc.array(op, { minLength: 1, maxLength: 1 }), { minLength: 3, maxLength: 3 }),
      ),
    })
    .map(({ setup, tasks }) => ({
      name: 'colliding',
      workers: {
        A: { url: 'U', models: ['m'] },
        B: { url: 'U', models: ['n'], type: 'Prefill' },
        C: { url: 'V', models: ['m'], mode: 'Grpc' },
      },
      setup: setup ? [{ op: 'register', worker: 'A', as: 'X' }] : [],
      tasks: tasks.map((ops, t) => ({
        name: `T${t + 1}`,
        ops: ops.map((o): ScenarioOp => {
          switch (o.kind) {
            case 'register':
            case 'registerOrReplace':
              return { op: o.kind, worker: o.worker };
            case 'replace':
              return { op: 'replace', id: 'X', worker: o.worker };
            case 'remove':
              return { op: 'remove', id: 'X' };
            case 'removeByUrl':
              return { op: 'removeByUrl', url: o.url };
            case 'reserve':
              return { op: 'reserve', url: o.url };
            default:
              return { op: 'releaseReservation', url: o.url };
          }
        }),
      })),
      post: [
        { op: 'getByUrl', url: 'U' },
        { op: 'getByUrl', url: 'V' },
        { op: 'getByModel', model: 'm' },
      ],
    }));
}

describe('dpor against exhaustive dfs', () => {
  const impls = ['v756', 'r0', 'v836', 'v1113', 'head', 'actor', 'actor-dashmap'].map(
    (name) => findImplementation(name)!,
  );
  for (const impl of impls) {
    it(`reaches every outcome exhaustive DFS reaches, in no more schedules (${impl.name})`, async () => {
      let exhausted = 0;
      let complete = 0;
      await fc.assert(
        fc.asyncProperty(collidingScenario(impl), async (scenario) => {
          const dfs = createDfsStrategy({ maxPreemptions: 1_000, maxSchedules: 1_500 });
          const all = await outcomes(scenario, impl, dfs, 1_500);
          const dpor = createDporStrategy({ maxTraces: 5_000 });
          const reduced = await outcomes(scenario, impl, dpor, 5_000);
          // A scenario whose every step conflicts has too many traces to exhaust here.
          if (!dpor.complete()) return;
          complete++;
          // Whatever DFS reached, even cut short by its budget, DPOR reached too.
          for (const seen of all.seen) expect(reduced.seen).toContain(seen);
          if (!dfs.exhausted()) return;
          // Over a whole tree: the same outcomes, in no more schedules.
          expect(reduced.seen.size).toBe(all.seen.size);
          expect(reduced.schedules).toBeLessThanOrEqual(all.schedules);
          exhausted++;
        }),
        { seed: 7, numRuns: 20 },
      );
      expect(complete).toBeGreaterThanOrEqual(10);
      expect(exhausted).toBeGreaterThanOrEqual(4);
    }, 60_000);
  }
});

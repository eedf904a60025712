import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../sim/explore/runSchedule.ts';
import { deriveSeed } from '../../sim/explore/seeds.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import {
  createSharedStepProfile,
  sharedStepCounts,
  type TaskAccess,
} from '../../sim/strategies/sharedSteps.ts';
import { createSurwStrategy } from '../../sim/strategies/surw.ts';
import type { Strategy } from '../../sim/strategies/types.ts';
import { findImplementation } from '../../src/catalog.ts';
import { explore, type Scenario } from './harness.ts';

const at = (task: number, target: string | undefined, op?: string, key: unknown = ''): TaskAccess => ({
  task,
  target,
  op,
  key,
});

describe('the shared-step profile', () => {
  it('counts only the steps on entries two tasks touch and one writes', () => {
    const trace = [
      at(0, 'm', 'insert', 'a0'), // private: T0 alone touches m[a0]
      at(0, 'm', 'insert', 'x'), // shared: T1 reads m[x]
      at(1, 'm', 'get', 'x'),
      at(1, 'm', 'get', 'r'), // read by both, written by no one: not shared
      at(0, 'm', 'get', 'r'),
      at(2, 'n', 'insert', 'x'), // another target, T2 alone
      at(2, undefined), // no access (a task resuming)
      at(1, 'locks[id1]', 'lock', ''), // one mutex, two tasks
      at(2, 'locks[id1]', 'lock', ''),
      at(0, 'locks[id2]', 'lock', ''), // another mutex, T0 alone
    ];
    expect(sharedStepCounts(trace, 4)).toEqual([1, 2, 1, 0]);
  });

  it('takes whole-target calls and writes under guard as touching the entries they cover', () => {
    const trace = [
      at(0, 'workers', 'iter', '*'), // touches workers[id1], which T1 writes
      at(1, 'workers', 'insert', 'id1'),
      at(1, 'workers', 'insert', 'id1'),
      at(0, 'model_index', 'get+rebuild_hash_ring', 'm'), // writes hash_rings[m], read by T2
      at(2, 'hash_rings', 'get', 'm'),
      at(2, 'hash_rings', 'get', 'n'), // no one else touches hash_rings[n]
    ];
    expect(sharedStepCounts(trace)).toEqual([2, 2, 1]);
    const profile = createSharedStepProfile();
    profile.add(trace);
    const entries = profile.shared().map((e) => `${e.target}[${e.key}]: ${e.counts.join(',')}`);
    // workers[*] (the iter) is touched by both tasks too: a whole-target entry of its own.
    expect(entries).toEqual(['workers[*]: 1,2', 'workers[id1]: 1,2', 'hash_rings[m]: 1,0,1']);
  });

  it('keeps what later runs add: newly shared entries, and the most steps a task took', () => {
    const profile = createSharedStepProfile();
    profile.add([at(0, 'm', 'insert', 'x'), at(1, 'm', 'get', 'x')]);
    profile.add([at(0, 'm', 'insert', 'x'), at(0, 'm', 'insert', 'x'), at(1, 'm', 'insert', 'y')]);
    profile.add([at(0, 'm', 'get', 'y')]);
    const entries = profile.shared().map((e) => `${e.key}: ${e.counts.join(',')}`);
    expect(entries).toEqual(['x: 2,1', 'y: 1,1']);
  });
});

/** Names of the tasks in `runs`' traces whose steps touch `x`, one string per run. */
const ordersOnX = (traces: readonly string[][]) =>
  traces.map((trace) =>
    trace
      .filter((e) => e.endsWith('(x)'))
      .map((e) => e[0])
      .join(''),
  );

/** Total variation distance between the frequencies of `samples` and the uniform law over `outcomes`. */
function distanceFromUniform(samples: readonly string[], outcomes: number): number {
  const freq = new Map<string, number>();
  for (const s of samples) freq.set(s, (freq.get(s) ?? 0) + 1);
  let distance = (outcomes - freq.size) / outcomes;
  for (const n of freq.values()) distance += Math.abs(n / samples.length - 1 / outcomes);
  return distance / 2;
}

describe('surw', () => {
  // A writes x three times, each after four private inserts; B reads x three times. The orders of
  // the six steps on x are the 20 ways to interleave AAA with BBB. A random walk mostly runs B's
  // reads first (each of A's writes needs it to win five coin flips in a row); SURW gives each
  // order 1/20 once it has profiled that A and B take three steps each on x.
  const privateThenShared: Scenario = (_s, map) => [
    {
      name: 'A',
      body: async () => {
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 4; j++) await map.insert(`a${i}${j}`, j);
          await map.insert('x', i);
        }
      },
    },
    {
      name: 'B',
      body: async () => {
        for (let i = 0; i < 3; i++) await map.get('x');
      },
    },
  ];
  const orders = async (strategy: Strategy) =>
    ordersOnX((await explore(strategy, privateThenShared, { seed: 5, limit: 600 })).map((r) => r.trace));

  it('samples the orders of the shared steps uniformly, where a random walk is far from it', async () => {
    const surw = await orders(createSurwStrategy({ schedulesPerScenario: 600 }));
    const random = await orders(createRandomStrategy({ schedulesPerScenario: 600 }));
    expect(new Set(surw).size).toBe(20);
    expect(distanceFromUniform(surw, 20)).toBeLessThan(0.12);
    expect(distanceFromUniform(random, 20)).toBeGreaterThan(0.5);
    // The order a random walk all but never takes: all of A's writes before B's first read.
    expect(surw.filter((o) => o === 'AAABBB').length).toBeGreaterThanOrEqual(15);
    expect(random.filter((o) => o === 'AAABBB').length).toBeLessThanOrEqual(1);
  });

  it('profiles the first run, then weights tasks by their steps on the shared entry', async () => {
    const surw = createSurwStrategy({ schedulesPerScenario: 3 });
    expect(surw.shared()).toEqual([]);
    await explore(surw, privateThenShared, { seed: 1, limit: 3 });
    expect(surw.shared().map((e) => `${e.target}[${e.key}]: ${e.counts.join(',')}`)).toEqual(['m[x]: 3,3']);
    expect(surw.describe()).toBe('3 SURW schedules; 1 shared entries in the last scenario');
    surw.beginScenario();
    expect(surw.shared()).toEqual([]);
  });

  it('gives the same schedules for the same seed, others for other seeds', async () => {
    const traces = async (seed: number) =>
      (await explore(createSurwStrategy({ schedulesPerScenario: 30 }), privateThenShared, { seed })).map(
        (r) => r.trace.join(' '),
      );
    expect(await traces(7)).toEqual(await traces(7));
    expect(await traces(8)).not.toEqual(await traces(7));
  });

  it('with one schedule per scenario, is the random walk (there is no run to profile from)', async () => {
    const firsts = async (strategy: () => Strategy) => {
      const out: string[] = [];
      for (let seed = 1; seed <= 10; seed++)
        out.push((await explore(strategy(), privateThenShared, { seed }))[0]!.trace.join(' '));
      return out;
    };
    const surw = await firsts(() => createSurwStrategy());
    expect(surw).toEqual(await firsts(() => createRandomStrategy()));
    expect(new Set(surw).size).toBeGreaterThan(1);
    const one = createSurwStrategy();
    one.beginScenario();
    expect(one.next({ index: 0, seed: 1, tasks: 2 })).toBeDefined();
    expect(one.next({ index: 1, seed: 2, tasks: 2 })).toBeUndefined();
    expect(() => createSurwStrategy({ schedulesPerScenario: 0 })).toThrow(/schedulesPerScenario/);
  });

  it('finds the fabricated-id race on r0 within 300 schedules for seeds 1 to 3', async () => {
    const parsed = parseScenarioText(readFileSync('scenarios/known/fabricated-id.json', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const scenario = parsed.scenario;
    const r0 = findImplementation('r0')!;
    const found: number[] = [];
    for (let seed = 1; seed <= 3; seed++) {
      const surw = createSurwStrategy({ schedulesPerScenario: 300 });
      surw.beginScenario();
      for (let index = 0; ; index++) {
        const chooser = surw.next({ index, seed: deriveSeed(seed, index), tasks: scenario.tasks.length });
        if (chooser === undefined) break;
        const run = await runSchedule(scenario, r0, chooser);
        surw.done({ steps: run.execution.phases.tasks?.steps ?? 0 });
        if (run.violations.length > 0) {
          found.push(index + 1);
          break;
        }
      }
    }
    expect(found).toHaveLength(3);
  });
});

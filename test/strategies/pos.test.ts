import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../sim/explore/runSchedule.ts';
import { deriveSeed } from '../../sim/explore/seeds.ts';
import { replayToken } from '../../sim/replay/replayScenario.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import { conflicts } from '../../sim/scheduler/conflicts.ts';
import type { Candidate } from '../../sim/scheduler/types.ts';
import { createPosChooser, createPosStrategy } from '../../sim/strategies/pos.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import { findImplementation } from '../../src/catalog.ts';
import type { Prng } from '../../src/determinism/prng.ts';
import { explore, type Scenario } from './harness.ts';

/** A candidate about to make `op` on `target` for `key` (no access when `target` is undefined). */
function step(task: number, target?: string, op?: string, key: unknown = ''): Candidate {
  return { task, name: `T${task}`, label: `${target}.${op}(${String(key)})`, target, op, key };
}

/** A PRNG that hands out the given floats in order and counts what it was asked for. */
function scripted(floats: number[]): Prng & { drawn: () => number } {
  let drawn = 0;
  const nextFloat = () => {
    const f = floats[drawn++];
    if (f === undefined) throw new Error(`scripted PRNG: draw ${drawn} was not scripted`);
    return f;
  };
  return {
    nextFloat,
    nextU32: () => Math.floor(nextFloat() * 0x1_0000_0000),
    below: (n) => Math.floor(nextFloat() * n),
    drawn: () => drawn,
  };
}

describe('the conflict relation', () => {
  it.each([
    ['a write and a read of one key', step(0, 'm', 'insert', 'k'), step(1, 'm', 'get', 'k'), true],
    ['two writes of one key', step(0, 'm', 'entry', 'k'), step(1, 'm', 'remove_if', 'k'), true],
    ['two reads of one key', step(0, 'm', 'get', 'k'), step(1, 'm', 'contains_key', 'k'), false],
    ['writes of different keys', step(0, 'm', 'insert', 'a'), step(1, 'm', 'insert', 'b'), false],
    ['one key on different targets', step(0, 'm', 'insert', 'k'), step(1, 'n', 'insert', 'k'), false],
    ['a whole-map read and a write', step(0, 'm', 'iter', '*'), step(1, 'm', 'insert', 'k'), true],
    ['a whole-map read and a read', step(0, 'm', 'len', '*'), step(1, 'm', 'get', 'k'), false],
    ['two locks of one mutex', step(0, 'locks[id1]', 'lock', ''), step(1, 'locks[id1]', 'lock', ''), true],
    ['locks of two mutexes', step(0, 'locks[id1]', 'lock', ''), step(1, 'locks[id2]', 'lock', ''), false],
    // The actor registry's commit rewrites entries other keys share.
    [
      'a commit and a read of another key',
      step(0, 'index', 'commit', 'U'),
      step(1, 'index', 'get_by_model', 'm'),
      true,
    ],
    [
      'two reads of the index',
      step(0, 'index', 'ring_lookup', 'm'),
      step(1, 'index', 'get_by_url', 'm'),
      false,
    ],
    // Reads model_index, but writes the ring under its guard.
    [
      'two ring rebuilds',
      step(0, 'model_index', 'get+rebuild_hash_ring', 'm'),
      step(1, 'model_index', 'get+rebuild_hash_ring', 'm'),
      true,
    ],
    [
      'a ring rebuild and a read of that ring',
      step(0, 'model_index', 'get+rebuild_hash_ring', 'm'),
      step(1, 'hash_rings', 'get', 'm'),
      true,
    ],
    [
      'a ring rebuild and a read of another ring',
      step(0, 'model_index', 'get+rebuild_hash_ring', 'm'),
      step(1, 'hash_rings', 'get', 'n'),
      false,
    ],
    ['an unknown op (counts as a write)', step(0, 'm', 'frobnicate', 'k'), step(1, 'm', 'get', 'k'), true],
    ['a task resuming after a suspension', step(0), step(1, 'm', 'insert', 'k'), false],
  ])('%s', (_, a, b, expected) => {
    expect(conflicts(a, b)).toBe(expected);
    expect(conflicts(b, a)).toBe(expected);
  });
});

describe('pos', () => {
  it('runs the highest priority; after a step, re-prioritises exactly the pending steps that conflict with it', () => {
    /** T0 writes `key` and runs first; then which task runs next, and how many floats were drawn. */
    const afterWriting = (key: string, floats: number[]) => {
      const prng = scripted(floats);
      const chooser = createPosChooser(prng);
      // T0 (0.9) writes `key`, T1 (0.5) waits to read x, T2 (0.4) to read y.
      const first = [step(0, 'm', 'insert', key), step(1, 'm', 'get', 'x'), step(2, 'm', 'get', 'y')];
      expect(chooser.choose(first, { step: 0, previous: -1 })).toBe(0);
      const next = [step(0, 'm', 'get', 'z'), step(1, 'm', 'get', 'x'), step(2, 'm', 'get', 'y')];
      const picked = next[chooser.choose(next, { step: 1, previous: 0 })]!.task;
      return { picked, drawn: prng.drawn() };
    };
    // Writing x conflicts with T1's pending read of x: T1 is reset to 0.1, so T2 (kept at 0.4)
    // beats T0's new step (0.3) and T1. Draws: three priorities, one reset, T0's new step.
    expect(afterWriting('x', [0.9, 0.5, 0.4, 0.1, 0.3])).toEqual({ picked: 2, drawn: 5 });
    // Writing z conflicts with nothing: no reset is drawn, and T1 keeps 0.5 and runs.
    expect(afterWriting('z', [0.9, 0.5, 0.4, 0.3])).toEqual({ picked: 1, drawn: 4 });
  });

  it('gives a task that comes back from a suspension a fresh priority', () => {
    const prng = scripted([0.9, 0.5, 0.2, 0.6]);
    const chooser = createPosChooser(prng);
    // T0 (0.9) runs, then blocks; T1 keeps 0.5 (no draw) and runs alone.
    const start = [step(0, 'm', 'insert', 'a'), step(1, 'm', 'insert', 'b')];
    expect(chooser.choose(start, { step: 0, previous: -1 })).toBe(0);
    expect(chooser.choose([step(1, 'm', 'insert', 'b')], { step: 1, previous: 0 })).toBe(0);
    expect(prng.drawn()).toBe(2);
    // Woken T0 draws 0.2 (not its old 0.9) and loses to T1's new step (0.6).
    expect(chooser.choose([step(0), step(1, 'm', 'insert', 'c')], { step: 2, previous: 1 })).toBe(1);
    expect(prng.drawn()).toBe(4);
  });

  it('gives the same choices for the same seed, others for other seeds', () => {
    const run = (seed: number) => {
      const pos = createPosStrategy();
      pos.beginScenario();
      const chooser = pos.next({ index: 0, seed, tasks: 3 })!;
      const keys = ['x', 'y', 'x'];
      return Array.from({ length: 40 }, (_, n) =>
        chooser.choose(
          [0, 1, 2].map((t) => step(t, 'm', n % 2 === 0 ? 'insert' : 'get', keys[(t + n) % 3])),
          { step: n, previous: -1 },
        ),
      ).join('');
    };
    expect(run(7)).toBe(run(7));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(run)).size).toBeGreaterThan(1);
  });

  it('gives schedulesPerScenario choosers per scenario', () => {
    const pos = createPosStrategy({ schedulesPerScenario: 2 });
    pos.beginScenario();
    expect(pos.next({ index: 0, seed: 1, tasks: 2 })).toBeDefined();
    expect(pos.next({ index: 1, seed: 2, tasks: 2 })).toBeDefined();
    expect(pos.next({ index: 2, seed: 3, tasks: 2 })).toBeUndefined();
    pos.beginScenario();
    expect(pos.next({ index: 3, seed: 4, tasks: 2 })).toBeDefined();
    expect(pos.describe()).toBe('3 POS schedules');
    expect(() => createPosStrategy({ schedulesPerScenario: 0 })).toThrow(/schedulesPerScenario/);
  });

  it('samples a partial order a random walk almost never reaches: one task running 12 steps ahead', async () => {
    // A inserts 12 keys of its own, then x; B reads x once and records what it saw in n. B sees
    // x only if it waits through all 13 of A's steps: a random walk does that with probability
    // 2^-13; POS with 1/14, since A's steps do not conflict with B's read and leave its priority be.
    const ahead: Scenario = (_s, map) => [
      {
        name: 'A',
        body: async () => {
          for (let i = 0; i < 12; i++) await map.insert(`a${i}`, i);
          await map.insert('x', 1);
        },
      },
      { name: 'B', body: async () => void (await map.insert('n', (await map.get('x')) ?? 0)) },
    ];
    const saw = (r: { counter: number | undefined }) => r.counter === 1;
    const hits = async (strategy: Parameters<typeof explore>[0]) =>
      (await explore(strategy, ahead, { seed: 3, limit: 300 })).filter(saw).length;
    expect(await hits(createPosStrategy({ schedulesPerScenario: 300 }))).toBeGreaterThanOrEqual(8);
    expect(await hits(createRandomStrategy({ schedulesPerScenario: 300 }))).toBeLessThanOrEqual(1);
  });

  it('finds R1 on r0 within 20 schedules for seed 1, and the finding replays from its recorded steps', async () => {
    const parsed = parseScenarioText(readFileSync('scenarios/known/R1.json', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const scenario = parsed.scenario;
    const r0 = findImplementation('r0')!;
    const pos = createPosStrategy({ schedulesPerScenario: 20 });
    pos.beginScenario();
    const breaks = (violations: readonly { invariant: string }[]) =>
      violations.some((v) => v.invariant === 'url-unique');
    let found: Awaited<ReturnType<typeof runSchedule>> | undefined;
    for (let index = 0; found === undefined; index++) {
      const chooser = pos.next({ index, seed: deriveSeed(1, index), tasks: scenario.tasks.length });
      if (chooser === undefined) break;
      const run = await runSchedule(scenario, r0, chooser);
      pos.done({ steps: run.execution.phases.tasks?.steps ?? 0 });
      if (breaks(run.violations)) found = run;
    }
    expect(found).toBeDefined();
    const replayed = await replayToken({ impl: 'r0', scenario, schedule: found!.schedule }, r0);
    expect(replayed.divergences).toEqual([]);
    expect(breaks(replayed.violations)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { regsimDetection } from '../../bench/detection.bench.ts';
import { FINDINGS, loadFindingScenario } from '../../bench/findings.ts';
import { instrument } from '../../bench/instrument.ts';
import type { Candidate, Chooser } from '../../sim/scheduler/types.ts';
import { createRandomStrategy } from '../../sim/strategies/random.ts';
import {
  coverageOf,
  finalWrites,
  INITIAL,
  pairId,
  readsFrom,
  stepIds,
  type TracedStep,
} from '../../sim/strategies/readsFrom.ts';
import { createRffStrategy, pickImposition, pickNegation } from '../../sim/strategies/rff.ts';
import {
  followOrder,
  imposeOrder,
  negateOrder,
  type PlannedChoice,
  redrawPlan,
} from '../../sim/strategies/rffMutations.ts';
import { findImplementation } from '../../src/catalog.ts';
import { createPrng } from '../../src/determinism/prng.ts';
import { explore, lostUpdate, runOnce, type Scenario } from './harness.ts';

/** A step of task `task` making `op` on `target` for `key` (no access when `target` is undefined). */
function step(task: number, target?: string, op?: string, key: unknown = ''): TracedStep & Candidate {
  return { task, name: `T${task}`, label: `${target}.${op}(${String(key)})`, target, op, key };
}

/** The pairs of a trace as `writer>reader` index strings, for readable expectations. */
const pairsOf = (trace: readonly TracedStep[]) => readsFrom(trace).map((p) => `${p.writer}>${p.reader}`);

/** Whether `trace`'s step `reader` reads from its step `writer`. */
const readsFromIn = (trace: readonly TracedStep[], writer: number, reader: number) =>
  readsFrom(trace).some((p) => p.writer === writer && p.reader === reader);

/**
 * `order` is a run a scheduler can produce: no step twice, each task's steps in trace order, and
 * a step only after every earlier step of its task.
 */
const keepsProgramOrder = (trace: readonly TracedStep[], order: readonly number[]) =>
  new Set(order).size === order.length &&
  order.every((i, n) => order.slice(n + 1).every((j) => trace[j]!.task !== trace[i]!.task || j > i)) &&
  order.every((i) => trace.slice(0, i).every((s, j) => s.task !== trace[i]!.task || order.includes(j)));

/** Three tasks on one key: a lost-update shape (reads then writes) plus a third writer. */
const shared: TracedStep[] = [
  step(0, 'm', 'get', 'k'), // 0: T0 reads the initial k
  step(1, 'm', 'get', 'k'), // 1: T1 reads the initial k
  step(0, 'm', 'insert', 'k'), // 2: T0 writes k (sees the initial k)
  step(2, 'm', 'insert', 'k'), // 3: T2 writes k (sees T0's)
  step(1, 'm', 'insert', 'k'), // 4: T1 writes k (sees T2's)
  step(0, 'm', 'get', 'k'), // 5: T0 reads k (T1's)
];

describe('the reads-from relation', () => {
  it('pairs each access with the last earlier write of its entry by another task, or the initial state', () => {
    expect(pairsOf(shared)).toEqual([`${INITIAL}>0`, `${INITIAL}>1`, `${INITIAL}>2`, '2>3', '3>4', '4>5']);
    // A task reading its own write is program order: no pair, and no initial read either.
    expect(pairsOf([step(0, 'm', 'insert', 'k'), step(0, 'm', 'get', 'k')])).toEqual([`${INITIAL}>0`]);
    // Other keys, other targets and reads are not writes of the entry.
    const apart = [
      step(0, 'm', 'insert', 'a'),
      step(1, 'n', 'insert', 'k'),
      step(2, 'm', 'get', 'k'),
      step(1, 'm', 'get', 'k'),
    ];
    expect(pairsOf(apart)).toEqual([`${INITIAL}>0`, `${INITIAL}>1`, `${INITIAL}>2`, `${INITIAL}>3`]);
  });

  it('follows whole-target semantics: a whole read sees each entry, a whole write is seen by every key', () => {
    const trace = [
      step(0, 'm', 'insert', 'a'),
      step(1, 'm', 'insert', 'b'),
      step(0, 'm', 'insert', 'b'),
      step(2, 'm', 'iter', '*'), // sees a (T0) and b (T0 again), not T1's hidden b
      step(1, 'locks[x]', 'lock', ''),
      step(2, 'locks[x]', 'lock', ''), // one mutex: the second lock reads from the first
      step(0, 'index', 'commit', 'U'),
      step(1, 'index', 'get_by_model', 'm'), // a commit rewrites every entry of the index
    ];
    expect(pairsOf(trace)).toEqual([
      `${INITIAL}>0`,
      `${INITIAL}>1`,
      '1>2',
      '2>3',
      '0>3',
      `${INITIAL}>4`,
      '4>5',
      `${INITIAL}>6`,
      '6>7',
    ]);
    // A whole-target write hides every earlier write of its target from a whole read.
    const cleared = [step(0, 'm', 'insert', 'a'), step(1, 'm', 'clear', '*'), step(2, 'm', 'len', '*')];
    expect(pairsOf(cleared)).toEqual([`${INITIAL}>0`, '0>1', '1>2']);
  });

  it('names steps by task, label and occurrence, and covers the final write of each entry', () => {
    expect(stepIds(shared)).toEqual([
      '0:m.get(k)#0',
      '1:m.get(k)#0',
      '0:m.insert(k)#0',
      '2:m.insert(k)#0',
      '1:m.insert(k)#0',
      '0:m.get(k)#1',
    ]);
    expect(finalWrites(shared)).toEqual([4]);
    expect(
      finalWrites([step(0, 'm', 'insert', 'a'), step(1, 'm', 'insert', 'b'), step(0, 'm', 'insert', 'a')]),
    ).toEqual([1, 2]);
    expect(coverageOf(shared)).toContain('1:m.insert(k)#0>end');
    expect(coverageOf(shared)).toContain('init>0:m.get(k)#0');
    expect(pairId(stepIds(shared), { writer: 2, reader: 3 })).toBe('0:m.insert(k)#0>2:m.insert(k)#0');
  });
});

describe('RFF mutations', () => {
  it('imposes a pair: the writer runs right before the reader, which then reads from it', () => {
    // Each (writer, reader) of different tasks on k that is not already a pair, earlier or later.
    for (const [w, r] of [
      [2, 4], // T1's write sees T0's instead of T2's (writer earlier, another write in between)
      [3, 1], // T1's first read sees T2's write (writer later than the reader)
      [4, 2], // T0's write sees T1's
      [3, 5],
    ] as const) {
      expect(readsFromIn(shared, w, r)).toBe(false);
      const order = imposeOrder(shared, w, r);
      expect(keepsProgramOrder(shared, order)).toBe(true);
      expect(order.slice(-2)).toEqual([w, r]);
      const reordered = order.map((i) => shared[i]!);
      expect(readsFromIn(reordered, order.length - 2, order.length - 1)).toBe(true);
    }
    expect(imposeOrder(shared, 3, 1)).toEqual([0, 3, 1]);
    // The later step's task takes its steps in between first: T1's read of x precedes its read of k.
    const between = [
      step(0, 'm', 'insert', 'k'),
      step(1, 'm', 'get', 'x'),
      step(2, 'm', 'insert', 'k'),
      step(1, 'm', 'get', 'k'),
    ];
    expect(imposeOrder(between, 0, 3)).toEqual([1, 0, 3]);
    expect(keepsProgramOrder(between, imposeOrder(between, 0, 3))).toBe(true);
    expect(negateOrder(between, 2, 3)).toEqual([0, 1, 3, 2]);
    expect(imposeOrder(shared, 2, 4)).toEqual([0, 1, 2, 4]);
    expect(() => imposeOrder(shared, 2, 5)).toThrow(/two tasks/);
  });

  it('negates a pair: the reader runs before the writer it saw, and no longer reads from it', () => {
    for (const pair of readsFrom(shared).filter((p) => p.writer >= 0)) {
      const order = negateOrder(shared, pair.writer, pair.reader);
      expect(keepsProgramOrder(shared, order)).toBe(true);
      expect(order.slice(-2)).toEqual([pair.reader, pair.writer]);
      const reordered = order.map((i) => shared[i]!);
      expect(readsFromIn(reordered, order.length - 1, order.length - 2)).toBe(false);
      expect(order.indexOf(pair.reader)).toBeLessThan(order.indexOf(pair.writer));
    }
    // T0's last read saw T1's write: it now runs right before that write.
    expect(negateOrder(shared, 4, 5)).toEqual([0, 1, 2, 3, 5, 4]);
  });

  it('re-draws choices: the recorded prefix up to the last, each re-drawn one avoiding its task', () => {
    expect(redrawPlan(shared, [1, 3])).toEqual([{ task: 0 }, { avoid: 1 }, { task: 0 }, { avoid: 2 }]);
    expect(redrawPlan(shared, [])).toEqual([]);
    expect(followOrder(shared, [0, 3, 1])).toEqual([{ task: 0 }, { task: 2 }, { task: 1 }]);
  });

  it('picks an imposition that is not already a pair, new pairs first, and a negation of a real pair', () => {
    const ids = stepIds(shared);
    const current = new Set(readsFrom(shared).map((p) => pairId(ids, p)));
    const seenAll = () => true;
    const seenNone = () => false;
    for (let seed = 0; seed < 50; seed++) {
      for (const seen of [seenAll, seenNone]) {
        const order = pickImposition(shared, createPrng(seed), seen)!;
        const [w, r] = order.slice(-2) as [number, number];
        expect(shared[w]!.task).not.toBe(shared[r]!.task);
        expect(current.has(pairId(ids, { writer: w, reader: r }))).toBe(false);
      }
      const negated = pickNegation(shared, createPrng(seed))!;
      const [r, w] = negated.slice(-2) as [number, number];
      expect(readsFromIn(shared, w, r)).toBe(true);
    }
    // Of the writers a reader could see, a pair never seen wins: T1's read (1) could see T0's
    // write (2) or T2's (3), not its own; only T2's is new.
    const onlyNew = pairId(ids, { writer: 3, reader: 1 });
    const picks = Array.from({ length: 50 }, (_, seed) =>
      pickImposition(shared, createPrng(seed), (id) => id !== onlyNew)!.slice(-2),
    );
    const ofReader1 = picks.filter(([, r]) => r === 1);
    expect(ofReader1.length).toBeGreaterThan(0);
    expect(ofReader1.every(([w]) => w === 3)).toBe(true);
    // Only reads: nothing to impose, nothing to negate.
    const reads = [step(0, 'm', 'get', 'k'), step(1, 'm', 'get', 'k')];
    expect(pickImposition(reads, createPrng(1), seenNone)).toBeUndefined();
    expect(pickNegation(reads, createPrng(1))).toBeUndefined();
  });

  it('a followed imposition holds on the real scheduler: B reads A’s write, the lost update is gone', async () => {
    // Record the interleaving get A, get B, insert A, insert B (the lost update), as a trace.
    const interleaved = await runOnce(
      lostUpdate,
      following([{ task: 0 }, { task: 1 }, { task: 0 }, { task: 1 }]),
    );
    const trace = interleaved.outcome.trace;
    expect(interleaved.counter).toBe(1);
    // B's get (step 1) reads the initial state; impose A's insert (step 2) before it.
    const order = imposeOrder(trace, 2, 1);
    const run = await runOnce(lostUpdate, following(followOrder(trace, order)));
    expect(readsFromIn(run.outcome.trace, 1, 2)).toBe(true);
    expect(run.counter).toBe(2);
  });
});

/** A chooser that runs a plan's tasks, then the lowest runnable task. */
function following(plan: readonly PlannedChoice[]): Chooser {
  let n = 0;
  return {
    choose(candidates) {
      const planned = plan[n++];
      if (planned === undefined || !('task' in planned)) return 0;
      const index = candidates.findIndex((c) => c.task === planned.task);
      if (index < 0) throw new Error(`planned task ${planned.task} is not runnable`);
      return index;
    },
  };
}

/** Three tasks, two keys, three read-then-write increments each: plenty of reads-from pairs. */
const counters: Scenario = (_s, map) =>
  ['A', 'B', 'C'].map((name, t) => ({
    name,
    body: async () => {
      for (let i = 0; i < 3; i++) {
        const key = (t + i) % 2 === 0 ? 'n' : 'x';
        await map.insert(key, ((await map.get(key)) ?? 0) + 1);
      }
    },
  }));

describe('rff', () => {
  it('gives the same schedules for the same seed, others for another', async () => {
    const traces = async (seed: number) =>
      (await explore(createRffStrategy({ schedulesPerScenario: 150 }), counters, { seed, limit: 150 })).map(
        (r) => r.trace.join(' '),
      );
    const first = await traces(4);
    expect(await traces(4)).toEqual(first);
    expect(await traces(5)).not.toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(100);
  });

  it('keeps a schedule exactly when it shows a reads-from pair or final write no earlier one showed', async () => {
    const rff = createRffStrategy({ schedulesPerScenario: 300 });
    rff.beginScenario();
    const seen = new Set<string>();
    const seeds = createPrng(9);
    let kept = 0;
    for (let index = 0; index < 300; index++) {
      const chooser = rff.next({ index, seed: seeds.nextU32(), tasks: 3 })!;
      const run = await runOnce(counters, chooser);
      rff.done({ steps: run.outcome.steps });
      const items = coverageOf(run.outcome.trace);
      const grows = items.some((item) => !seen.has(item));
      for (const item of items) seen.add(item);
      if (grows) kept++;
      expect(rff.observed()).toEqual({ corpus: kept, coverage: seen.size });
    }
    // Some schedules add nothing (so the check above saw both cases), and the corpus grew past the first.
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeLessThan(300);
    rff.beginScenario();
    expect(rff.observed()).toEqual({ corpus: 0, coverage: 0 });
  });

  it('returns only valid choices, following a prefix that no longer fits as far as it goes', () => {
    const rff = createRffStrategy({ schedulesPerScenario: 1_000 });
    rff.beginScenario();
    const three = [step(0, 'm', 'insert', 'k'), step(1, 'm', 'get', 'k'), step(2, 'm', 'insert', 'k')];
    for (let index = 0; index < 1_000; index++) {
      const chooser = rff.next({ index, seed: index, tasks: 3 })!;
      // Later schedules see fewer tasks, so recorded prefixes name tasks that are not runnable.
      const runnable = three.slice(index % 3);
      for (let n = 0; n < 6; n++) {
        const candidates = runnable.slice(n % runnable.length);
        const choice = chooser.choose(candidates, { step: n, previous: -1 });
        expect(Number.isInteger(choice) && choice >= 0 && choice < candidates.length).toBe(true);
      }
      rff.done({ steps: 6 });
    }
    expect(rff.describe()).toMatch(/^1000 RFF schedules \(\d+ mutated from the corpus\)/);
  });

  it('gives schedulesPerScenario choosers per scenario, one (its seed walk) by default', () => {
    const rff = createRffStrategy();
    rff.beginScenario();
    expect(rff.next({ index: 0, seed: 1, tasks: 2 })).toBeDefined();
    expect(rff.next({ index: 1, seed: 2, tasks: 2 })).toBeUndefined();
    expect(() => createRffStrategy({ schedulesPerScenario: 0 })).toThrow(/schedulesPerScenario/);
  });

  it('is a uniform random walk with one schedule per scenario: the seed walk, choice for choice', () => {
    const choices = (strategy: ReturnType<typeof createRandomStrategy>, seed: number) => {
      strategy.beginScenario();
      const chooser = strategy.next({ index: 0, seed, tasks: 3 })!;
      const all = [step(0, 'm', 'get', 'k'), step(1, 'm', 'insert', 'k'), step(2, 'm', 'insert', 'x')];
      return Array.from({ length: 30 }, (_, n) =>
        chooser.choose(all.slice(n % 2), { step: n, previous: -1 }),
      );
    };
    for (const seed of [1, 2, 3])
      expect(choices(createRffStrategy(), seed)).toEqual(choices(createRandomStrategy(), seed));
  });

  /** Schedules to first detection of catalogue finding `id` under `strategy` for `seed`, or undefined. */
  const detect = (id: string, strategy: string, seed: number, max: number) => {
    const finding = FINDINGS.find((f) => f.id === id)!;
    const probe = instrument(findImplementation(finding.impl)!);
    return regsimDetection(loadFindingScenario(finding), probe, finding, strategy, 3, seed, max);
  };

  it("finds R0's fabricated id (r0/FAB) within 300 schedules on each of seeds 1–3", async () => {
    for (const seed of [1, 2, 3])
      expect(await detect('r0/FAB', 'rff', seed, 300), `seed ${seed}`).toBeDefined();
  });

  it("finds v756's read skew within 50 schedules on seeds 1–3, where a random walk needs more on each", async () => {
    for (const seed of [1, 2, 3]) {
      expect(await detect('v756/RS', 'rff', seed, 50), `rff, seed ${seed}`).toBeDefined();
      expect(await detect('v756/RS', 'random', seed, 50), `random, seed ${seed}`).toBeUndefined();
    }
  });
});

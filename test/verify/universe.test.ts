/**
 * The bounded universe: canonical keys are invariant under the symmetries, enumeration yields one
 * scenario per class (checked against the explicit group of the small universe, not the key), it
 * uses every write kind an implementation offers and none it lacks, and its counts match a
 * brute-force enumeration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioOp } from '../../sim/scenario/types.ts';
import { setupId, universeAlphabet, universeSetups, universeWorkers } from '../../sim/verify/alphabet.ts';
import type { VerifyBound } from '../../sim/verify/bound.ts';
import { canonicalKey, permutations } from '../../sim/verify/canonical.ts';
import { countUniverse, enumerateUniverse, orderedUniverseSize } from '../../sim/verify/universe.ts';
import { UNIVERSES } from '../../sim/verify/universes.ts';
import { findImplementation } from '../../src/catalog.ts';
import type { WorkerSpec } from '../../src/domain/worker.ts';
import type { OperationKind } from '../../src/spec/operations.ts';

const small = UNIVERSES.small;
const kindsOf = (name: string) => findImplementation(name)!.operations;
const bound = (tasks: [number, number], ops: [number, number]): VerifyBound => ({
  tasks: { min: tasks[0], max: tasks[1] },
  ops: { min: ops[0], max: ops[1] },
});

/** A scenario with every name replaced through `rename` (workers renamed too, tasks reordered by `order`). */
function renamed(
  s: Scenario,
  rename: { url: (u: string) => string; model: (m: string) => string; worker: (w: string) => string },
  order: readonly number[],
): Scenario {
  const workers: Record<string, WorkerSpec> = {};
  for (const [name, spec] of Object.entries(s.workers)) {
    workers[rename.worker(name)] = {
      ...spec,
      url: rename.url(spec.url),
      models: (spec.models ?? []).map(rename.model),
    };
  }
  const op = (o: ScenarioOp): ScenarioOp => {
    const out: Record<string, unknown> = { ...o };
    if ('worker' in o) out.worker = rename.worker(o.worker);
    if ('url' in o) out.url = rename.url(o.url);
    return out as unknown as ScenarioOp;
  };
  return {
    ...s,
    workers,
    setup: s.setup.map(op),
    tasks: order.map((t, i) => ({ name: `Q${i}`, ops: s.tasks[t]!.ops.map(op) })),
    post: s.post.map(op),
  };
}

const scenarios = [...enumerateUniverse(small, kindsOf('actor'), bound([2, 3], [1, 1]))];

describe('canonical keys', () => {
  it('are invariant under renaming URLs, models and workers and permuting tasks', () => {
    const shuffled = <T>(xs: readonly T[]) =>
      fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });
    fc.assert(
      fc.property(
        fc
          .nat({ max: scenarios.length - 1 })
          .chain((i) =>
            fc.tuple(
              fc.constant(scenarios[i]!),
              shuffled(['U1', 'U2', 'Z1', 'Z2']),
              shuffled(['a', 'b', 'y', 'z']),
              shuffled(permutationsOf(scenarios[i]!.tasks.length)),
            ),
          ),
        ([s, urls, models, [order]]) => {
          const url = (u: string) => urls[['U1', 'U2'].indexOf(u)]!;
          const model = (m: string) => models[['a', 'b'].indexOf(m)]!;
          const r = renamed(s, { url, model, worker: (w) => `w-${w}` }, order!);
          expect(canonicalKey(r)).toBe(canonicalKey(s));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('tell apart scenarios that differ in more than names', () => {
    const [s] = scenarios;
    const other: Scenario = {
      ...s!,
      tasks: [s!.tasks[0]!, { name: 'T2', ops: [{ op: 'removeByUrl', url: 'U2' }] }],
    };
    expect(canonicalKey(other)).not.toBe(canonicalKey(s!));
  });
});

function permutationsOf(n: number): number[][] {
  return [...permutations(n)];
}

/**
 * The small universe's symmetries as an explicit group on worker names: swapping the URLs, and
 * swapping the variants A and B (model a with b, Regular with Prefill, Http with Grpc together).
 */
const GROUP: readonly ((w: string) => string)[] = [
  (w) => w,
  (w) => w.replace('1', '#').replace('2', '1').replace('#', '2'),
  (w) => (w[0] === 'A' ? 'B' : 'A') + w.slice(1),
  (w) => (w[0] === 'A' ? 'B' : 'A') + w.replace('1', '#').replace('2', '1').replace('#', '2').slice(1),
];
const swapUrl = (g: number, u: string) => (g % 2 === 1 ? (u === 'U1' ? 'U2' : 'U1') : u);

/** Every image of `s` under the explicit group, written with the universe's own names. */
function images(s: Scenario): string[] {
  const out: string[] = [];
  for (const [g, worker] of GROUP.entries()) {
    const op = (o: ScenarioOp) => {
      const x: Record<string, unknown> = { ...o };
      if ('worker' in o) x.worker = worker(o.worker);
      if ('url' in o) x.url = swapUrl(g, o.url);
      return JSON.stringify(x);
    };
    for (const order of permutations(s.tasks.length)) {
      out.push(JSON.stringify([s.setup.map(op), order.map((t) => s.tasks[t]!.ops.map(op))]));
    }
  }
  return out;
}

describe('enumeration', () => {
  it.each([
    ['r0', bound([1, 1], [1, 2])],
    ['actor', bound([2, 3], [1, 1])],
  ])('yields, for %s within %j, no two scenarios that one symmetry maps onto each other', (impl, b) => {
    const all = [...enumerateUniverse(small, kindsOf(impl), b)];
    const owner = new Map<string, number>();
    all.forEach((s, i) => {
      for (const image of images(s)) {
        const before = owner.get(image);
        expect(before === undefined || before === i, `#${before! + 1} and #${i + 1} are symmetric`).toBe(
          true,
        );
        owner.set(image, i);
      }
    });
  });

  it('is deterministic and names each scenario by its place', () => {
    const again = [...enumerateUniverse(small, kindsOf('actor'), bound([2, 3], [1, 1]))];
    expect(again).toEqual(scenarios);
    expect(scenarios.map((s) => s.name).slice(0, 2)).toEqual(['verify small #1', 'verify small #2']);
  });

  it('enumerates smaller scenarios first', () => {
    const sizes = scenarios.map((s) => s.tasks.reduce((n, t) => n + t.ops.length, 0));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });

  it.each([
    [
      'actor',
      ['register', 'replace', 'registerOrReplace', 'remove', 'removeByUrl', 'reserve', 'releaseReservation'],
    ],
    ['r0', ['register', 'replace', 'registerOrReplace', 'remove', 'removeByUrl', 'reserve']],
    ['pre714', ['register', 'registerOrReplace', 'remove', 'removeByUrl', 'reserve']],
  ])('covers every write kind %s offers, and only those', (impl, kinds) => {
    const used = new Set<OperationKind>();
    for (const s of enumerateUniverse(small, kindsOf(impl), bound([1, 1], [1, 1])))
      for (const op of s.tasks.flatMap((t) => t.ops)) used.add(op.op);
    expect([...used].sort()).toEqual([...kinds].sort());
  });

  it('has no reads: the checks judge the quiescent state itself', () => {
    for (const s of scenarios) expect(s.post).toEqual([]);
  });
});

/** Brute force: every setup and every ordered tuple of tasks, counted by orbits of the explicit group. */
function bruteForce(kinds: ReadonlySet<OperationKind>, b: VerifyBound): { ordered: number; classes: number } {
  const workers = universeWorkers(small);
  const classes = new Set<string>();
  let ordered = 0;
  for (const setup of universeSetups(small)) {
    const alphabet = universeAlphabet(
      small,
      kinds,
      setup.map((_, i) => setupId(i)),
    );
    const sequences: ScenarioOp[][] = [];
    const extend = (prefix: ScenarioOp[]) => {
      if (prefix.length >= b.ops.min) sequences.push(prefix);
      if (prefix.length < b.ops.max) for (const op of alphabet) extend([...prefix, op]);
    };
    extend([]);
    for (let n = b.tasks.min; n <= b.tasks.max; n++) {
      const tuples = (k: number): ScenarioOp[][][] =>
        k === 0 ? [[]] : tuples(k - 1).flatMap((t) => sequences.map((s) => [...t, s]));
      for (const tasks of tuples(n)) {
        ordered++;
        const s: Scenario = {
          name: 'raw',
          workers: Object.fromEntries(workers),
          setup,
          tasks: tasks.map((ops, i) => ({ name: `T${i + 1}`, ops })),
          post: [],
        };
        classes.add([...images(s)].sort()[0]!);
      }
    }
  }
  return { ordered, classes: classes.size };
}

describe('counts', () => {
  it.each([
    ['r0', bound([1, 2], [1, 1])],
    ['actor', bound([2, 2], [1, 1])],
    ['v836', bound([1, 1], [1, 2])],
  ])('match a brute-force enumeration for %s within %j', (impl, b) => {
    const brute = bruteForce(kindsOf(impl), b);
    expect(countUniverse(small, kindsOf(impl), b)).toBe(brute.classes);
    expect(orderedUniverseSize(small, kindsOf(impl), b)).toBe(brute.ordered);
  });

  it('are what the documentation quotes for actor in small', () => {
    expect(countUniverse(small, kindsOf('actor'), bound([2, 2], [1, 1]))).toBe(226);
    expect(countUniverse(small, kindsOf('actor'), bound([3, 3], [1, 1]))).toBe(1490);
    expect(orderedUniverseSize(small, kindsOf('actor'), bound([2, 2], [2, 2]))).toBe(559_700);
  });
});

/**
 * Every scenario of a universe within a bound, up to symmetry (`canonical.ts`): pure, lazy and
 * deterministic. Shapes come smaller first (`shapes.ts`), and within a shape setups shortest first,
 * then the tasks' multisets in order, so the first failing scenario is a smallest one. A scenario
 * is yielded when no scenario before it has its canonical key; scenarios of different shapes are
 * never symmetric, so only one shape's keys are held at a time. Each scenario is named by its
 * 1-based place in the enumeration (`verify small #12`), the same in every shard.
 */
import type { WorkerSpec } from '../../src/domain/worker.ts';
import type { OperationKind } from '../../src/spec/operations.ts';
import type { Scenario, ScenarioOp } from '../scenario/types.ts';
import { setupId, universeAlphabet, universeSetups, universeWorkers } from './alphabet.ts';
import type { VerifyBound } from './bound.ts';
import { canonicalKey } from './canonical.ts';
import { shapes, taskMultisets } from './shapes.ts';
import type { Universe } from './universes.ts';

/** The names of the workers `ops` use. */
function usedWorkers(ops: readonly ScenarioOp[]): Set<string> {
  return new Set(ops.flatMap((op) => ('worker' in op ? [op.worker] : [])));
}

/** The scenario of a setup and tasks, with the workers they use. */
function buildScenario(
  universe: Universe,
  setup: readonly ScenarioOp[],
  tasks: readonly (readonly ScenarioOp[])[],
): Scenario {
  const all = universeWorkers(universe);
  const used = usedWorkers([...setup, ...tasks.flat()]);
  const workers: Record<string, WorkerSpec> = {};
  for (const [name, spec] of all) if (used.has(name)) workers[name] = spec;
  return {
    name: `verify ${universe.name}`,
    workers,
    setup,
    tasks: tasks.map((ops, i) => ({ name: `T${i + 1}`, ops })),
    post: [],
  };
}

/**
 * The scenarios of `universe` within `bound` whose operations `kinds` offers, one per symmetry
 * class, in enumeration order.
 */
export function* enumerateUniverse(
  universe: Universe,
  kinds: ReadonlySet<OperationKind>,
  bound: VerifyBound,
): Generator<Scenario> {
  const setups = universeSetups(universe);
  const alphabets = setups.map((setup) =>
    universeAlphabet(
      universe,
      kinds,
      setup.map((_, i) => setupId(i)),
    ),
  );
  let index = 0;
  for (const shape of shapes(bound)) {
    const seen = new Set<string>();
    for (const [s, setup] of setups.entries()) {
      const alphabet = alphabets[s]!;
      for (const tasks of taskMultisets(shape, alphabet.length)) {
        const scenario = buildScenario(
          universe,
          setup,
          tasks.map((task) => task.map((i) => alphabet[i]!)),
        );
        const key = canonicalKey(scenario);
        if (seen.has(key)) continue;
        seen.add(key);
        index++;
        yield { ...scenario, name: `verify ${universe.name} #${index}` };
      }
    }
  }
}

/** How many scenarios {@link enumerateUniverse} yields (it enumerates them without running any). */
export function countUniverse(
  universe: Universe,
  kinds: ReadonlySet<OperationKind>,
  bound: VerifyBound,
): number {
  let n = 0;
  for (const _ of enumerateUniverse(universe, kinds, bound)) n++;
  return n;
}

/**
 * How many scenarios the bound holds before any symmetry is used: every setup, and the tasks in
 * order, each a sequence of operations of an allowed length.
 */
export function orderedUniverseSize(
  universe: Universe,
  kinds: ReadonlySet<OperationKind>,
  bound: VerifyBound,
): number {
  let n = 0;
  for (const setup of universeSetups(universe)) {
    const size = universeAlphabet(
      universe,
      kinds,
      setup.map((_, i) => setupId(i)),
    ).length;
    let perTask = 0;
    for (let length = bound.ops.min; length <= bound.ops.max; length++) perTask += size ** length;
    for (let tasks = bound.tasks.min; tasks <= bound.tasks.max; tasks++) n += perTask ** tasks;
  }
  return n;
}

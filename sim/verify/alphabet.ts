/**
 * What a universe scenario is made of: its workers, the setups (which workers exist, bound to
 * X1, X2, …, before the tasks start) and the operations a task may run.
 *
 * Tasks run only writes: every write kind the implementation offers, each with every argument
 * the universe gives it (a worker, a URL, or an id the setup bound). No reads are generated, in
 * the tasks or in the post part: every check judges the quiescent state itself (the structural
 * invariants compare every index against `workers`; final-state compares `workers` and
 * `url_to_id`, reservations included, with the specification's state after some linearization;
 * event-order reads the change stream), so a read after the tasks could only report what those
 * already report, and every write's result is judged by the linearizability check. What a
 * write-only universe cannot show are the anomalies only a concurrent read observes: a transient
 * gap during a replace (spec §5 I7) and read skew; those are left to the fuzzer.
 */
import type { WorkerSpec } from '../../src/domain/worker.ts';
import { OPERATIONS, type OperationKind, operationKind, WRITE_KINDS } from '../../src/spec/operations.ts';
import type { ScenarioOp } from '../scenario/types.ts';
import type { Universe } from './universes.ts';

/** Every worker of `universe` by name: each variant on each URL. */
export function universeWorkers(universe: Universe): ReadonlyMap<string, WorkerSpec> {
  const workers = new Map<string, WorkerSpec>();
  universe.urls.forEach((url, u) => {
    for (const v of universe.variants) {
      workers.set(`${v.name}${u + 1}`, { url, models: [...v.models], type: v.type, mode: v.mode });
    }
  });
  return workers;
}

/** The write kinds a universe generates for an implementation offering `kinds`, in table order. */
export function generatedKinds(kinds: ReadonlySet<OperationKind>): OperationKind[] {
  return (Object.keys(OPERATIONS) as OperationKind[]).filter((k) => WRITE_KINDS.has(k) && kinds.has(k));
}

/** The id name the setup binds its i-th (0-based) registration to. */
export const setupId = (i: number): string => `X${i + 1}`;

/**
 * Every setup: sequences of up to `maxSetup` registrations of workers on distinct URLs (a second
 * registration of a taken URL would be refused, binding nothing), shortest first.
 */
export function universeSetups(universe: Universe): ScenarioOp[][] {
  const workers = [...universeWorkers(universe)];
  const setups: ScenarioOp[][] = [[]];
  let level: { ops: ScenarioOp[]; urls: string[] }[] = [{ ops: [], urls: [] }];
  for (let size = 1; size <= universe.maxSetup; size++) {
    const next: typeof level = [];
    for (const partial of level) {
      for (const [name, spec] of workers) {
        if (partial.urls.includes(spec.url)) continue;
        const op: ScenarioOp = { op: 'register', worker: name, as: setupId(size - 1) };
        next.push({ ops: [...partial.ops, op], urls: [...partial.urls, spec.url] });
      }
    }
    for (const s of next) setups.push(s.ops);
    level = next;
  }
  return setups;
}

/**
 * The operations a task may run after a setup that bound `ids`: each generated kind with every
 * combination of its arguments, in kind order, then argument order. A kind that needs an id has
 * no operation when the setup bound none.
 */
export function universeAlphabet(
  universe: Universe,
  kinds: ReadonlySet<OperationKind>,
  ids: readonly string[],
): ScenarioOp[] {
  const workerNames = [...universeWorkers(universe).keys()];
  const choices = { worker: workerNames, id: ids, url: universe.urls } as const;
  const ops: ScenarioOp[] = [];
  for (const kind of generatedKinds(kinds)) {
    let partial: Record<string, string>[] = [{ op: kind }];
    for (const argument of operationKind(kind).arguments) {
      if (!Object.hasOwn(choices, argument))
        throw new Error(`verify: no universe values for the ${argument} of ${kind}`);
      const values = choices[argument as keyof typeof choices];
      partial = partial.flatMap((op) => values.map((value) => ({ ...op, [argument]: value })));
    }
    // Built from the kind's own argument list, each given a value of its scenario type.
    ops.push(...(partial as unknown as ScenarioOp[]));
  }
  return ops;
}

/**
 * What one run of a finding's scenario shows, under either driver (the regsim strategies and
 * `fc.scheduler()`), and the runtime wrapper that records it: the detection benchmark judges both
 * drivers by predicates (`predicates.ts`) over this observation alone.
 */
import type { OperationRecord } from '../sim/scenario/execute.ts';
import type { Violation } from '../src/invariants/index.ts';
import type { Runtime } from '../src/memory/runtime.ts';
import type { Implementation, Registry } from '../src/types.ts';

/** What one run shows, under either driver. */
export interface Observation {
  readonly violations: readonly Violation[];
  readonly history: readonly OperationRecord[];
  /**
   * Every atomic step the run executed, in execution order and over all phases, labelled
   * `target.op(key)` as in interleaving tables (e.g. `worker_mutation_locks[id1].lock()`). The
   * driver-neutral trace: it has no task names, which `fc.scheduler()` does not know.
   */
  readonly steps: readonly string[];
  /** Every id ever stored in `workers`, with the labels of the workers stored under it. */
  readonly stored: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every id `url_to_id` ever mapped a URL to. */
  readonly mapped: ReadonlySet<string>;
}

/** An implementation that records what its runs did, and the observation of the last run. */
export interface Instrumented {
  readonly impl: Implementation;
  /** The last run's observation (call after the run, with its violations and history). */
  observe(run: {
    readonly violations: readonly Violation[];
    readonly history: readonly OperationRecord[];
  }): Observation;
}

/**
 * Wraps `base` so that every run records its executed steps and what `workers` and `url_to_id`
 * ever held, for any implementation and either driver: the runtime handed to `base.create` is
 * wrapped, and just before each atomic step executes (when the driver lets its task go on) the
 * registry's `inspect()` is sampled, so every state between two steps is seen. Runs must not
 * overlap (each `create` starts a new record).
 */
export function instrument(base: Implementation): Instrumented {
  let steps: string[] = [];
  let stored = new Map<string, Set<string>>();
  let mapped = new Set<string>();
  let registry: Registry | undefined;
  const sample = () => {
    if (registry === undefined) return;
    const snapshot = registry.inspect();
    for (const [id, worker] of snapshot.workers) {
      const labels = stored.get(id);
      if (labels === undefined) stored.set(id, new Set([worker.label]));
      else labels.add(worker.label);
    }
    for (const id of snapshot.urlToId.values()) mapped.add(id);
  };
  const wrap = (rt: Runtime): Runtime => ({
    simulated: rt.simulated,
    ids: rt.ids,
    step(target, op, key, nested) {
      const label = key === '' || key === '*' ? `${target}.${op}()` : `${target}.${op}(${String(key)})`;
      const executes = () => {
        sample();
        steps.push(label);
      };
      const wait = rt.step(target, op, key, nested);
      if (wait === undefined) {
        executes();
        return undefined;
      }
      return wait.then(executes);
    },
    note: (text) => rt.note(text),
    suspend: (reason) => rt.suspend(reason),
  });
  const impl: Implementation = {
    ...base,
    create: (rt) => {
      steps = [];
      stored = new Map();
      mapped = new Set();
      registry = undefined;
      registry = base.create(wrap(rt));
      return registry;
    },
  };
  return {
    impl,
    observe: (run) => {
      sample();
      return { violations: run.violations, history: run.history, steps, stored, mapped };
    },
  };
}

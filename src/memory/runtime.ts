/**
 * The seam between registry code and whoever runs it. Registry code calls `step` before every
 * atomic shared-memory operation and `suspend` when it must wait (a held lock, a busy mailbox).
 * In production these cost next to nothing; under the simulator each `step` is a scheduling
 * point where the scheduler picks the task that runs next.
 */
import type { IdSource } from '../determinism/ids.ts';

/** A parked task and the function that makes it runnable again. */
export interface Suspension {
  readonly resumed: Promise<void>;
  wake(): void;
}

/**
 * What registry code runs on: the controlled scheduler under the simulator, or
 * `createProductionRuntime` outside it. An `Implementation`'s `create(runtime)` receives one and
 * builds its `SharedMap`s, `LockTable`s and `AsyncMutex`es on it. Registry code calls it directly
 * to mint ids (`ids`), to note what a step observed, and for shared structures of its own (the
 * actor registry's router, index and mailboxes take their steps and suspensions here).
 *
 * The contract: every access to shared state is one `step`, matching one atomic unit of the Rust
 * original (one DashMap call, one lock acquisition), and code between two steps runs without
 * interruption. An interleaving is therefore a choice, at each step, of which task goes next.
 * Shared state touched without a step hides interleavings; under the simulator, awaiting anything
 * other than a step or a `suspend` escapes the scheduler, which reports the run as `escaped`.
 */
/**
 * An access a step makes inside its own guard besides the one it is named for: a nested call that
 * is not a scheduling point of its own (V836's `register` reads `workers` inside the `url_to_id`
 * entry). Declared so that what reasons about which steps commute (DPOR, POS) sees it. `key` is
 * `'*'` when it is not known before the step runs.
 */
export interface NestedAccess {
  readonly target: string;
  readonly op: string;
  readonly key: unknown;
}

export interface Runtime {
  /** True under the simulator: steps are scheduling points and may carry trace notes. */
  readonly simulated: boolean;
  /** The id source the registry mints `WorkerId`s from. */
  readonly ids: IdSource;
  /**
   * A scheduling point before one atomic step on `target` (e.g. `url_to_id.contains_key`) for
   * `key`. Returns `undefined` when the caller may perform the step at once, or a promise that
   * resolves when the caller is scheduled again. `nested` lists what else the step touches.
   */
  step(target: string, op: string, key: unknown, nested?: readonly NestedAccess[]): Promise<void> | undefined;
  /** Attaches the observed outcome to the step just taken (shown in interleaving tables). */
  note(text: string): void;
  /** Parks the calling task until `wake` is called; `reason` labels the wait in traces. */
  suspend(reason: string): Suspension;
}

/** A suspension that is a plain promise, for runtimes that do not schedule parked tasks. */
export function plainSuspension(): Suspension {
  let wake!: () => void;
  const resumed = new Promise<void>((resolve) => {
    wake = resolve;
  });
  return { resumed, wake };
}

/** A runtime for production mode: steps are free and suspension is a plain promise. */
export function createProductionRuntime(ids: IdSource): Runtime {
  return {
    simulated: false,
    ids,
    step: () => undefined,
    note: () => {},
    suspend: plainSuspension,
  };
}

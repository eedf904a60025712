/**
 * The scenario format (`scenarios/*.json`): named workers, a sequential setup, concurrent tasks,
 * an optional sequential post part (reads) and an optional scripted schedule.
 */
import type { ConnectionMode, WorkerSpec, WorkerType } from '../../src/domain/worker.ts';
import type { OperationArguments } from '../../src/spec/operations.ts';

/**
 * One step of a client, as written in a scenario. Workers are named (`"worker": "A"`); ids are
 * names bound by `as` on an earlier operation, resolved when the operation is called.
 */
export type ScenarioOp =
  | { readonly op: 'register'; readonly worker: string; readonly as?: string }
  | { readonly op: 'replace'; readonly id: string; readonly worker: string }
  | { readonly op: 'registerOrReplace'; readonly worker: string; readonly as?: string }
  | { readonly op: 'remove'; readonly id: string }
  | { readonly op: 'removeByUrl'; readonly url: string }
  | { readonly op: 'reserve'; readonly url: string; readonly as?: string }
  | { readonly op: 'releaseReservation'; readonly url: string }
  | { readonly op: 'get'; readonly id: string }
  | { readonly op: 'getByUrl'; readonly url: string }
  | { readonly op: 'getByModel'; readonly model: string }
  | { readonly op: 'getByType'; readonly type: WorkerType }
  | { readonly op: 'getByConnection'; readonly mode: ConnectionMode }
  | { readonly op: 'ringLookup'; readonly model: string; readonly key: string };

/**
 * Each argument's type as a scenario writes it: a worker by its name in `workers`, an id as a
 * name bound by `as` (or a literal id); the rest as in `Operation`.
 */
export interface ScenarioArguments extends Omit<OperationArguments, 'worker' | 'id'> {
  readonly worker: string;
  readonly id: string;
}

export interface ScenarioTask {
  readonly name: string;
  readonly ops: readonly ScenarioOp[];
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly workers: Readonly<Record<string, WorkerSpec>>;
  readonly setup: readonly ScenarioOp[];
  readonly tasks: readonly ScenarioTask[];
  readonly post: readonly ScenarioOp[];
  /** A scripted schedule: task names, one per step (`"T1*3"` repeats, `"T1*"` runs T1 while it can). */
  readonly schedule?: readonly string[];
}

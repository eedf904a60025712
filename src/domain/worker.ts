/**
 * The worker data model of the SMG registry (spec §1.2), reduced to the fields that drive the
 * registry's indexes, plus the identity a registry stores.
 */

/** `WorkerType` at V836: a plain enum (the bootstrap port is a separate, unindexed field). */
export type WorkerType = 'Regular' | 'Prefill' | 'Decode';
/** `ConnectionMode` at V836 (HEAD's `Zmq` is not modelled). */
export type ConnectionMode = 'Http' | 'Grpc';

export const WORKER_TYPES: readonly WorkerType[] = ['Regular', 'Prefill', 'Decode'];
export const CONNECTION_MODES: readonly ConnectionMode[] = ['Http', 'Grpc'];

/** `UNKNOWN_MODEL_ID`: the model id of a wildcard worker without a `model_id` label. */
export const UNKNOWN_MODEL_ID = 'unknown';

/**
 * What a client asks to register (spec §1.2 `WorkerSpec`).
 *
 * `models` encodes `WorkerModels`: empty (or absent) is `Wildcard`, one id is `Single`, two or
 * more are `Multi`.
 */
export interface WorkerSpec {
  readonly url: string;
  readonly models?: readonly string[];
  readonly type?: WorkerType;
  readonly mode?: ConnectionMode;
  readonly priority?: number;
  readonly cost?: number;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A worker object as a registry stores it (`Arc<dyn Worker>`). Every registration builds a new
 * object, so object identity (`===`) is what the model-index invariant compares.
 */
export interface Worker {
  /** A readable name for tables and histories, e.g. the scenario's worker name `A`. */
  readonly label: string;
  readonly url: string;
  readonly models: readonly string[];
  readonly type: WorkerType;
  readonly mode: ConnectionMode;
  readonly priority: number;
  readonly cost: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** Builds the worker object a registration call carries, with the spec's defaults filled in. */
export function createWorker(label: string, spec: WorkerSpec): Worker {
  return {
    label,
    url: spec.url,
    models: spec.models ?? [],
    type: spec.type ?? 'Regular',
    mode: spec.mode ?? 'Http',
    priority: spec.priority ?? 50,
    cost: spec.cost ?? 1,
    labels: spec.labels ?? {},
  };
}

/** `model_id()`: the primary model, else the `model_id` label, else `"unknown"`. */
export function primaryModelId(w: Worker): string {
  return w.models[0] ?? w.labels.model_id ?? UNKNOWN_MODEL_ID;
}

/**
 * `WorkerRegistry::worker_model_ids` (V756 onwards): the unique ids of `models()` in order,
 * falling back to `[model_id()]` for a wildcard worker.
 */
export function workerModelIds(w: Worker): string[] {
  if (w.models.length === 0) return [primaryModelId(w)];
  return [...new Set(w.models)];
}

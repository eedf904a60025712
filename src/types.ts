/**
 * The registry layer's shared types: the interface every implementation (the historical ports
 * and the actor registry) offers the simulator, and the snapshot the invariants read.
 */
import type { IdSource, WorkerId } from './determinism/ids.ts';
import type { HashRing } from './domain/hashRing.ts';
import type { ConnectionMode, Worker, WorkerType } from './domain/worker.ts';
import type { RegistryEventSource } from './events.ts';
import type { Runtime } from './memory/runtime.ts';
import type { OperationKind } from './spec/operations.ts';
import type { SpecVariant } from './spec/sequentialSpec.ts';

/**
 * A worker registry as the simulator drives it. Methods mirror the Rust ones (camelCase), and
 * return what that version returned. Optional methods exist only in some versions.
 */
export interface Registry {
  /** Create-only from R0 on (`Option<WorkerId>`); an upsert that always returns an id before. */
  register(worker: Worker): Promise<WorkerId | null>;
  /** Overwrite by id (R0 on). */
  replace?(id: WorkerId, worker: Worker): Promise<boolean>;
  /** The upsert of the split API (R0 on). */
  registerOrReplace?(worker: Worker): Promise<WorkerId>;
  remove(id: WorkerId): Promise<Worker | null>;
  removeByUrl(url: string): Promise<Worker | null>;
  reserveIdForUrl(url: string): Promise<WorkerId>;
  /** Releases a reservation that never became a worker (#2572; the actor registry). */
  releaseReservation?(url: string): Promise<boolean>;
  get(id: WorkerId): Promise<Worker | null>;
  getByUrl(url: string): Promise<Worker | null>;
  getByModel(model: string): Promise<readonly Worker[]>;
  getByType(type: WorkerType): Promise<readonly Worker[]>;
  getByConnection(mode: ConnectionMode): Promise<readonly Worker[]>;
  /** `get_hash_ring(model)` then `find_healthy_url(key, _ => true)`. */
  ringLookup(model: string, key: string): Promise<string | null>;
  /** The registry's maps without taking steps, for invariant checks at quiescence. */
  inspect(): RegistrySnapshot;
  /** The change stream, for registries that publish events (#1027 onwards; the actor registry). */
  readonly events?: RegistryEventSource;
}

/** The registry's state as the invariants of spec §5 see it. */
export interface RegistrySnapshot {
  readonly workers: ReadonlyMap<WorkerId, Worker>;
  readonly urlToId: ReadonlyMap<string, WorkerId>;
  readonly modelIndex: ReadonlyMap<string, readonly Worker[]>;
  readonly hashRings: ReadonlyMap<string, HashRing>;
  readonly typeWorkers: ReadonlyMap<WorkerType, readonly WorkerId[]>;
  readonly connectionWorkers: ReadonlyMap<ConnectionMode, readonly WorkerId[]>;
  /** Per-id lock tables (`worker_mutation_locks`), whose entries must not outlive their worker. */
  readonly idLocks?: ReadonlyMap<WorkerId, unknown>;
  /** The model ids this version indexes a worker under (PRE: only `model_id()`). */
  readonly indexedModels: (worker: Worker) => readonly string[];
  /** HEAD (#2147): a ring under `"unknown"` spanning every URL. */
  readonly wildcardRing: boolean;
}

/** An implementation the simulator can run: a historical port or the actor registry. */
export interface Implementation {
  /** Stable name used on the command line, e.g. `r0`. */
  readonly name: string;
  /** One line: which version or design this is. */
  readonly description: string;
  /** Which sequential specification its results are checked against. */
  readonly api: SpecVariant;
  /** Operation kinds it supports (the rest are rejected when a scenario is loaded). */
  readonly operations: ReadonlySet<OperationKind>;
  create(runtime: Runtime): Registry;
}

export type { IdSource, WorkerId };

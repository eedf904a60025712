/**
 * The maps every version of the registry has (spec §1.3), each a DashMap-like `SharedMap`
 * named after its Rust field so that traces read like the spec's tables.
 */
import type { WorkerId } from '../../determinism/ids.ts';
import type { HashRing } from '../../domain/hashRing.ts';
import type { ConnectionMode, Worker, WorkerType } from '../../domain/worker.ts';
import type { Runtime } from '../../memory/runtime.ts';
import { SharedMap } from '../../memory/SharedMap.ts';
import type { RegistrySnapshot } from '../../types.ts';

/**
 * The six DashMap fields of SMG's `WorkerRegistry` that every version has: `workers` (the primary
 * store), `url_to_id`, `model_index`, `hash_rings`, `type_workers` and `connection_workers`.
 * Version-specific fields (lock tables, HEAD's wildcard ring) live with the version.
 *
 * Atomicity: each map call is one scheduler step (see `SharedMap`), and a registry operation is a
 * sequence of them, atomic only where a version holds a lock. The index values are copy-on-write,
 * so a value read in one step never changes under its reader. `snapshot` takes no step.
 *
 * Use: an implementation builds one per registry in `create(runtime)`, runs its operations on the
 * maps, and answers `Registry.inspect()` with `snapshot`, adding what only the version knows.
 */
export class RegistryMaps {
  readonly workers: SharedMap<WorkerId, Worker>;
  readonly urlToId: SharedMap<string, WorkerId>;
  /** Copy-on-write slices: every update stores a new array, as SMG swaps in a new `Arc<[..]>`. */
  readonly modelIndex: SharedMap<string, readonly Worker[]>;
  readonly hashRings: SharedMap<string, HashRing>;
  /** Id lists, updated copy-on-write so that a value read in one step never changes later. */
  readonly typeWorkers: SharedMap<WorkerType, readonly WorkerId[]>;
  readonly connectionWorkers: SharedMap<ConnectionMode, readonly WorkerId[]>;

  constructor(readonly rt: Runtime) {
    this.workers = new SharedMap(rt, 'workers');
    this.urlToId = new SharedMap(rt, 'url_to_id');
    this.modelIndex = new SharedMap(rt, 'model_index');
    this.hashRings = new SharedMap(rt, 'hash_rings');
    this.typeWorkers = new SharedMap(rt, 'type_workers');
    this.connectionWorkers = new SharedMap(rt, 'connection_workers');
  }

  /** The maps as the invariants read them. */
  snapshot(
    extra: Pick<RegistrySnapshot, 'indexedModels' | 'wildcardRing'> & Partial<RegistrySnapshot>,
  ): RegistrySnapshot {
    return {
      workers: this.workers.peek(),
      urlToId: this.urlToId.peek(),
      modelIndex: this.modelIndex.peek(),
      hashRings: this.hashRings.peek(),
      typeWorkers: this.typeWorkers.peek(),
      connectionWorkers: this.connectionWorkers.peek(),
      ...extra,
    };
  }
}

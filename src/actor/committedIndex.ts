/**
 * What `ActorRegistry` needs from the shared state behind its URL actors: a commit per decided
 * change and the reads. `SharedIndex` commits in one step; the DashMap index
 * (`dashmap/DashMapIndex.ts`) commits in one map call per step, as a Rust port would.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Stepped } from '../memory/SharedMap.ts';
import type { RegistrySnapshot } from '../types.ts';
import type { ChangeEvent, ChangeStream } from './changeStream.ts';
import type { Reservation, WorkerRecord } from './results.ts';
import type { Change, CommitParty } from './sharedIndex.ts';

/** The shared indexes of an actor registry. */
export interface CommittedIndex {
  /** Applies `change` for `party` (who decided it while holding its URL's turn). */
  commit(change: Change, party: CommitParty): Stepped<ChangeEvent>;
  /** What `id` names: its live record, its reservation, or undefined. */
  lookupId(id: WorkerId): Stepped<WorkerRecord | Reservation | undefined>;
  get(id: WorkerId): Stepped<WorkerRecord | undefined>;
  /** The live worker at `url`; a reservation reads as absent. */
  getByUrl(url: string): Stepped<WorkerRecord | undefined>;
  getByModel(model: string): Stepped<readonly Worker[]>;
  getByType(type: WorkerType): Stepped<readonly Worker[]>;
  getByConnection(mode: ConnectionMode): Stepped<readonly Worker[]>;
  /** `get_hash_ring(model).find_healthy_url(key, _ => true)`. */
  ringLookup(model: string, key: string): Stepped<string | null>;
  /** Live workers (no step): for sizing and tests, never for decisions. */
  readonly liveCount: number;
  /** The state as the structural invariants read it (no step; call at quiescence). */
  snapshot(): RegistrySnapshot;
}

/** Builds the index an `ActorRegistry` commits to, appending each commit's event to `changes`. */
export type CommittedIndexFactory = (rt: Runtime, changes: ChangeStream) => CommittedIndex;

/**
 * regsim's public API for registry implementations written outside this repository (plugins:
 * `regsim fuzz --impl ./my-registry.ts`). A plugin exports an `Implementation` whose `create`
 * builds its registry on the given `Runtime`; every shared-state access goes through the
 * instrumented memory (`SharedMap`, `LockTable`, `AsyncMutex`) so the simulator can interleave it.
 * A registry that publishes change events offers them as `Registry.events` (a
 * `RegistryEventSource`, e.g. over a `Broadcast`); the simulator subscribes before any operation
 * runs and checks the stream with the `event-order` invariant.
 */
export type { IdSource, WorkerId } from './determinism/ids.ts';
export { HashRing, VIRTUAL_NODES_PER_WORKER } from './domain/hashRing.ts';
export {
  CONNECTION_MODES,
  type ConnectionMode,
  createWorker,
  primaryModelId,
  UNKNOWN_MODEL_ID,
  WORKER_TYPES,
  type Worker,
  type WorkerSpec,
  type WorkerType,
  workerModelIds,
} from './domain/worker.ts';
export type { RegistryEvent, RegistryEventListener, RegistryEventSource } from './events.ts';
export { AsyncMutex } from './memory/AsyncMutex.ts';
export { Broadcast } from './memory/Broadcast.ts';
export { LockTable } from './memory/LockTable.ts';
export type { Runtime, Suspension } from './memory/runtime.ts';
export { type Entry, SharedMap, type Stepped } from './memory/SharedMap.ts';
export type { OperationKind } from './spec/operations.ts';
export type { Implementation, Registry, RegistrySnapshot } from './types.ts';
// Building blocks the ports share: the registry's maps (named after SMG's fields) and the
// step-for-step index helpers of spec §2, so a plugin only writes the logic it is testing.
export { pushId, retainOtherIds } from './versions/shared/idLists.ts';
export {
  addWorkerToModelIndex,
  rebuildHashRing,
  removeWorkerFromModelIndex,
} from './versions/shared/modelIndex.ts';
export { SPLIT_API_OPERATIONS, UPSERT_API_OPERATIONS } from './versions/shared/operationSets.ts';
export { RegistryMaps } from './versions/shared/RegistryMaps.ts';
export { createReads } from './versions/shared/reads.ts';
export { removeUnlocked } from './versions/shared/removeUnlocked.ts';
export { reserveIdForUrl } from './versions/shared/reserve.ts';

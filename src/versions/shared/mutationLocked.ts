/**
 * The operations V836, V1113 and HEAD share step for step (spec §3.4, §3.5): `replace` and
 * `remove` under `worker_mutation_locks`, V1113's `register_inner`, and V836's
 * `register_or_replace`. The versions differ here in `rebuild_hash_ring`, which is passed in, and
 * in whether they send events (V1113 and HEAD, #1027).
 */
import type { WorkerId } from '../../determinism/ids.ts';
import { type Worker, workerModelIds } from '../../domain/worker.ts';
import type { RegistryEvent, RegistryEventSource } from '../../events.ts';
import { Broadcast } from '../../memory/Broadcast.ts';
import { LockTable } from '../../memory/LockTable.ts';
import type { Runtime } from '../../memory/runtime.ts';
import { pushId, retainOtherIds } from './idLists.ts';
import { withLock } from './locks.ts';
import { addWorkerToModelIndex, type RebuildHashRing, removeWorkerFromModelIndex } from './modelIndex.ts';
import type { RegistryMaps } from './RegistryMaps.ts';
import { reserveIdForUrl } from './reserve.ts';

/** What the shared operations act on. */
export interface LockedCore {
  readonly maps: RegistryMaps;
  /** `worker_mutation_locks` (R3 onwards): a per-id async mutex. */
  readonly locks: LockTable<WorkerId>;
  /** The version's `rebuild_hash_ring`. */
  readonly rebuild: RebuildHashRing;
  /** `event_tx` (#1027 onwards): each operation's event is sent last, under the id's lock (#1113). */
  readonly events?: Broadcast<RegistryEvent>;
}

/** An empty `event_tx` and the stream a subscriber reads it through (ports number no events). */
export function createEventChannel(rt: Runtime): {
  readonly channel: Broadcast<RegistryEvent>;
  readonly source: RegistryEventSource;
} {
  const channel = new Broadcast<RegistryEvent>(rt, 'event_tx');
  return { channel, source: { gapless: false, subscribe: (listener) => channel.subscribe(listener) } };
}

/** `event_tx.send(event)`, when the version has events. */
function sendEvent(core: LockedCore, event: RegistryEvent): Promise<void> | void {
  return core.events?.send(event, event.id, `${event.type} ${event.id}`);
}

type Register = (w: Worker) => Promise<WorkerId | null>;
type Replace = (id: WorkerId, w: Worker) => Promise<boolean>;

/** An empty `worker_mutation_locks` table. */
export function createMutationLocks(rt: Runtime): LockTable<WorkerId> {
  return new LockTable<WorkerId>(rt, 'worker_mutation_locks');
}

/** Indexes `w` under each of its models: `add_worker_to_model_index` then `rebuild_hash_ring`. */
async function addToModels(core: LockedCore, models: Iterable<string>, w: Worker): Promise<void> {
  for (const m of models) {
    await addWorkerToModelIndex(core.maps, m, w);
    await core.rebuild(core.maps, m);
  }
}

/**
 * `replace(id, w')` (V836 = R3): under the id's lock, snapshot the old worker, refuse a URL
 * change, then overwrite and diff the indexes. Kept models swap the object in place by URL (no
 * gap); removed models route to the old object, and added models are unroutable, until their turn.
 * Nothing removes the lock entry, so a replace of an absent id leaves one behind.
 */
export function lockedReplace(core: LockedCore): Replace {
  const { maps, locks, rebuild } = core;
  return (id, w) =>
    withLock(locks, id, async () => {
      const old = await maps.workers.get(id);
      if (old === undefined) return false;
      const oldModels = new Set(workerModelIds(old));
      const newModels = new Set(workerModelIds(w));
      const added = [...newModels].filter((m) => !oldModels.has(m));
      const kept = [...newModels].filter((m) => oldModels.has(m));
      // Logged as an error in Rust; no mutation happens.
      if (old.url !== w.url) return false;
      await maps.workers.insert(id, w);
      for (const m of oldModels) {
        if (!newModels.has(m)) await removeWorkerFromModelIndex(maps, m, old.url, rebuild);
      }
      await addToModels(core, added, w);
      await addToModels(core, kept, w);
      // Between each retain and push the id is in neither list.
      if (old.type !== w.type) {
        await retainOtherIds(maps.typeWorkers, old.type, id);
        await pushId(maps.typeWorkers, w.type, id);
      }
      if (old.mode !== w.mode) {
        await retainOtherIds(maps.connectionWorkers, old.mode, id);
        await pushId(maps.connectionWorkers, w.mode, id);
      }
      await sendEvent(core, { type: 'replaced', id, url: w.url, current: w, previous: old });
      return true;
    });
}

/**
 * `remove(id)` (V836 = R3): under the id's lock, remove the worker and its URL mapping, drop the
 * lock entry while still holding the guard (waiters keep their handle, later lockers get a fresh
 * mutex), then clean the indexes. An absent id returns early and leaves its lock entry behind.
 */
export function lockedRemove(core: LockedCore): (id: WorkerId) => Promise<Worker | null> {
  const { maps, locks, rebuild } = core;
  return (id) =>
    withLock(locks, id, async () => {
      const w = await maps.workers.remove(id);
      if (w === undefined) return null;
      await maps.urlToId.remove(w.url);
      await locks.remove(id);
      for (const m of workerModelIds(w)) await removeWorkerFromModelIndex(maps, m, w.url, rebuild);
      await retainOtherIds(maps.typeWorkers, w.type, id);
      await retainOtherIds(maps.connectionWorkers, w.mode, id);
      // Spec §3.4 step 8: after `set_healthy(false)`, the metrics and the mesh (not modelled).
      await sendEvent(core, { type: 'removed', id, url: w.url, current: null, previous: w });
      return w;
    });
}

/**
 * `register_inner` (V1113, #1113; unchanged at HEAD): resolve or mint the id through the
 * `url_to_id` entry, then do everything else under that id's lock, starting with the
 * `workers.contains_key` check that refuses a live duplicate.
 */
export function registerUnderLock(core: LockedCore): Register {
  const { maps, locks } = core;
  return async (w) => {
    // Occupied gives the existing id (live or reserved), Vacant mints and inserts: the same
    // single `url_to_id.entry` step as `reserve_id_for_url`.
    const id = await reserveIdForUrl(maps, w.url);
    return withLock(locks, id, async () => {
      if (await maps.workers.containsKey(id)) return null;
      await maps.workers.insert(id, w);
      await addToModels(core, workerModelIds(w), w);
      await pushId(maps.typeWorkers, w.type, id);
      await pushId(maps.connectionWorkers, w.mode, id);
      // Spec §3.5: the mesh sync (not modelled), then `Registered`, all under the lock.
      await sendEvent(core, { type: 'registered', id, url: w.url, current: w, previous: null });
      return id;
    });
  };
}

/**
 * `register_or_replace` (V836 = R3, spec §3.4): `register`; else `replace` the id mapped at the
 * URL and return it even when `replace` fails (only a warning is logged); else unmap the URL and
 * retry `register` once, whose `unwrap_or_default` mints an id stored nowhere if it loses again.
 */
export function registerOrReplaceWithFallback(
  maps: RegistryMaps,
  register: Register,
  replace: Replace,
): (w: Worker) => Promise<WorkerId> {
  return async (w) => {
    const id = await register(w);
    if (id !== null) return id;
    const existing = await maps.urlToId.get(w.url);
    if (existing !== undefined) {
      await replace(existing, w);
      return existing;
    }
    await maps.urlToId.remove(w.url);
    return (await register(w)) ?? maps.rt.ids.next();
  };
}

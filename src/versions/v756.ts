/**
 * V756 (52a8db4e, PR #756): multi-model index and a remove-then-add upsert serialised per URL by
 * `url_registration_locks` (spec §3.2). Known defects, all kept:
 * - the transient gap: between removing the old indexes and adding the new ones, the worker is
 *   missing from `model_index`, `hash_rings` (the ring is deleted if it was the last worker),
 *   `type_workers` and `connection_workers`, while `workers` still holds the old object;
 * - the per-URL lock serialises registers only: `remove` and readers ignore it;
 * - `url_registration_locks` entries are never removed;
 * - `remove_by_url` pre-removes the URL mapping before `remove`.
 * Ported step for step, bugs included.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { type Worker, workerModelIds } from '../domain/worker.ts';
import { LockTable } from '../memory/LockTable.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Implementation, Registry } from '../types.ts';
import { pushId, retainOtherIds } from './shared/idLists.ts';
import { withLock } from './shared/locks.ts';
import { addWorkerToModelIndex, rebuildHashRing, removeWorkerFromModelIndex } from './shared/modelIndex.ts';
import { UPSERT_API_OPERATIONS } from './shared/operationSets.ts';
import { RegistryMaps } from './shared/RegistryMaps.ts';
import { createReads } from './shared/reads.ts';
import { removeByUrlUnmappingFirst } from './shared/removeByUrl.ts';
import { removeUnlocked } from './shared/removeUnlocked.ts';
import { reserveIdForUrl } from './shared/reserve.ts';

function createV756(rt: Runtime): Registry {
  const maps = new RegistryMaps(rt);
  // Keyed by URL, not by id, so it is not a per-id table: `inspect` leaves `idLocks` unset.
  const urlRegistrationLocks = new LockTable<string>(rt, 'url_registration_locks');

  const register = (w: Worker): Promise<WorkerId> =>
    withLock(urlRegistrationLocks, w.url, async () => {
      // Reuses a live id or a pre-reserved one; mints otherwise.
      const id = await reserveIdForUrl(maps, w.url);
      const old = await maps.workers.get(id);
      if (old !== undefined) {
        // The gap opens here and closes only with the pushes below.
        for (const m of workerModelIds(old)) await removeWorkerFromModelIndex(maps, m, old.url);
        await retainOtherIds(maps.typeWorkers, old.type, id);
        await retainOtherIds(maps.connectionWorkers, old.mode, id);
      }
      await maps.workers.insert(id, w);
      for (const m of workerModelIds(w)) {
        await addWorkerToModelIndex(maps, m, w);
        await rebuildHashRing(maps, m);
      }
      await pushId(maps.typeWorkers, w.type, id);
      await pushId(maps.connectionWorkers, w.mode, id);
      return id;
    });

  // Takes no lock: it can run inside a register's gap for the same URL.
  const remove = (id: WorkerId): Promise<Worker | null> => removeUnlocked(maps, id);

  return {
    register,
    remove,
    removeByUrl: removeByUrlUnmappingFirst(maps, remove),
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    inspect: () => maps.snapshot({ indexedModels: workerModelIds, wildcardRing: false }),
  };
}

export const v756: Implementation = {
  name: 'v756',
  description: 'PR #756 (52a8db4e): multi-model index, remove-then-add upsert under per-URL locks',
  api: 'upsert',
  operations: UPSERT_API_OPERATIONS,
  create: createV756,
};

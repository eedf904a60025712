/**
 * R0 (46d87604, the first commit of PR #836): the revision the four review races apply to
 * (spec §3.3). Create-only `register` with a check-then-insert, an unlocked `replace` that
 * diffs from a snapshot and follows a URL change, and a `register_or_replace` that ignores
 * `replace`'s result and can return a fabricated id. Ported step for step, bugs included.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { type Worker, workerModelIds } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Implementation, Registry } from '../types.ts';
import { pushId, retainOtherIds } from './shared/idLists.ts';
import { addWorkerToModelIndex, rebuildHashRing, removeWorkerFromModelIndex } from './shared/modelIndex.ts';
import { SPLIT_API_OPERATIONS } from './shared/operationSets.ts';
import { RegistryMaps } from './shared/RegistryMaps.ts';
import { createReads } from './shared/reads.ts';
import { removeByUrlUnmappingFirst } from './shared/removeByUrl.ts';
import { removeUnlocked } from './shared/removeUnlocked.ts';
import { reserveIdForUrl } from './shared/reserve.ts';

function createR0(rt: Runtime): Registry {
  const maps = new RegistryMaps(rt);

  const register = async (w: Worker): Promise<WorkerId | null> => {
    // The TOCTOU check (R1): nothing holds the URL between this and the insert below.
    if (await maps.urlToId.containsKey(w.url)) return null;
    const id = rt.ids.next();
    await maps.urlToId.insert(w.url, id);
    await maps.workers.insert(id, w);
    for (const m of workerModelIds(w)) {
      await addWorkerToModelIndex(maps, m, w);
      await rebuildHashRing(maps, m);
    }
    await pushId(maps.typeWorkers, w.type, id);
    await pushId(maps.connectionWorkers, w.mode, id);
    return id;
  };

  const replace = async (id: WorkerId, w: Worker): Promise<boolean> => {
    // No lock (R2): concurrent replaces diff from the same stale snapshot.
    const old = await maps.workers.get(id);
    if (old === undefined) return false;
    const oldModels = new Set(workerModelIds(old));
    const newModels = new Set(workerModelIds(w));
    await maps.workers.insert(id, w);
    if (old.url !== w.url) {
      // R3: the URL change overwrites whatever the new URL was mapped to.
      await maps.urlToId.remove(old.url);
      await maps.urlToId.insert(w.url, id);
    }
    for (const m of oldModels) if (!newModels.has(m)) await removeWorkerFromModelIndex(maps, m, old.url);
    for (const m of newModels) {
      if (oldModels.has(m)) continue;
      await addWorkerToModelIndex(maps, m, w);
      await rebuildHashRing(maps, m);
    }
    for (const m of newModels) {
      if (!oldModels.has(m)) continue;
      // Dedups by the new URL, so an old-URL entry survives a URL change.
      await addWorkerToModelIndex(maps, m, w);
      await rebuildHashRing(maps, m);
    }
    if (old.type !== w.type) {
      await retainOtherIds(maps.typeWorkers, old.type, id);
      await pushId(maps.typeWorkers, w.type, id);
    }
    if (old.mode !== w.mode) {
      await retainOtherIds(maps.connectionWorkers, old.mode, id);
      await pushId(maps.connectionWorkers, w.mode, id);
    }
    return true;
  };

  const remove = (id: WorkerId): Promise<Worker | null> => removeUnlocked(maps, id);

  return {
    register,
    replace,
    registerOrReplace: async (w) => {
      const existing = await maps.urlToId.get(w.url);
      if (existing !== undefined) {
        await replace(existing, w); // R4: the result is ignored.
        return existing;
      }
      const id = await register(w);
      if (id !== null) return id;
      const again = await maps.urlToId.get(w.url);
      if (again !== undefined) {
        await replace(again, w);
        return again;
      }
      // "Should never happen": a fabricated id, stored nowhere.
      return rt.ids.next();
    },
    remove,
    removeByUrl: removeByUrlUnmappingFirst(maps, remove),
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    inspect: () => maps.snapshot({ indexedModels: workerModelIds, wildcardRing: false }),
  };
}

export const r0: Implementation = {
  name: 'r0',
  description: 'PR #836 first commit (46d87604): the revision the four review races apply to',
  api: 'split',
  operations: SPLIT_API_OPERATIONS,
  create: createR0,
};

/**
 * V836 (2dd1f85c, PR #836 squash-merged; the registry is identical to R3 841f4b58), spec §3.4.
 * `register` decides inside the `url_to_id` entry; `replace` and `remove` run under
 * `worker_mutation_locks`; `register_or_replace` falls back to an unmap-and-retry. Known
 * defects, all kept:
 * - `register` takes no lock, so it cannot tell a pre-reserved slot from an in-flight
 *   registration (review finding 4): two registers that both find the reservation before either
 *   inserts into `workers` both return it;
 * - `register_or_replace` returns the id even when `replace` failed, and its fallback can return a
 *   fresh default id stored nowhere;
 * - `remove_by_url` still pre-removes the URL mapping before `remove` takes the lock;
 * - `replace` or `remove` of an absent id leaves a `worker_mutation_locks` entry behind.
 * Ported step for step, bugs included.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { type Worker, workerModelIds } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Implementation, Registry } from '../types.ts';
import { pushId } from './shared/idLists.ts';
import { addWorkerToModelIndex, rebuildHashRing } from './shared/modelIndex.ts';
import {
  createMutationLocks,
  type LockedCore,
  lockedRemove,
  lockedReplace,
  registerOrReplaceWithFallback,
} from './shared/mutationLocked.ts';
import { SPLIT_API_OPERATIONS } from './shared/operationSets.ts';
import { RegistryMaps } from './shared/RegistryMaps.ts';
import { createReads } from './shared/reads.ts';
import { removeByUrlUnmappingFirst } from './shared/removeByUrl.ts';
import { reserveIdForUrl } from './shared/reserve.ts';

/** The nested `workers.contains_key` of register's entry step, for an id not known before it runs. */
const READS_WORKERS = [{ target: 'workers', op: 'contains_key', key: '*' }] as const;

function createV836(rt: Runtime): Registry {
  const maps = new RegistryMaps(rt);
  const core: LockedCore = { maps, locks: createMutationLocks(rt), rebuild: rebuildHashRing };

  // Takes no mutation lock (only replace and remove do).
  const register = async (w: Worker): Promise<WorkerId | null> => {
    // Step 1 (spec §3.4): the `url_to_id` entry guard is held across `workers.contains_key`, so
    // the pair is one atomic step. `workers` is read inside the closure through `peek()` because
    // that nested call is not a scheduling point of its own.
    const id = await maps.urlToId.entry(
      w.url,
      (entry) => {
        if (entry.value !== undefined) return maps.workers.peek().has(entry.value) ? null : entry.value;
        const fresh = rt.ids.next();
        entry.set(fresh);
        return fresh;
      },
      READS_WORKERS,
    );
    if (id === null) return null;
    await maps.workers.insert(id, w);
    for (const m of workerModelIds(w)) {
      await addWorkerToModelIndex(maps, m, w);
      await rebuildHashRing(maps, m);
    }
    await pushId(maps.typeWorkers, w.type, id);
    await pushId(maps.connectionWorkers, w.mode, id);
    return id;
  };

  const replace = lockedReplace(core);
  const remove = lockedRemove(core);

  return {
    register,
    replace,
    registerOrReplace: registerOrReplaceWithFallback(maps, register, replace),
    remove,
    removeByUrl: removeByUrlUnmappingFirst(maps, remove),
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    inspect: () =>
      maps.snapshot({ indexedModels: workerModelIds, wildcardRing: false, idLocks: core.locks.peek() }),
  };
}

export const v836: Implementation = {
  name: 'v836',
  description: 'PR #836 squash (2dd1f85c = R3): entry-API register, replace/remove under mutation locks',
  api: 'split',
  operations: SPLIT_API_OPERATIONS,
  create: createV836,
};

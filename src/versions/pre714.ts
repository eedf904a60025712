/**
 * PRE (6d1b2688, PR #714): the last registry before #756 (spec §3.1). `register` is an upsert
 * that never cleans up what it overwrites, and only `model_id()` is indexed. Known defects, all
 * kept:
 * - re-registering a URL leaves the old object in `model_index` (still routable, health frozen),
 *   the URL twice in the ring (double weight), the id twice in `type_workers` and
 *   `connection_workers`, and the old model key if the model changed;
 * - `url_to_id.get` and the later insert are separate steps, so two concurrent registers of a
 *   new URL both mint an id and one worker is orphaned under an overwritten mapping;
 * - `remove` leaves an empty slice in `model_index` and so an empty ring in `hash_rings`;
 * - `remove_by_url` pre-removes the URL mapping before `remove` (kept until V1113).
 * Ported step for step, bugs included.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { primaryModelId, type Worker } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Implementation, Registry } from '../types.ts';
import { pushId, retainOtherIds } from './shared/idLists.ts';
import { rebuildHashRing } from './shared/modelIndex.ts';
import { UPSERT_API_OPERATIONS } from './shared/operationSets.ts';
import { RegistryMaps } from './shared/RegistryMaps.ts';
import { createReads } from './shared/reads.ts';
import { removeByUrlUnmappingFirst } from './shared/removeByUrl.ts';
import { reserveIdForUrl } from './shared/reserve.ts';

/** PRE indexes a worker under its single `model_id()` only. */
const indexedModels = (w: Worker): readonly string[] => [primaryModelId(w)];

function createPre714(rt: Runtime): Registry {
  const maps = new RegistryMaps(rt);

  const register = async (w: Worker): Promise<WorkerId> => {
    // Not atomic with the insert below: two registers of a new URL both mint.
    const id = (await maps.urlToId.get(w.url)) ?? rt.ids.next();
    await maps.workers.insert(id, w);
    await maps.urlToId.insert(w.url, id);
    const model = primaryModelId(w);
    // PRE has no helper: an inline append without the by-URL dedup of #756, so a re-register
    // keeps the old object next to the new one.
    await maps.modelIndex.entry(model, (entry) => entry.set([...(entry.value ?? []), w]));
    // PRE's `rebuild_hash_ring` is the same single guarded step as V756's.
    await rebuildHashRing(maps, model);
    await pushId(maps.typeWorkers, w.type, id);
    await pushId(maps.connectionWorkers, w.mode, id);
    return id;
  };

  const remove = async (id: WorkerId): Promise<Worker | null> => {
    const w = await maps.workers.remove(id);
    if (w === undefined) return null;
    await maps.urlToId.remove(w.url);
    const model = primaryModelId(w);
    // Filters inline and stores the result even when empty: the slice is never removed, so the
    // rebuild below builds an empty ring instead of deleting it.
    await maps.modelIndex.getMut(model, (slice) => slice.filter((x) => x.url !== w.url));
    await rebuildHashRing(maps, model);
    await retainOtherIds(maps.typeWorkers, w.type, id);
    await retainOtherIds(maps.connectionWorkers, w.mode, id);
    return w;
  };

  return {
    register,
    remove,
    removeByUrl: removeByUrlUnmappingFirst(maps, remove),
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    inspect: () => maps.snapshot({ indexedModels, wildcardRing: false }),
  };
}

export const pre714: Implementation = {
  name: 'pre714',
  description: 'PRE, PR #714 (6d1b2688): upsert register without cleanup, single model_id index',
  api: 'upsert',
  operations: UPSERT_API_OPERATIONS,
  create: createPre714,
};

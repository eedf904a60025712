/**
 * The model-index helpers of V756 to V836 (spec §2), step for step. Membership is by URL
 * string, which is what makes R1 (same model) and R3 possible.
 */
import { HashRing } from '../../domain/hashRing.ts';
import type { Worker } from '../../domain/worker.ts';
import type { RegistryMaps } from './RegistryMaps.ts';

/**
 * How a version rebuilds one model's ring after its model-index entry changed. Up to V1113 that
 * is `rebuildHashRing`; HEAD rebuilds outside the guard and also refreshes the wildcard ring.
 */
export type RebuildHashRing = (maps: RegistryMaps, model: string) => Promise<void>;

/** `add_worker_to_model_index`: one `entry(m)` step, an upsert by URL that puts `w` last. */
export async function addWorkerToModelIndex(maps: RegistryMaps, model: string, w: Worker): Promise<void> {
  await maps.modelIndex.entry(model, (entry) => {
    const slice = entry.value;
    entry.set(slice === undefined ? [w] : [...slice.filter((x) => x.url !== w.url), w]);
  });
}

/**
 * `rebuild_hash_ring` (PRE to V1113): one step holding the model-index read guard, building the
 * ring from the slice (a URL listed twice gets double weight) or removing it when the entry is
 * gone. An empty slice, which only PRE leaves in place, gets an empty ring.
 */
export async function rebuildHashRing(maps: RegistryMaps, model: string): Promise<void> {
  await maps.modelIndex.read(
    model,
    (slice) => {
      if (slice === undefined) maps.hashRings.deleteUnderGuard(model);
      else maps.hashRings.setUnderGuard(model, HashRing.build(slice.map((w) => w.url)));
    },
    'get+rebuild_hash_ring',
  );
}

/**
 * `remove_worker_from_model_index`: `get_mut` filtering the URL out, `remove_if` the slice is
 * empty (only when the filter emptied it), then `rebuild_hash_ring`: three steps. `rebuild` is
 * the version's own `rebuild_hash_ring` (HEAD's takes more than one step).
 */
export async function removeWorkerFromModelIndex(
  maps: RegistryMaps,
  model: string,
  url: string,
  rebuild: RebuildHashRing = rebuildHashRing,
): Promise<void> {
  let emptied = false;
  await maps.modelIndex.getMut(model, (slice) => {
    const kept = slice.filter((x) => x.url !== url);
    emptied = kept.length === 0;
    return kept;
  });
  if (emptied) await maps.modelIndex.removeIf(model, (slice) => slice.length === 0);
  await rebuild(maps, model);
}

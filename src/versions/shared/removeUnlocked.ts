/**
 * `remove(id)` as V756 and R0 have it (spec §3.1–3.3): no lock, so it can run in the middle of a
 * register or replace of the same worker. `workers.remove`, `url_to_id.remove(w.url)` (whatever
 * the URL maps to by then), the model indexes by URL, then the type and connection lists.
 */
import type { WorkerId } from '../../determinism/ids.ts';
import { type Worker, workerModelIds } from '../../domain/worker.ts';
import { retainOtherIds } from './idLists.ts';
import { removeWorkerFromModelIndex } from './modelIndex.ts';
import type { RegistryMaps } from './RegistryMaps.ts';

export async function removeUnlocked(maps: RegistryMaps, id: WorkerId): Promise<Worker | null> {
  const w = await maps.workers.remove(id);
  if (w === undefined) return null;
  await maps.urlToId.remove(w.url);
  for (const m of workerModelIds(w)) await removeWorkerFromModelIndex(maps, m, w.url);
  await retainOtherIds(maps.typeWorkers, w.type, id);
  await retainOtherIds(maps.connectionWorkers, w.mode, id);
  return w;
}

/** `type_workers` / `connection_workers` updates: push and retain, each one step. */
import type { WorkerId } from '../../determinism/ids.ts';
import type { SharedMap } from '../../memory/SharedMap.ts';

/** `map.entry(key).or_default().push(id)` (no dedup). */
export async function pushId<K>(map: SharedMap<K, readonly WorkerId[]>, key: K, id: WorkerId): Promise<void> {
  await map.entry(key, (entry) => entry.set([...(entry.value ?? []), id]));
}

/** `map.get_mut(key)` then `retain(|x| x != id)`. */
export async function retainOtherIds<K>(
  map: SharedMap<K, readonly WorkerId[]>,
  key: K,
  id: WorkerId,
): Promise<void> {
  await map.getMut(key, (ids) => ids.filter((x) => x !== id));
}

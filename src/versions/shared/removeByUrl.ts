/** The two shapes of `remove_by_url` before HEAD's `resolve_url_to_id`. */
import type { WorkerId } from '../../determinism/ids.ts';
import type { Worker } from '../../domain/worker.ts';
import type { RegistryMaps } from './RegistryMaps.ts';

type Remove = (id: WorkerId) => Promise<Worker | null>;

/**
 * PRE to V836: `url_to_id.remove(url)` (the pre-removal), then `remove(id)`. Between the two, a
 * concurrent register can claim the URL, and `remove` then deletes the new mapping.
 */
export function removeByUrlUnmappingFirst(
  maps: RegistryMaps,
  remove: Remove,
): (url: string) => Promise<Worker | null> {
  return async (url) => {
    const id = await maps.urlToId.remove(url);
    return id === undefined ? null : remove(id);
  };
}

/** V1113 (#1113): `url_to_id.get(url)` only reads, and `remove(id)` unmaps under its lock. */
export function removeByUrlReadingOnly(
  maps: RegistryMaps,
  remove: Remove,
): (url: string) => Promise<Worker | null> {
  return async (url) => {
    const id = await maps.urlToId.get(url);
    return id === undefined ? null : remove(id);
  };
}

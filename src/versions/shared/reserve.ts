/** `reserve_id_for_url` (PRE to HEAD): `url_to_id.entry(url).or_default()` then clone, one step. */
import type { WorkerId } from '../../determinism/ids.ts';
import type { RegistryMaps } from './RegistryMaps.ts';

/** Returns the id mapped at `url`, minting and mapping a fresh one (a reservation) if none is. */
export async function reserveIdForUrl(maps: RegistryMaps, url: string): Promise<WorkerId> {
  return maps.urlToId.entry(url, (entry) => {
    if (entry.value !== undefined) return entry.value;
    const id = maps.rt.ids.next();
    entry.set(id);
    return id;
  });
}

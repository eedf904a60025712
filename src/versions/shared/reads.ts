/**
 * The read methods of spec §3.4's table (unchanged from PRE to HEAD in what they touch). None
 * takes a lock; id lists resolve through `workers`, dropping dangling ids and keeping duplicates.
 */
import type { WorkerId } from '../../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../../domain/worker.ts';
import type { SharedMap } from '../../memory/SharedMap.ts';
import type { Registry } from '../../types.ts';
import type { RegistryMaps } from './RegistryMaps.ts';

export type RegistryReads = Pick<
  Registry,
  'get' | 'getByUrl' | 'getByModel' | 'getByType' | 'getByConnection' | 'ringLookup'
>;

/** The reads of a registry built on `maps`. */
export function createReads(maps: RegistryMaps): RegistryReads {
  const resolveIds = async <K>(list: SharedMap<K, readonly WorkerId[]>, key: K): Promise<Worker[]> => {
    const ids = (await list.get(key)) ?? [];
    const found: Worker[] = [];
    for (const id of ids) {
      const w = await maps.workers.get(id);
      if (w !== undefined) found.push(w);
    }
    return found;
  };
  return {
    get: async (id) => (await maps.workers.get(id)) ?? null,
    getByUrl: async (url) => {
      const id = await maps.urlToId.get(url);
      if (id === undefined) return null;
      return (await maps.workers.get(id)) ?? null;
    },
    getByModel: async (model) => (await maps.modelIndex.get(model)) ?? [],
    getByType: (type: WorkerType) => resolveIds(maps.typeWorkers, type),
    getByConnection: (mode: ConnectionMode) => resolveIds(maps.connectionWorkers, mode),
    ringLookup: async (model, key) => {
      const ring = await maps.hashRings.get(model);
      return ring === undefined ? null : ring.findHealthyUrl(key);
    },
  };
}

/**
 * A worked example of a plugin registry (see the README): a create-only `register` written the
 * obvious way — check the URL, then insert — on regsim's instrumented memory. Between the check
 * and the insert another register of the same URL can run: try
 * `npx regsim fuzz --impl ./examples/plugins/racy-registry.ts --until-first`.
 */
import {
  addWorkerToModelIndex,
  createReads,
  type Implementation,
  type OperationKind,
  pushId,
  type Registry,
  RegistryMaps,
  type Runtime,
  rebuildHashRing,
  removeUnlocked,
  reserveIdForUrl,
  type Worker,
  workerModelIds,
} from 'regsim';

/** Indexes a stored worker under its models, type and connection mode. */
async function index(maps: RegistryMaps, id: string, w: Worker): Promise<void> {
  for (const m of workerModelIds(w)) {
    await addWorkerToModelIndex(maps, m, w);
    await rebuildHashRing(maps, m);
  }
  await pushId(maps.typeWorkers, w.type, id);
  await pushId(maps.connectionWorkers, w.mode, id);
}

/**
 * The registry. `register` checks the URL and then inserts: another task can register the same
 * URL in between (and `remove` can run in the middle of an unfinished `register`).
 */
export function createRacyRegistry(rt: Runtime): Registry {
  const maps = new RegistryMaps(rt);
  return {
    register: async (w) => {
      if (await maps.urlToId.containsKey(w.url)) return null;
      // Another task may register the same URL right here.
      const id = rt.ids.next();
      await maps.urlToId.insert(w.url, id);
      await maps.workers.insert(id, w);
      await index(maps, id, w);
      return id;
    },
    remove: (id) => removeUnlocked(maps, id),
    removeByUrl: async (url) => {
      const id = await maps.urlToId.get(url);
      return id === undefined ? null : removeUnlocked(maps, id);
    },
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    inspect: () => maps.snapshot({ indexedModels: workerModelIds, wildcardRing: false }),
  };
}

/** What the examples offer; reads across several models are left out (see the README). */
export const EXAMPLE_OPERATIONS = new Set<OperationKind>(['register', 'remove', 'removeByUrl', 'getByUrl']);

const implementation: Implementation = {
  name: 'racy-registry',
  description: 'check-then-insert register (a deliberate TOCTOU)',
  api: 'split',
  operations: EXAMPLE_OPERATIONS,
  create: createRacyRegistry,
};

export default implementation;

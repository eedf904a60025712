/**
 * V1113 (2ba38214, PR #1113), spec §3.5: `register_inner` runs under the mutation lock and
 * re-checks `workers` there, and `remove_by_url` only reads `url_to_id`; `replace`, `remove` and
 * `register_or_replace` are V836's. Known defects, all kept:
 * - `remove_by_url` of a bare reservation calls `remove` on an id that is not live, which returns
 *   None and leaves a `worker_mutation_locks` entry (the reservation itself is never released);
 *   `replace` of an absent id leaks an entry the same way;
 * - `register_or_replace` still returns the id when `replace` fails and can still mint an id
 *   stored nowhere;
 * - (analysis, spec §9) `remove` deletes the lock entry and the URL mapping while a register that
 *   already resolved the id waits on, or re-creates, the mutex: that register then stores the
 *   worker under an id no `url_to_id` entry maps to.
 * Events (#1027): `Registered`, `Replaced` and `Removed`, each sent as the operation's last step
 * under the id's lock. Retry configs (#821) are not modelled. Ported step for step, bugs included.
 */
import { workerModelIds } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Implementation, Registry } from '../types.ts';
import { rebuildHashRing } from './shared/modelIndex.ts';
import {
  createEventChannel,
  createMutationLocks,
  type LockedCore,
  lockedRemove,
  lockedReplace,
  registerOrReplaceWithFallback,
  registerUnderLock,
} from './shared/mutationLocked.ts';
import { SPLIT_API_OPERATIONS } from './shared/operationSets.ts';
import { RegistryMaps } from './shared/RegistryMaps.ts';
import { createReads } from './shared/reads.ts';
import { removeByUrlReadingOnly } from './shared/removeByUrl.ts';
import { reserveIdForUrl } from './shared/reserve.ts';

function createV1113(rt: Runtime): Registry {
  const maps = new RegistryMaps(rt);
  const events = createEventChannel(rt);
  const core: LockedCore = {
    maps,
    locks: createMutationLocks(rt),
    rebuild: rebuildHashRing,
    events: events.channel,
  };
  const register = registerUnderLock(core);
  const replace = lockedReplace(core);
  const remove = lockedRemove(core);

  return {
    register,
    replace,
    // Spec §3.5 names no change to `register_or_replace` at #1113: V836's fallback is kept.
    registerOrReplace: registerOrReplaceWithFallback(maps, register, replace),
    remove,
    removeByUrl: removeByUrlReadingOnly(maps, remove),
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    events: events.source,
    inspect: () =>
      maps.snapshot({ indexedModels: workerModelIds, wildcardRing: false, idLocks: core.locks.peek() }),
  };
}

export const v1113: Implementation = {
  name: 'v1113',
  description: 'PR #1113 (2ba38214): register_inner under the mutation lock, read-only remove_by_url',
  api: 'split',
  operations: SPLIT_API_OPERATIONS,
  create: createV1113,
};

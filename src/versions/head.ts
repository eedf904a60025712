/**
 * HEAD (f8daa883), registry core only (spec §1.4 "HEAD changes", §3.5): V1113's locked
 * `register_inner`, `replace` and `remove`, plus
 * - #2212: `rebuild_hash_ring` clones the slice out of `model_index` and builds the ring from
 *   deduplicated URLs after the guard is gone, then inserts it in a step of its own;
 * - #2147: every rebuild also rebuilds the wildcard ring under `"unknown"`, spanning all URLs;
 * - #1523: `resolve_url_to_id` for `get_by_url` and `remove_by_url`;
 * - V1113's events: `Registered`, `Replaced`, `Removed`, each the operation's last step under its lock.
 * Known defects, all kept:
 * - concurrent rebuilds of one model race: a rebuild that cloned an older slice can insert its
 *   ring after a newer one, leaving `hash_rings[m]` stale until the next rebuild; the wildcard
 *   ring can go stale the same way, and while a replace moves a worker's only model it is deleted;
 * - V1113's lock-entry leaks, stale and fabricated `register_or_replace` ids, and the
 *   remove-versus-register race on the lock entry and URL mapping.
 * Not modelled (no registry steps, or not in the simulator's API): origins and mesh, aliases,
 * overload counters, retry configs, `StatusChanged`/`HealthChanged` events, `expected_revision`, and the runtime state a
 * replacement inherits (#1105). Ported step for step, bugs included.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { HashRing } from '../domain/hashRing.ts';
import { UNKNOWN_MODEL_ID, workerModelIds } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { Implementation, Registry } from '../types.ts';
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
import { reserveIdForUrl } from './shared/reserve.ts';

/**
 * HEAD's `rebuild_hash_ring(m)`: `model_index.get(m)` clones the slice (one step, guard released),
 * then `hash_rings.insert` of the ring built from its unique URLs, or `hash_rings.remove` when the
 * entry is gone (another step), then the wildcard ring.
 *
 * Choice (spec §1.4 "diffed incrementally against the previous one"): `HashRing::updated` yields
 * the ring a fresh build would, so its read of the previous ring (`hash_rings.get(m)`) decides
 * nothing and is not modelled as a step.
 */
async function rebuildHashRing(maps: RegistryMaps, model: string): Promise<void> {
  const slice = await maps.modelIndex.get(model);
  if (slice === undefined) await maps.hashRings.remove(model);
  else await maps.hashRings.insert(model, HashRing.fromUniqueUrls(slice.map((w) => w.url)));
  await rebuildWildcardHashRing(maps);
}

/**
 * The ring under `"unknown"` (#2147), spanning all URLs.
 *
 * Choice (spec §1.4: "spans all URLs. With only one model, it shares that model's ring"): "all
 * URLs" is gathered from `model_index`, not `workers`, because the single-model case counts
 * model-index keys. One `model_index.iter()` step snapshots every slice; then
 * - no model: `hash_rings.remove("unknown")`;
 * - one model: `hash_rings.get(m)` and that same ring inserted under `"unknown"` (or the wildcard
 *   ring removed if `m` has none at that moment);
 * - several: `hash_rings.insert("unknown", ring of the union of the slices' URLs, deduplicated)`.
 */
async function rebuildWildcardHashRing(maps: RegistryMaps): Promise<void> {
  const entries = await maps.modelIndex.iter();
  const [first, second] = entries;
  if (first === undefined) {
    await maps.hashRings.remove(UNKNOWN_MODEL_ID);
  } else if (second === undefined) {
    const ring = await maps.hashRings.get(first[0]);
    if (ring === undefined) await maps.hashRings.remove(UNKNOWN_MODEL_ID);
    else await maps.hashRings.insert(UNKNOWN_MODEL_ID, ring);
  } else {
    const urls = entries.flatMap(([, slice]) => slice.map((w) => w.url));
    await maps.hashRings.insert(UNKNOWN_MODEL_ID, HashRing.fromUniqueUrls(urls));
  }
}

/** The URL schemes after which `resolve_url_to_id` does not try other forms. */
const SCHEMES = ['http://', 'https://', 'grpc://', 'grpcs://'];

/**
 * `resolve_url_to_id` (#1523, spec §3.5 and §8): the id mapped at `url` if it is live
 * (`url_to_id.get` then `workers.contains_key`, so a reservation resolves to nothing); for a
 * scheme-less `host:port`, then the `http://` and `grpc://` forms in that order.
 *
 * Choice: the spec names the behaviour but not the steps; each candidate takes these two steps.
 */
async function resolveUrlToId(maps: RegistryMaps, url: string): Promise<WorkerId | null> {
  const liveIdAt = async (candidate: string): Promise<WorkerId | null> => {
    const id = await maps.urlToId.get(candidate);
    return id !== undefined && (await maps.workers.containsKey(id)) ? id : null;
  };
  const exact = await liveIdAt(url);
  if (exact !== null || SCHEMES.some((scheme) => url.startsWith(scheme))) return exact;
  for (const scheme of ['http://', 'grpc://']) {
    const id = await liveIdAt(`${scheme}${url}`);
    if (id !== null) return id;
  }
  return null;
}

function createHead(rt: Runtime): Registry {
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
    // Choice: spec §3.5 names no change to `register_or_replace` after V836 (#1967 adds
    // `replace_claiming_local` beside it), so V836's fallback is kept.
    registerOrReplace: registerOrReplaceWithFallback(maps, register, replace),
    remove,
    removeByUrl: async (url) => {
      const id = await resolveUrlToId(maps, url);
      return id === null ? null : remove(id);
    },
    reserveIdForUrl: (url) => reserveIdForUrl(maps, url),
    ...createReads(maps),
    getByUrl: async (url) => {
      const id = await resolveUrlToId(maps, url);
      return id === null ? null : ((await maps.workers.get(id)) ?? null);
    },
    events: events.source,
    inspect: () =>
      maps.snapshot({ indexedModels: workerModelIds, wildcardRing: true, idLocks: core.locks.peek() }),
  };
}

export const head: Implementation = {
  name: 'head',
  description: 'HEAD (f8daa883): V1113 core, rings rebuilt outside the guard from unique URLs, wildcard ring',
  api: 'split',
  operations: SPLIT_API_OPERATIONS,
  create: createHead,
};

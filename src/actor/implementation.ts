/**
 * `actor`: the actor registry behind the simulator's `Registry` interface. Typed results map to
 * the ports' returns (register → id | null, replace → boolean, removals → Worker | null, ...).
 * Commands whose port return has no way to say "refused" (`registerOrReplace`, `reserveIdForUrl`)
 * throw `InvalidInputError` for invalid input, which the simulator reports as a crash: scenarios
 * are expected to use valid workers and URLs, as the sequential specification has no `Invalid`.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { Worker } from '../domain/worker.ts';
import type { RegistryEvent } from '../events.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { OperationKind } from '../spec/operations.ts';
import type { Implementation, Registry } from '../types.ts';
import { SPLIT_API_OPERATIONS } from '../versions/shared/operationSets.ts';
import { ActorRegistry, type ActorRegistryOptions } from './ActorRegistry.ts';
import type { ChangeEvent } from './changeStream.ts';
import { describeFailure, type Failure } from './results.ts';

/** A command's input was refused and the port-style return cannot express it. */
export class InvalidInputError extends Error {
  constructor(readonly failure: Failure) {
    super(describeFailure(failure));
    this.name = 'InvalidInputError';
  }
}

/** The split API plus `releaseReservation`. */
export const ACTOR_OPERATIONS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  ...SPLIT_API_OPERATIONS,
  'releaseReservation',
]);

/** The `Registry` view of an `ActorRegistry`. */
export function asRegistry(registry: ActorRegistry): Registry {
  const workerOf = (result: { ok: true; value: { worker: Worker } } | Failure): Worker | null =>
    result.ok ? result.value.worker : null;
  return {
    register: async (w) => {
      const result = await registry.register(w);
      return result.ok ? result.value.id : null;
    },
    replace: async (id, w) => (await registry.replace(id, w)).ok,
    registerOrReplace: async (w) => {
      const result = await registry.registerOrReplace(w);
      if (!result.ok) throw new InvalidInputError(result);
      return result.value.id;
    },
    remove: async (id) => workerOf(await registry.remove(id)),
    removeByUrl: async (url) => workerOf(await registry.removeByUrl(url)),
    reserveIdForUrl: async (url): Promise<WorkerId> => {
      const result = await registry.reserveIdForUrl(url);
      if (result.ok) return result.value.id;
      // `reserve_id_for_url` answers the id of a live worker too.
      if (result.reason === 'AlreadyExists') return result.current.id;
      throw new InvalidInputError(result);
    },
    releaseReservation: async (url) => (await registry.releaseReservation(url)).ok,
    get: async (id) => (await registry.get(id))?.worker ?? null,
    getByUrl: async (url) => (await registry.getByUrl(url))?.worker ?? null,
    getByModel: (model) => registry.getByModel(model),
    getByType: (type) => registry.getByType(type),
    getByConnection: (mode) => registry.getByConnection(mode),
    ringLookup: (model, key) => registry.ringLookup(model, key),
    inspect: () => registry.inspect(),
    events: {
      gapless: true,
      subscribe: (listener) => {
        registry.subscribe((event) => listener(asRegistryEvent(event)));
      },
    },
  };
}

/** A change event as the simulator's `event-order` invariant reads it. */
function asRegistryEvent(event: ChangeEvent): RegistryEvent {
  const { revision, url, id } = event;
  switch (event.type) {
    case 'registered':
      return { type: 'registered', revision, url, id, current: event.current.worker, previous: null };
    case 'replaced':
      return {
        type: 'replaced',
        revision,
        url,
        id,
        current: event.current.worker,
        previous: event.previous.worker,
      };
    case 'removed':
      return { type: 'removed', revision, url, id, current: null, previous: event.previous.worker };
    case 'reserved':
    case 'released':
      return { type: event.type, revision, url, id, current: null, previous: null };
  }
}

/** Creates the `Registry` of an actor registry on `rt` (options for tests and benchmarks). */
export function createActorRegistry(rt: Runtime, options?: ActorRegistryOptions): Registry {
  return asRegistry(new ActorRegistry(rt, options));
}

export const actor: Implementation = {
  name: 'actor',
  description: 'one XState actor per URL: serialised per URL, single-step commits and reads, typed results',
  api: 'split',
  operations: ACTOR_OPERATIONS,
  create: (rt) => createActorRegistry(rt),
};

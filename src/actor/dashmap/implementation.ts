/**
 * `actor-dashmap`: the actor registry's per-URL actors, mailboxes and decisions over shared
 * indexes written as a Rust port over DashMap would write them (`DashMapIndex`): the question is
 * which of SMG's races per-URL serialisation alone rules out on SMG's own memory model.
 */
import type { Implementation } from '../../types.ts';
import { ACTOR_OPERATIONS, createActorRegistry } from '../implementation.ts';
import { DashMapIndex } from './DashMapIndex.ts';

export const actorDashmap: Implementation = {
  name: 'actor-dashmap',
  description:
    'the actor registry over DashMap-style indexes: serialised per URL, one map call per step, no commit step',
  api: 'split',
  operations: ACTOR_OPERATIONS,
  create: (rt) => createActorRegistry(rt, { index: (r, changes) => new DashMapIndex(r, changes) }),
};

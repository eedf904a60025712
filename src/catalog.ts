/** Every implementation the simulator can run, by command-line name. */
import { actorDashmap } from './actor/dashmap/implementation.ts';
import { actor } from './actor/implementation.ts';
import type { Implementation } from './types.ts';
import { VERSIONS } from './versions/index.ts';

export const IMPLEMENTATIONS: readonly Implementation[] = [...VERSIONS, actor, actorDashmap];

/** The implementation called `name`, or undefined. */
export function findImplementation(name: string): Implementation | undefined {
  return IMPLEMENTATIONS.find((impl) => impl.name === name);
}

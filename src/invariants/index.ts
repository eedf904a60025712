/** The structural invariants of spec §5, in report order. */
import type { RegistrySnapshot } from '../types.ts';
import { checkHashRings } from './hashRing.ts';
import { checkConnectionIndex, checkTypeIndex } from './idLists.ts';
import { checkModelIndex } from './modelIndex.ts';
import { checkNoLeak } from './noLeak.ts';
import type { StructuralInvariantId, Violation } from './types.ts';
import { checkUrlMap } from './urlMap.ts';
import { checkUrlUnique } from './urlUnique.ts';

export interface StructuralInvariant {
  readonly id: StructuralInvariantId;
  /** The spec's name for it (§5). */
  readonly spec: string;
  readonly check: (snapshot: RegistrySnapshot) => Violation[];
}

export const STRUCTURAL_INVARIANTS: readonly StructuralInvariant[] = [
  { id: 'url-unique', spec: 'I1 URL uniqueness', check: checkUrlUnique },
  { id: 'url-map', spec: 'I2 url_to_id consistency', check: checkUrlMap },
  { id: 'model-index', spec: 'I3 model index exactness', check: checkModelIndex },
  { id: 'hash-ring', spec: 'I4 ring exactness', check: checkHashRings },
  { id: 'type-index', spec: 'I5 type exactness', check: checkTypeIndex },
  { id: 'conn-index', spec: 'I5 connection exactness', check: checkConnectionIndex },
  { id: 'no-leak', spec: 'I8 no leaks', check: checkNoLeak },
];

/** Every structural violation of a snapshot taken at quiescence. */
export function checkStructure(snapshot: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  for (const invariant of STRUCTURAL_INVARIANTS) {
    for (const violation of invariant.check(snapshot)) violations.push(violation);
  }
  return violations;
}

export type { InvariantId, StructuralInvariantId, Violation } from './types.ts';

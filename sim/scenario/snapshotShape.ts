/**
 * The shape a `RegistrySnapshot` must have before the invariants read it. A plugin's `inspect()`
 * may return anything; checked here, once, a bad snapshot becomes a `crash` finding that says
 * what is wrong instead of a TypeError deep inside an invariant.
 */
import type { RegistrySnapshot } from '../../src/types.ts';

const MAPS = ['workers', 'urlToId', 'modelIndex', 'hashRings', 'typeWorkers', 'connectionWorkers'] as const;

/** Whether `value` reads like a `ReadonlyMap` (a `Map`, or any class offering the same calls). */
function isMapLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<PropertyKey, unknown>;
  return (
    typeof v.size === 'number' &&
    typeof v.get === 'function' &&
    typeof v.has === 'function' &&
    typeof v.entries === 'function' &&
    typeof v.values === 'function' &&
    typeof v[Symbol.iterator] === 'function'
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'a plain object' : typeof value;
}

/** What is wrong with `value` as a snapshot, or undefined when it has the snapshot's shape. */
export function snapshotProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `returned ${describe(value)}, not a snapshot`;
  const v = value as Partial<Record<keyof RegistrySnapshot, unknown>>;
  for (const key of MAPS) {
    if (!isMapLike(v[key])) return `returned a snapshot whose ${key} is ${describe(v[key])}, not a map`;
  }
  if (v.idLocks !== undefined && !isMapLike(v.idLocks))
    return `returned a snapshot whose idLocks is ${describe(v.idLocks)}, not a map`;
  if (typeof v.indexedModels !== 'function')
    return `returned a snapshot whose indexedModels is ${describe(v.indexedModels)}, not a function`;
  if (typeof v.wildcardRing !== 'boolean')
    return `returned a snapshot whose wildcardRing is ${describe(v.wildcardRing)}, not a boolean`;
  return undefined;
}

/**
 * I5, type and connection exactness: a live id appears exactly once in the list of its worker's
 * type (mode), and in no other list; no list holds a dead id.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { Worker } from '../domain/worker.ts';
import type { RegistrySnapshot } from '../types.ts';
import type { InvariantId, Violation } from './types.ts';

function checkIdLists<K extends string>(
  invariant: InvariantId,
  field: string,
  lists: ReadonlyMap<K, readonly WorkerId[]>,
  workers: ReadonlyMap<WorkerId, Worker>,
  keyOf: (w: Worker) => K,
): Violation[] {
  const violations: Violation[] = [];
  for (const [id, w] of workers) {
    const key = keyOf(w);
    const list = lists.get(key);
    let n = 0;
    if (list !== undefined) for (const x of list) if (x === id) n++;
    if (n === 0)
      violations.push({ invariant, message: `${id} (${w.label}, ${key}) is missing from ${field}[${key}]` });
    if (n > 1) violations.push({ invariant, message: `${field}[${key}] lists ${id} ${n} times` });
  }
  for (const [key, ids] of lists) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // Each id once, at its first occurrence.
      if (ids.indexOf(id) !== i) continue;
      const w = workers.get(id);
      if (w === undefined)
        violations.push({ invariant, message: `${field}[${key}] lists ${id}, which is not live` });
      else if (keyOf(w) !== key) {
        violations.push({
          invariant,
          message: `${field}[${key}] lists ${id}, whose worker ${w.label} is ${keyOf(w)}`,
        });
      }
    }
  }
  return violations;
}

export function checkTypeIndex(s: RegistrySnapshot): Violation[] {
  return checkIdLists('type-index', 'type_workers', s.typeWorkers, s.workers, (w) => w.type);
}

export function checkConnectionIndex(s: RegistrySnapshot): Violation[] {
  return checkIdLists('conn-index', 'connection_workers', s.connectionWorkers, s.workers, (w) => w.mode);
}

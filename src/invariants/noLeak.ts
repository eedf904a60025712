/**
 * I8, no leaks: per-id lock entries do not outlive their worker (no specification state explains
 * one). A reservation left at quiescence is a leak only when no linearization of the operations
 * leaves one, which `final-state` checks against the specification.
 */
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

export function checkNoLeak(s: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  for (const id of s.idLocks?.keys() ?? []) {
    if (!s.workers.has(id)) {
      violations.push({
        invariant: 'no-leak',
        message: `worker_mutation_locks keeps an entry for ${id}, which is not live`,
      });
    }
  }
  return violations;
}

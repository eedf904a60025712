/**
 * I8, no leaks: per-id lock entries do not outlive their worker, and no reservation is left
 * behind once every operation has finished (nothing would ever release it).
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
  for (const [url, id] of s.urlToId) {
    if (!s.workers.has(id)) {
      violations.push({
        invariant: 'no-leak',
        message: `reservation url_to_id[${url}] = ${id} leaks: no worker was stored under it`,
      });
    }
  }
  return violations;
}

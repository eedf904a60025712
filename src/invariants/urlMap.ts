/**
 * I2, `url_to_id` consistency: every live worker is mapped from its URL, and every entry points at
 * a live worker with that URL or is a reservation. Whether a reservation may still be there at
 * quiescence depends on the operations: `final-state` decides that against the specification.
 */
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

export function checkUrlMap(s: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  for (const [id, w] of s.workers) {
    const mapped = s.urlToId.get(w.url);
    if (mapped !== id) {
      violations.push(
        urlMap(
          `live worker ${id} (${w.label}) at ${w.url} is unreachable: url_to_id[${w.url}] = ${mapped ?? 'None'}`,
        ),
      );
    }
  }
  for (const [url, id] of s.urlToId) {
    const w = s.workers.get(id);
    if (w !== undefined && w.url !== url)
      violations.push(urlMap(`url_to_id[${url}] = ${id}, but ${id} (${w.label}) is at ${w.url}`));
  }
  return violations;
}

function urlMap(message: string): Violation {
  return { invariant: 'url-map', message };
}

/**
 * I4, ring exactness: `hash_rings[m]` exists iff model m has live workers, routes to exactly
 * their URLs, with 150 vnodes each; at HEAD the `"unknown"` ring spans every live URL. The URLs
 * come from the live workers rather than the slice, so a ring built from a corrupt slice (R2's
 * stale W1, R3's stale U1) is reported here as well as under `model-index`.
 */
import { VIRTUAL_NODES_PER_WORKER } from '../domain/hashRing.ts';
import { UNKNOWN_MODEL_ID } from '../domain/worker.ts';
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

export function checkHashRings(s: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  const expected = new Map<string, Set<string>>();
  for (const w of s.workers.values()) {
    for (const model of s.indexedModels(w))
      expected.set(model, (expected.get(model) ?? new Set()).add(w.url));
  }
  if (s.wildcardRing && s.workers.size > 0) {
    expected.set(UNKNOWN_MODEL_ID, new Set([...s.workers.values()].map((w) => w.url)));
  }
  for (const [model, urls] of expected) {
    const ring = s.hashRings.get(model);
    if (ring === undefined) {
      violations.push({ invariant: 'hash-ring', message: `model ${model} has workers but no hash ring` });
      continue;
    }
    const counts = ring.vnodeCounts();
    for (const url of urls) {
      const n = counts.get(url) ?? 0;
      if (n === 0) violations.push({ invariant: 'hash-ring', message: `hash_rings[${model}] lacks ${url}` });
      else if (n !== VIRTUAL_NODES_PER_WORKER) {
        violations.push({
          invariant: 'hash-ring',
          message: `hash_rings[${model}] gives ${url} ${n} vnodes instead of ${VIRTUAL_NODES_PER_WORKER}`,
        });
      }
    }
    for (const url of counts.keys()) {
      if (!urls.has(url)) {
        violations.push({
          invariant: 'hash-ring',
          message: `hash_rings[${model}] routes to ${url}, which serves no live worker of ${model}`,
        });
      }
    }
  }
  for (const model of s.hashRings.keys()) {
    if (!expected.has(model)) {
      violations.push({
        invariant: 'hash-ring',
        message: `hash_rings[${model}] exists but model ${model} has no workers`,
      });
    }
  }
  return violations;
}

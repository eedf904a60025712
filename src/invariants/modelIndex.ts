/**
 * I3, model-index exactness: `model_index[m]` holds exactly the live worker objects (by identity)
 * indexed under m, one entry per URL, and no empty slice persists.
 */
import type { Worker } from '../domain/worker.ts';
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

export function checkModelIndex(s: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  const report = (message: string) => violations.push({ invariant: 'model-index', message });
  const liveIdOf = new Map<Worker, string>();
  const liveAtUrl = new Map<string, [string, Worker]>();
  for (const [id, w] of s.workers) {
    liveIdOf.set(w, id);
    liveAtUrl.set(w.url, [id, w]);
  }
  for (const [model, slice] of s.modelIndex) {
    if (slice.length === 0) report(`model_index[${model}] is an empty slice that was never removed`);
    const seen = new Set<string>();
    for (const w of slice) {
      if (seen.has(w.url)) report(`model_index[${model}] lists ${w.url} more than once`);
      seen.add(w.url);
      const id = liveIdOf.get(w);
      if (id === undefined) {
        const live = liveAtUrl.get(w.url);
        report(
          live === undefined
            ? `model_index[${model}] holds ${w.label} at ${w.url}, which no live worker has`
            : `model_index[${model}] holds stale object ${w.label} for ${w.url}; workers[${live[0]}] is ${live[1].label}`,
        );
      } else if (!s.indexedModels(w).includes(model)) {
        report(`model_index[${model}] holds ${w.label} (${id}), which does not serve ${model}`);
      }
    }
  }
  for (const [id, w] of s.workers) {
    for (const model of s.indexedModels(w)) {
      if (!(s.modelIndex.get(model) ?? []).includes(w)) {
        report(`${w.label} (${id}) serves ${model} but is missing from model_index[${model}]`);
      }
    }
  }
  return violations;
}

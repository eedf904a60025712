/**
 * I3, model-index exactness: `model_index[m]` holds exactly the live worker objects (by identity)
 * indexed under m, one entry per URL, and no empty slice persists.
 */
import type { Worker } from '../domain/worker.ts';
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

export function checkModelIndex(s: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  // Live workers by object, each with the models it is indexed under (computed once per object).
  const live = new Map<Worker, { readonly id: string; readonly models: readonly string[] }>();
  for (const [id, w] of s.workers) live.set(w, { id, models: live.get(w)?.models ?? s.indexedModels(w) });
  for (const [model, slice] of s.modelIndex) {
    if (slice.length === 0)
      violations.push(modelIndex(`model_index[${model}] is an empty slice that was never removed`));
    const seen = slice.length > 1 ? new Set<string>() : undefined;
    for (const w of slice) {
      if (seen !== undefined) {
        if (seen.has(w.url))
          violations.push(modelIndex(`model_index[${model}] lists ${w.url} more than once`));
        seen.add(w.url);
      }
      const entry = live.get(w);
      if (entry === undefined) {
        const holder = liveAt(s, w.url);
        violations.push(
          modelIndex(
            holder === undefined
              ? `model_index[${model}] holds ${w.label} at ${w.url}, which no live worker has`
              : `model_index[${model}] holds stale object ${w.label} for ${w.url}; workers[${holder[0]}] is ${holder[1].label}`,
          ),
        );
      } else if (!entry.models.includes(model)) {
        violations.push(
          modelIndex(`model_index[${model}] holds ${w.label} (${entry.id}), which does not serve ${model}`),
        );
      }
    }
  }
  for (const [id, w] of s.workers) {
    for (const model of live.get(w)!.models) {
      const slice = s.modelIndex.get(model);
      if (slice === undefined || !slice.includes(w)) {
        violations.push(
          modelIndex(`${w.label} (${id}) serves ${model} but is missing from model_index[${model}]`),
        );
      }
    }
  }
  return violations;
}

/** The last live worker (in `workers` order) at `url`, with its id. */
function liveAt(s: RegistrySnapshot, url: string): [string, Worker] | undefined {
  let found: [string, Worker] | undefined;
  for (const [id, w] of s.workers) if (w.url === url) found = [id, w];
  return found;
}

function modelIndex(message: string): Violation {
  return { invariant: 'model-index', message };
}

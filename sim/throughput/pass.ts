/** One pass of a cycle on a registry: each batch issued at once and awaited as a whole. */
import type { WorkerId } from '../../src/determinism/ids.ts';
import type { Batch, BenchOp, Cycle } from './sequence.ts';
import type { BenchSubject } from './subject.ts';

/** Issues one call; `ids` holds each slot's current worker id, which a replace needs. */
export function issue(subject: BenchSubject, op: BenchOp, ids: readonly (WorkerId | null)[]): unknown {
  switch (op.kind) {
    case 'getByUrl':
      return subject.getByUrl(op.url);
    case 'getByModel':
      return subject.getByModel(op.model);
    case 'ringLookup':
      return subject.ringLookup(op.model, op.key);
    case 'register':
      return subject.register(op.worker);
    case 'replace':
      // A missing id (a broken register) is passed on as it is and fails the checks.
      return subject.replace(ids[op.slot] as WorkerId, op.worker);
    case 'removeByUrl':
      return subject.removeByUrl(op.url);
  }
}

/** Records the id each storing `register` of the batch returned: the URL's id from then on. */
export function recordStores(batch: Batch, results: readonly unknown[], ids: (WorkerId | null)[]): void {
  for (const i of batch.stores) ids[(batch.ops[i] as { slot: number }).slot] = results[i] as WorkerId | null;
}

/**
 * One pass of `cycle`. `ids` holds each slot's current worker id (a URL registered back gets a
 * new one). `check` sees every batch's results; the timed passes leave it out.
 */
export async function runCycle(
  subject: BenchSubject,
  cycle: Cycle,
  ids: (WorkerId | null)[],
  check?: (batch: Batch, results: readonly unknown[]) => Promise<void>,
): Promise<void> {
  for (const batch of cycle.batches) {
    const { ops } = batch;
    const calls: unknown[] = new Array(ops.length);
    for (let i = 0; i < ops.length; i++) calls[i] = issue(subject, ops[i]!, ids);
    const results = await Promise.all(calls);
    recordStores(batch, results, ids);
    if (check !== undefined) await check(batch, results);
  }
}

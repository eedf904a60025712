/**
 * The checks of a concurrent pass (batches in flight), which a broken registry cannot pass and
 * so cannot look fast: every batch's successful writes are counted against the sequence's, each
 * URL the batch wrote is read back, and every URL's worker is compared with the expected one
 * before and after the timed passes. They hold under any interleaving of a batch's calls (the
 * sequence is built so); the exact answers are checked by `specCheck.ts` on a sequential pass.
 */
import type { WorkerId } from '../../src/determinism/ids.ts';
import type { Worker } from '../../src/domain/worker.ts';
import { runCycle } from './pass.ts';
import type { Batch, Cycle, Outcomes } from './sequence.ts';
import type { BenchSubject, BenchTarget } from './subject.ts';

/**
 * Throws unless the batch's writes succeeded exactly as often as the sequence says they must and
 * left each URL they wrote holding what the sequence says.
 */
async function checkBatch(label: string, subject: BenchSubject, batch: Batch, results: readonly unknown[]) {
  const seen: Outcomes = { stored: 0, replaced: 0, removed: 0 };
  batch.ops.forEach((op, i) => {
    const result = results[i];
    if (op.kind === 'register' && result !== null) seen.stored++;
    else if (op.kind === 'replace' && result === true) seen.replaced++;
    else if (op.kind === 'removeByUrl' && result !== null) {
      seen.removed++;
      if (result !== batch.removedWorkers.get(op.url))
        throw new Error(`${label}: removing ${op.url} returned ${(result as Worker).label}`);
    }
  });
  const { expected } = batch;
  if (
    seen.stored !== expected.stored ||
    seen.replaced !== expected.replaced ||
    seen.removed !== expected.removed
  )
    throw new Error(
      `${label}: a batch's writes succeeded ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`,
    );
  for (const [url, worker] of batch.settled) {
    const held = await subject.getByUrl(url);
    if (held !== worker)
      throw new Error(
        `${label}: after a batch ${url} holds ${held?.label ?? 'nothing'}, not ${worker?.label ?? 'nothing'}`,
      );
  }
}

/** Throws unless every URL holds the worker `expected` names and nothing else is live. */
export async function checkState(
  label: string,
  subject: BenchSubject,
  expected: readonly Worker[],
): Promise<void> {
  const live = subject.liveCount();
  if (live !== expected.length)
    throw new Error(`${label}: ${live} live workers, expected ${expected.length}`);
  for (const w of expected) {
    if ((await subject.getByUrl(w.url)) !== w) throw new Error(`${label}: ${w.url} does not hold ${w.label}`);
  }
}

/** A registry of `target` that has registered the cycle's URLs and made one checked concurrent pass. */
export async function checkedSubject(label: string, target: BenchTarget, cycle: Cycle) {
  const subject = target.create();
  const ids: (WorkerId | null)[] = [];
  for (const w of cycle.initial) ids.push(await subject.register(w));
  await checkState(`${label}, before the first pass`, subject, cycle.initial);
  await runCycle(subject, cycle, ids, (batch, results) => checkBatch(label, subject, batch, results));
  await checkState(`${label}, after a checked pass`, subject, cycle.final);
  return { subject, ids };
}

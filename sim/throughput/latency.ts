/**
 * Latency per operation kind: an untimed pass that notes when each call was issued and when it
 * settled. A call's latency includes its wait behind the other calls of its batch (a hot URL's
 * mutex or mailbox), which is what a caller of the registry sees.
 */
import { performance } from 'node:perf_hooks';
import type { WorkerId } from '../../src/determinism/ids.ts';
import { issue, recordStores } from './pass.ts';
import type { Cycle } from './sequence.ts';
import { quantile } from './stats.ts';
import type { BenchSubject } from './subject.ts';
import type { BenchKind } from './workload.ts';

/** µs from issue to settle of every call measured, by kind. */
export type LatencySamples = Map<BenchKind, number[]>;

/** The median and 99th percentile of one kind's calls, µs. */
export interface Latency {
  readonly p50Us: number;
  readonly p99Us: number;
  readonly calls: number;
}

/** One pass of `cycle` adding each call's latency to `samples`. */
export async function latencyPass(
  subject: BenchSubject,
  cycle: Cycle,
  ids: (WorkerId | null)[],
  samples: LatencySamples,
): Promise<void> {
  const note = (kind: BenchKind, started: number) => {
    const us = (performance.now() - started) * 1000;
    const list = samples.get(kind);
    if (list === undefined) samples.set(kind, [us]);
    else list.push(us);
  };
  for (const batch of cycle.batches) {
    const calls = batch.ops.map((op) => {
      const started = performance.now();
      const call = issue(subject, op, ids);
      if (call instanceof Promise)
        return call.then((result: unknown) => {
          note(op.kind, started);
          return result;
        });
      note(op.kind, started);
      return call;
    });
    recordStores(batch, await Promise.all(calls), ids);
  }
}

/** p50 and p99 of each kind measured. */
export function summariseLatency(samples: LatencySamples): Partial<Record<BenchKind, Latency>> {
  const summary: Partial<Record<BenchKind, Latency>> = {};
  for (const [kind, us] of samples)
    summary[kind] = { p50Us: quantile(us, 0.5), p99Us: quantile(us, 0.99), calls: us.length };
  return summary;
}

/**
 * Heap per live URL: the growth of `heapUsed` across registering a workload's URLs, after full
 * collections, divided by the URL count. Needs the collector: `node --expose-gc` exposes it, and
 * otherwise it is switched on at run time through V8's flags; where neither works, heap is not
 * measured and the result says so.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clearBuiltRingCache } from '../../src/domain/hashRing.ts';
import type { Worker } from '../../src/domain/worker.ts';
import type { BenchTarget } from './subject.ts';

export type Gc = () => void;

/** How the collector was reached: `--expose-gc`, V8's flags at run time, or not at all. */
export type GcAccess = 'expose-gc' | 'v8-flags' | 'unavailable';

/** The collector, if there is a way to reach it. */
export function findGc(): { readonly gc: Gc | undefined; readonly access: GcAccess } {
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (exposed !== undefined) return { gc: exposed, access: 'expose-gc' };
  try {
    setFlagsFromString('--expose-gc');
    // A new context created after the flag is set gets `gc`; this one does not.
    const gc = runInNewContext('gc') as Gc | undefined;
    if (typeof gc === 'function') return { gc, access: 'v8-flags' };
  } catch {
    // Runtimes without V8's flags (or with them locked) fall through.
  }
  return { gc: undefined, access: 'unavailable' };
}

/** Heap after full collections, with the small-ring cache emptied so that it never counts. */
export function settledHeap(gc: Gc): number {
  clearBuiltRingCache();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes of heap per URL a fresh registry of `target` holds once `workers` are registered. */
export async function heapPerUrl(target: BenchTarget, workers: readonly Worker[], gc: Gc): Promise<number> {
  const before = settledHeap(gc);
  const subject = target.create();
  for (const w of workers) {
    if ((await subject.register(w)) === null) throw new Error(`${target.name} refused to register ${w.url}`);
  }
  const grown = settledHeap(gc) - before;
  // Also keeps the registry reachable until it has been measured.
  if (subject.liveCount() !== workers.length) throw new Error(`${target.name} lost workers`);
  return grown / workers.length;
}

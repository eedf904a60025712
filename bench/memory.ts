/**
 * Section 6: heap per live URL of the actor registry at 1k, 10k and 100k URLs (10 URLs per
 * model), with the lock-based V1113 port and the plain `Map` registry (`mapRegistry.ts`) as
 * context. Each figure is the growth of `heapUsed` across registering every URL, after full
 * collections, divided by the URL count; then again once every model's ring has been built (the
 * actor and Map registries build a ring at the first lookup after a change, V1113 at every change).
 *
 * Process-wide caches are kept out of the figures: vnode positions are computed for every URL
 * before measuring, and the cache of small built rings (which V1113 fills while a model grows to
 * 10 URLs) is emptied before each reading. (The actor registry's memo of valid URLs, a few dozen
 * bytes per URL, counts against the first actor registry measured.) Computing vnodes costs 150
 * blake3 hashes per URL, about 15 s per 10,000 URLs on an idle 2-vCPU host, so above
 * `RINGS_UP_TO` URLs only the actor and Map registries are measured, without rings; V1113, which
 * builds rings at every register, is left out there.
 * Run: `node --expose-gc --import tsx bench/memory.ts`.
 */
import { type Gc, settledHeap } from '../sim/throughput/heap.ts';
import { HashRing } from '../src/domain/hashRing.ts';
import { createWorker, type Worker } from '../src/domain/worker.ts';
import { createSubject, type SubjectImpl } from './subjects.ts';

/** The implementations section 6 measures. */
export const HEAP_IMPLS = ['actor', 'v1113', 'map'] as const satisfies readonly SubjectImpl[];

/** Heap growth per live URL of one implementation at one size. */
export interface HeapRow {
  readonly impl: SubjectImpl;
  readonly urls: number;
  /** Bytes per URL with every URL live. */
  readonly bytesPerUrl: number;
  /** Bytes per URL once every model's ring is built; null where rings were not measured. */
  readonly bytesPerUrlWithRings: number | null;
}

const URLS_PER_MODEL = 10;
/** Largest URL count whose vnodes are computed, so with rings measured and V1113 included. */
const RINGS_UP_TO = 10_000;

/**
 * Heap per live URL for each count and implementation (default `HEAP_IMPLS`; `actor-xstate`
 * may be added). Needs the collector exposed (`node --expose-gc`) and throws a clear error
 * without it.
 */
export async function measureHeapPerUrl(
  counts: readonly number[],
  impls: readonly SubjectImpl[] = HEAP_IMPLS,
): Promise<HeapRow[]> {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined)
    throw new Error('measureHeapPerUrl needs the garbage collector exposed: run node with --expose-gc');
  const rows: HeapRow[] = [];
  for (const urls of counts) {
    const workers = Array.from({ length: urls }, (_, i) =>
      createWorker(`W${i}`, { url: `http://w${i}:8000`, models: [`m${Math.floor(i / URLS_PER_MODEL)}`] }),
    );
    const models = Array.from({ length: Math.ceil(urls / URLS_PER_MODEL) }, (_, m) => `m${m}`);
    const withRings = urls <= RINGS_UP_TO;
    // Vnode positions are cached per URL process-wide: compute them first so no registry pays for them.
    if (withRings) {
      for (let i = 0; i < urls; i += URLS_PER_MODEL)
        HashRing.fromUniqueUrls(workers.slice(i, i + URLS_PER_MODEL).map((w) => w.url));
    }
    for (const impl of impls) {
      if (impl === 'v1113' && !withRings) continue;
      rows.push(await heapOf(impl, workers, withRings ? models : undefined, gc));
    }
  }
  return rows;
}

/** One implementation's row: register `workers`, then (given `models`) build every ring. */
async function heapOf(
  impl: SubjectImpl,
  workers: readonly Worker[],
  models: readonly string[] | undefined,
  gc: Gc,
): Promise<HeapRow> {
  const before = settledHeap(gc);
  const subject = createSubject(impl);
  for (const w of workers) {
    if ((await subject.register(w)) === null) throw new Error(`${impl} refused to register ${w.url}`);
  }
  const live = settledHeap(gc) - before;
  let withRings: number | null = null;
  if (models !== undefined) {
    for (const model of models) await subject.ringLookup(model, 'k');
    withRings = settledHeap(gc) - before;
  }
  // Also keeps the registry reachable until it has been measured.
  if (subject.liveCount() !== workers.length) throw new Error(`${impl} lost workers`);
  return {
    impl,
    urls: workers.length,
    bytesPerUrl: live / workers.length,
    bytesPerUrlWithRings: withRings === null ? null : withRings / workers.length,
  };
}

/** The rows as a fixed-width text table. */
export function formatHeapTable(rows: readonly HeapRow[]): string {
  const kb = (bytes: number | null) => (bytes === null ? '—' : `${(bytes / 1024).toFixed(2)} KB`);
  return [
    `${'impl'.padEnd(12)} ${'live URLs'.padStart(9)} ${'per URL'.padStart(10)} ${'with rings'.padStart(10)}`,
    ...rows.map(
      (r) =>
        `${r.impl.padEnd(12)} ${String(r.urls).padStart(9)} ${kb(r.bytesPerUrl).padStart(10)} ` +
        `${kb(r.bytesPerUrlWithRings).padStart(10)}`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('heap per live URL (10 URLs per model)');
  console.log(formatHeapTable(await measureHeapPerUrl([1_000, 10_000, 100_000])));
}

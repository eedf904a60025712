/**
 * Production-mode throughput of the actor registry against the lock-based V1113 port and a plain
 * synchronous Map registry (`mapRegistry.ts`), side by side in one run, on one hot URL and on
 * 1,000 URLs; then heap per live URL. Writes are issued in batches of concurrent calls so the hot
 * URL's mailbox (actor) and mutex (V1113) really queue. Every cell is the median of `ROUNDS`
 * interleaved rounds, which keeps a noisy shared host from favouring whichever ran first.
 * Run: `node --expose-gc --import tsx bench/actor.bench.ts` (without `--expose-gc` the heap part
 * is skipped).
 */
import { Bench } from 'tinybench';
import { createActorRegistry } from '../src/actor/implementation.ts';
import { createSequentialIds, type WorkerId } from '../src/determinism/ids.ts';
import { createWorker, type Worker } from '../src/domain/worker.ts';
import { createProductionRuntime } from '../src/memory/runtime.ts';
import type { Registry } from '../src/types.ts';
import { v1113 } from '../src/versions/v1113.ts';
import { MapRegistry } from './mapRegistry.ts';

const BATCH = 100;
const URLS = 1_000;
const ROUNDS = 3;

type Impl = 'actor' | 'v1113' | 'map';
const IMPLS: readonly Impl[] = ['actor', 'v1113', 'map'];

/** The three registries behind one synchronous-or-async face. */
interface Subject {
  register(w: Worker): Promise<WorkerId | null> | WorkerId | null;
  replace(id: WorkerId, w: Worker): Promise<boolean> | boolean;
  removeByUrl(url: string): Promise<Worker | null> | Worker | null;
  getByModel(model: string): Promise<readonly Worker[]> | readonly Worker[];
}

function create(impl: Impl): Subject {
  const ids = createSequentialIds();
  if (impl === 'map') return new MapRegistry(ids);
  const rt = createProductionRuntime(ids);
  const registry: Registry = impl === 'actor' ? createActorRegistry(rt) : v1113.create(rt);
  return { ...registry, replace: registry.replace! };
}

/** Worker `i` (two versions of each, to alternate replaces), `modelsPer` URLs per model. */
function workers(count: number, urlsPerModel: number, version: string): Worker[] {
  return Array.from({ length: count }, (_, i) =>
    createWorker(`W${i}${version}`, { url: `http://w${i}:8000`, models: [`m${Math.floor(i / urlsPerModel)}`] }),
  );
}

/** A bench case: `setup` builds the registry, `batch` runs `ops` operations. */
interface Case {
  readonly name: string;
  readonly ops: number;
  make(impl: Impl): Promise<() => Promise<unknown>>;
}

async function registered(impl: Impl, ws: readonly Worker[]): Promise<{ subject: Subject; ids: WorkerId[] }> {
  const subject = create(impl);
  const ids: WorkerId[] = [];
  for (const w of ws) ids.push((await subject.register(w))!);
  return { subject, ids };
}

function replaceCase(name: string, count: number, urlsPerModel: number): Case {
  const a = workers(count, urlsPerModel, 'a');
  const b = workers(count, urlsPerModel, 'b');
  return {
    name,
    ops: BATCH,
    make: async (impl) => {
      const { subject, ids } = await registered(impl, a);
      let cursor = 0;
      return () => {
        const batch: unknown[] = [];
        for (let k = 0; k < BATCH; k++, cursor++) {
          const i = cursor % count;
          batch.push(subject.replace(ids[i]!, (Math.floor(cursor / count) % 2 === 0 ? b : a)[i]!));
        }
        return Promise.all(batch);
      };
    },
  };
}

function getByModelCase(name: string, count: number, urlsPerModel: number): Case {
  const ws = workers(count, urlsPerModel, 'a');
  const models = Math.ceil(count / urlsPerModel);
  return {
    name,
    ops: BATCH,
    make: async (impl) => {
      const { subject } = await registered(impl, ws);
      let cursor = 0;
      return () => {
        const batch: unknown[] = [];
        for (let k = 0; k < BATCH; k++) batch.push(subject.getByModel(`m${cursor++ % models}`));
        return Promise.all(batch);
      };
    },
  };
}

const CASES: readonly Case[] = [
  {
    name: `register ${URLS} URLs into an empty registry`,
    ops: URLS,
    make: async (impl) => {
      const ws = workers(URLS, 1, 'a');
      return () => {
        const subject = create(impl);
        return Promise.all(ws.map((w) => subject.register(w)));
      };
    },
  },
  {
    name: 'register + removeByUrl, hot URL',
    ops: 2,
    make: async (impl) => {
      const [w] = workers(1, 1, 'a');
      const subject = create(impl);
      return async () => {
        await subject.register(w!);
        await subject.removeByUrl(w!.url);
      };
    },
  },
  replaceCase(`replace x${BATCH} concurrent, hot URL`, 1, 1),
  replaceCase(`replace x${BATCH} concurrent, ${URLS} URLs (1 per model)`, URLS, 1),
  replaceCase(`replace x${BATCH} concurrent, ${URLS} URLs (10 per model)`, URLS, 10),
  getByModelCase(`getByModel x${BATCH}, hot URL`, 1, 1),
  getByModelCase(`getByModel x${BATCH}, ${URLS} URLs (10 per model)`, URLS, 10),
];

/** Mean µs per operation of each case and implementation, one round. */
async function round(): Promise<Map<string, number>> {
  const bench = new Bench({ time: 400, warmupTime: 100 });
  const ops = new Map<string, number>();
  for (const c of CASES) {
    for (const impl of IMPLS) {
      const name = `${c.name} | ${impl}`;
      bench.add(name, await c.make(impl));
      ops.set(name, c.ops);
    }
  }
  await bench.run();
  const perOp = new Map<string, number>();
  for (const task of bench.tasks) {
    if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
    perOp.set(task.name, (task.result.period * 1000) / ops.get(task.name)!);
  }
  return perOp;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function throughput(): Promise<void> {
  const rounds: Map<string, number>[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round());
  const cell = (c: Case, impl: Impl) => median(rounds.map((m) => m.get(`${c.name} | ${impl}`)!));
  console.log(`\nµs per operation, median of ${ROUNDS} rounds (lower is better); ratios are throughput ratios`);
  console.log(`${'case'.padEnd(52)} ${'actor'.padStart(8)} ${'v1113'.padStart(9)} ${'map'.padStart(7)}  actor÷v1113  map÷actor`);
  for (const c of CASES) {
    const [a, l, m] = IMPLS.map((impl) => cell(c, impl)) as [number, number, number];
    console.log(
      `${c.name.padEnd(52)} ${a.toFixed(2).padStart(8)} ${l.toFixed(2).padStart(9)} ${m.toFixed(3).padStart(7)}` +
        `  ${(l / a).toFixed(2).padStart(10)}x  ${(a / m).toFixed(0).padStart(8)}x`,
    );
  }
}

/** Heap bytes per live URL after registering `count` URLs (10 per model), with and without rings built. */
async function heapPerUrl(count: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const ws = workers(count, 10, 'a');
  for (const impl of IMPLS) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const { subject } = await registered(impl, ws);
    gc();
    const live = process.memoryUsage().heapUsed - before;
    // Rings: V1113 builds them at every change, the others at the first lookup after one.
    for (let m = 0; m < count / 10; m++) await subject.getByModel(`m${m}`);
    if (subject instanceof MapRegistry) for (let m = 0; m < count / 10; m++) subject.ringLookup(`m${m}`, 'k');
    else for (let m = 0; m < count / 10; m++) await (subject as Registry).ringLookup(`m${m}`, 'k');
    gc();
    const withRings = process.memoryUsage().heapUsed - before;
    console.log(
      `${impl.padEnd(6)} ${count} live URLs: ${(live / count).toFixed(0).padStart(6)} B/URL; ` +
        `with every ring built ${(withRings / count).toFixed(0).padStart(6)} B/URL`,
    );
    // Keep the registry reachable until it has been measured.
    if ((await subject.getByModel('m0')).length === 0) throw new Error(`${impl} lost its workers`);
  }
}

await throughput();
if ((globalThis as { gc?: unknown }).gc === undefined) {
  console.log('\nheap per URL skipped: run with node --expose-gc');
} else {
  console.log('\nheap per live URL (10 URLs per model)');
  for (const count of [1_000, 10_000]) await heapPerUrl(count);
}

/**
 * Production-mode throughput of the actor registry against the lock-based V1113 port and a plain
 * synchronous Map registry (`mapRegistry.ts`), side by side in one run, on one hot URL and on
 * 1,000 URLs; then heap per live URL. `actor` runs the compiled URL statechart (the default);
 * `actor-xstate` has XState interpret it, the other design option.
 *
 * Writes are issued in batches of concurrent calls so the hot URL's mailbox (actor) and mutex
 * (V1113) really queue. Each cell is the median of `ROUNDS` interleaved rounds, and both wall
 * time and process CPU time are reported: on a shared host, wall time also counts the time other
 * processes held the CPU, CPU time much less so.
 * Run: `node --expose-gc --import tsx bench/actor.bench.ts` (without `--expose-gc` the heap part
 * is skipped).
 */
import { Bench } from 'tinybench';
import { createActorRegistry } from '../src/actor/implementation.ts';
import { createSequentialIds, type WorkerId } from '../src/determinism/ids.ts';
import { HashRing } from '../src/domain/hashRing.ts';
import { createWorker, type Worker } from '../src/domain/worker.ts';
import { createProductionRuntime } from '../src/memory/runtime.ts';
import type { Registry } from '../src/types.ts';
import { v1113 } from '../src/versions/v1113.ts';
import { MapRegistry } from './mapRegistry.ts';

const BATCH = 100;
const URLS = 1_000;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

type Impl = 'actor' | 'actor-xstate' | 'v1113' | 'map';
const IMPLS: readonly Impl[] = ['actor', 'actor-xstate', 'v1113', 'map'];

/** The registries behind one face (the Map registry answers synchronously). */
interface Subject {
  register(w: Worker): Promise<WorkerId | null> | WorkerId | null;
  replace(id: WorkerId, w: Worker): Promise<boolean> | boolean;
  removeByUrl(url: string): Promise<Worker | null> | Worker | null;
  getByModel(model: string): Promise<readonly Worker[]> | readonly Worker[];
  ringLookup(model: string, key: string): Promise<string | null> | string | null;
}

function create(impl: Impl): Subject {
  const ids = createSequentialIds();
  if (impl === 'map') return new MapRegistry(ids);
  const rt = createProductionRuntime(ids);
  const registry: Registry =
    impl === 'v1113'
      ? v1113.create(rt)
      : createActorRegistry(rt, { engine: impl === 'actor' ? 'compiled' : 'interpreted' });
  return { ...registry, replace: registry.replace! };
}

/** `count` workers at distinct URLs, `urlsPerModel` URLs per model; `version` tells two sets apart. */
function workers(count: number, urlsPerModel: number, version: string): Worker[] {
  return Array.from({ length: count }, (_, i) =>
    createWorker(`W${i}${version}`, {
      url: `http://w${i}:8000`,
      models: [`m${Math.floor(i / urlsPerModel)}`],
    }),
  );
}

async function registered(impl: Impl, ws: readonly Worker[]): Promise<{ subject: Subject; ids: WorkerId[] }> {
  const subject = create(impl);
  const ids: WorkerId[] = [];
  for (const w of ws) ids.push((await subject.register(w))!);
  return { subject, ids };
}

/** A bench case: `make` builds the registry and returns one iteration, which runs `ops` operations. */
interface Case {
  readonly name: string;
  readonly ops: number;
  make(impl: Impl): Promise<() => Promise<unknown>>;
}

function replaceCase(name: string, count: number, urlsPerModel: number): Case {
  const versions = [workers(count, urlsPerModel, 'a'), workers(count, urlsPerModel, 'b')] as const;
  return {
    name,
    ops: BATCH,
    make: async (impl) => {
      const { subject, ids } = await registered(impl, versions[0]);
      let cursor = 0;
      return () => {
        const batch: unknown[] = [];
        for (let k = 0; k < BATCH; k++, cursor++) {
          const i = cursor % count;
          batch.push(subject.replace(ids[i]!, versions[Math.floor(cursor / count) % 2]![i]!));
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

interface Cell {
  readonly wall: number;
  readonly cpu: number;
}

/** µs per operation of every case and implementation, one round. */
async function round(): Promise<Map<string, Cell>> {
  const bench = new Bench({ time: 300, warmupTime: 100 });
  const ops = new Map<string, number>();
  const cpuTotal = new Map<string, number>();
  for (const c of CASES) {
    for (const impl of IMPLS) {
      const name = `${c.name} | ${impl}`;
      ops.set(name, c.ops);
      let cpuAtStart = process.cpuUsage();
      bench.add(name, await c.make(impl), {
        beforeAll: (mode) => {
          if (mode === 'run') cpuAtStart = process.cpuUsage();
        },
        afterAll: (mode) => {
          if (mode !== 'run') return;
          const used = process.cpuUsage(cpuAtStart);
          cpuTotal.set(name, used.user + used.system);
        },
      });
    }
  }
  await bench.run();
  const cells = new Map<string, Cell>();
  for (const task of bench.tasks) {
    const cpu = cpuTotal.get(task.name);
    if (task.result.state !== 'completed' || cpu === undefined)
      throw new Error(`${task.name}: ${task.result.state}`);
    const n = ops.get(task.name)!;
    cells.set(task.name, { wall: (task.result.period * 1000) / n, cpu: cpu / task.runs / n });
  }
  return cells;
}

const median = (xs: readonly number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

async function throughput(): Promise<void> {
  const rounds: Map<string, Cell>[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await round());
  for (const measure of ['wall', 'cpu'] as const) {
    console.log(`\n${measure} µs per operation, median of ${ROUNDS} rounds; ratios are throughput ratios`);
    console.log(
      `${'case'.padEnd(50)} ${'actor'.padStart(7)} ${'actor-xstate'.padStart(12)} ${'v1113'.padStart(8)} ` +
        `${'map'.padStart(6)}  actor÷v1113  actor-xstate÷v1113`,
    );
    for (const c of CASES) {
      const [a, x, l, m] = IMPLS.map((impl) =>
        median(rounds.map((r) => r.get(`${c.name} | ${impl}`)![measure])),
      );
      console.log(
        `${c.name.padEnd(50)} ${a!.toFixed(2).padStart(7)} ${x!.toFixed(2).padStart(12)} ${l!.toFixed(2).padStart(8)} ` +
          `${m!.toFixed(2).padStart(6)}  ${(l! / a!).toFixed(2).padStart(10)}x  ${(l! / x!).toFixed(2).padStart(17)}x`,
      );
    }
  }
}

/** Heap growth per URL for one implementation: `ws` live, then with every ring built. */
async function heapOf(impl: Impl, ws: readonly Worker[], gc: () => void): Promise<[number, number]> {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const { subject } = await registered(impl, ws);
  gc();
  const live = process.memoryUsage().heapUsed - before;
  // Rings: V1113 builds them at every change, the others at the first lookup after one.
  for (const model of new Set(ws.map((w) => w.models[0]!))) await subject.ringLookup(model, 'k');
  gc();
  const withRings = process.memoryUsage().heapUsed - before;
  // Keeps the registry reachable until it has been measured.
  if ((await subject.getByModel(ws[0]!.models[0]!)).length === 0) throw new Error(`${impl} lost its workers`);
  return [live / ws.length, withRings / ws.length];
}

/** Heap bytes per live URL (10 URLs per model), with and without the rings built. */
async function heapPerUrl(count: number, gc: () => void): Promise<void> {
  const ws = workers(count, 10, 'a');
  // Vnode positions are cached per URL process-wide: fill the cache first so no registry pays for it.
  HashRing.fromUniqueUrls(ws.map((w) => w.url));
  for (const impl of IMPLS) {
    const [live, withRings] = await heapOf(impl, ws, gc);
    console.log(
      `${impl.padEnd(12)} ${String(count).padStart(6)} live URLs: ${live.toFixed(0).padStart(6)} B/URL; ` +
        `with every ring built ${withRings.toFixed(0).padStart(6)} B/URL`,
    );
  }
}

await throughput();
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.log('\nheap per URL skipped: run with node --expose-gc');
} else {
  console.log('\nheap per live URL (10 URLs per model)');
  for (const count of [1_000, 10_000]) await heapPerUrl(count, gc);
}

/**
 * Section 3: production-mode throughput (`createProductionRuntime`) of four registries side by
 * side in one process: `actor` (one actor per URL, compiled chart), `v1113` (the lock-based
 * port), `v836` (its predecessor) and `map`, the plain synchronous `Map` floor
 * (`mapRegistry.ts`). Two workloads — one hot URL, and 1,000 URLs at 10 URLs per model — each
 * under two mixes: read-heavy (98% `getByUrl`/`getByModel`/`ringLookup`, 2% writes) and churn
 * (only `register`/`replace`/`removeByUrl`).
 *
 * Operations are issued in batches of up to 100 concurrent calls (`Promise.all`), so writes to a
 * hot URL queue on its mutex (V1113, V836). The actor registry completes an uncontended command
 * without yielding, so in production its mailbox stays empty and a batch runs as a sequence; the
 * figures include that design choice rather than hide it.
 *
 * Every implementation replays the same operation sequence, generated up front from a seeded
 * PRNG, as a closed cycle: it starts and ends with every URL live, so a timed iteration (one pass
 * of the cycle) leaves the registry as it found it. The sequence keeps within what every port
 * handles correctly: the ports decide some things before taking their lock, so in one batch a
 * URL's removals come after its other writes, and a vacant URL gets a single `register` and no
 * other write — otherwise V1113 stores a worker no URL maps to (spec §9), and V836 lets two
 * registers both succeed (review finding 4), and the implementations would not be doing the same
 * work. Each registry is checked outside the timed part, so that a broken one cannot look fast: a
 * first pass counts every batch's successful writes against the sequence's and reads back each URL
 * the batch wrote, and every URL's worker is compared with the expected one before and after the
 * timed passes.
 *
 * Each cell is the median of `rounds` interleaved rounds (after a discarded warm-up round), in
 * wall time and in process CPU time (less sensitive to other load on a shared host). Run with
 * `--expose-gc` to collect before each cell, so that no cell's garbage is collected on another's
 * time:
 * `node --expose-gc --import tsx bench/registryThroughput.ts` (env `ROUNDS`, default 5; `TIME_MS`
 * per task and round, default 300).
 */
import { Bench } from 'tinybench';
import { ActorRegistry } from '../src/actor/ActorRegistry.ts';
import { asRegistry } from '../src/actor/implementation.ts';
import { createSequentialIds, type WorkerId } from '../src/determinism/ids.ts';
import { createPrng, type Prng } from '../src/determinism/prng.ts';
import { createWorker, type Worker } from '../src/domain/worker.ts';
import { createProductionRuntime } from '../src/memory/runtime.ts';
import { v836 } from '../src/versions/v836.ts';
import { v1113 } from '../src/versions/v1113.ts';
import { MapRegistry } from './mapRegistry.ts';
import { median } from './stats.ts';

/** The implementations section 3 measures, `v1113` being the baseline of the ratios. */
export const REGISTRY_IMPLS = ['actor', 'v1113', 'v836', 'map'] as const;
export type RegistryImpl = (typeof REGISTRY_IMPLS)[number];
/** What `createSubject` builds: also `actor-xstate`, the actor registry with XState interpreting its chart. */
export type SubjectImpl = RegistryImpl | 'actor-xstate';

/** One cell of the table: an implementation on a workload under a mix. */
export interface RegistryThroughputRow {
  /** `hot URL` or `1,000 URLs`. */
  readonly workload: string;
  /** `read-heavy` or `churn`. */
  readonly mix: string;
  readonly impl: SubjectImpl;
  /** Median over rounds of wall-clock µs per operation. */
  readonly wallUsPerOp: number;
  /** Median over rounds of process CPU µs (user + system) per operation. */
  readonly cpuUsPerOp: number;
  /** Operations per wall-clock second (from `wallUsPerOp`). */
  readonly opsPerSecond: number;
  /** Throughput against V1113 in CPU time: V1113's µs ÷ this implementation's µs. */
  readonly cpuVsV1113: number;
  /** The same ratio in wall time. */
  readonly wallVsV1113: number;
}

/** Most calls in flight at once. */
const BATCH = 100;
/** Operations drawn per cycle (the cycle then re-registers the URLs it left vacant). */
const DRAWN_PER_CYCLE = 2_000;
/** Time per cell of the discarded warm-up round. */
const WARM_UP_MS = 50;
/** Distinct ring-lookup keys a cycle draws from. */
const KEYS = 64;
const SEED = 0x5eed;

interface Workload {
  readonly name: string;
  readonly urls: number;
  readonly urlsPerModel: number;
}

interface Mix {
  readonly name: string;
  /** Share of operations that write. */
  readonly writeShare: number;
}

const WORKLOADS: readonly Workload[] = [
  { name: 'hot URL', urls: 1, urlsPerModel: 1 },
  // Ten URLs per model: a change costs V1113 and V836 a rebuild of a 1,500-vnode ring.
  { name: '1,000 URLs', urls: 1_000, urlsPerModel: 10 },
];

const MIXES: readonly Mix[] = [
  { name: 'read-heavy', writeShare: 0.02 },
  { name: 'churn', writeShare: 1 },
];

/** One call of a cycle. `slot` numbers the URL; a replace finds its id in the runner's table. */
type Op =
  | { readonly kind: 'getByUrl'; readonly url: string }
  | { readonly kind: 'getByModel'; readonly model: string }
  | { readonly kind: 'ringLookup'; readonly model: string; readonly key: string }
  | { readonly kind: 'register'; readonly slot: number; readonly worker: Worker }
  | { readonly kind: 'replace'; readonly slot: number; readonly worker: Worker }
  | { readonly kind: 'removeByUrl'; readonly url: string };

/** How many writes of a batch must succeed: anything else means the registry lost or invented work. */
interface Outcomes {
  /** `register` calls that store (one per vacant URL); every other `register` finds the URL live. */
  stored: number;
  replaced: number;
  /** URLs removed (one `removeByUrl` per URL succeeds, later ones in the batch find it vacant). */
  removed: number;
}

interface Batch {
  readonly ops: readonly Op[];
  /** Indexes of the `register` calls that store: their returned id is the URL's id from then on. */
  readonly stores: readonly number[];
  readonly expected: Outcomes;
  /** What each URL the batch wrote holds after it: its worker, or null once removed. */
  readonly settled: ReadonlyMap<string, Worker | null>;
  /** The worker each removed URL held (after the batch's replaces): what its removal returns. */
  readonly removedWorkers: ReadonlyMap<string, Worker>;
}

/** A closed sequence of batches: every URL is live at its start and at its end. */
interface Cycle {
  readonly batches: readonly Batch[];
  readonly ops: number;
  /** The workers registered before the first pass, by slot. */
  readonly initial: readonly Worker[];
  /** The worker each slot holds after a pass. */
  readonly final: readonly Worker[];
}

const urlOf = (slot: number) => `http://w${slot}:8000`;

/**
 * Draws a cycle. Writes are drawn as register, replace or removeByUrl with equal odds and then
 * fitted to the URL's state when the batch starts: on a live URL a register is refused
 * (`AlreadyExists`) and removals go last in the batch; on a vacant URL the first write
 * registers the URL back and a second write to it starts the next batch.
 */
function generateCycle(workload: Workload, mix: Mix, seed: number): Cycle {
  const prng = createPrng(seed);
  const models = Array.from(
    { length: workload.urls },
    (_, slot) => `m${Math.floor(slot / workload.urlsPerModel)}`,
  );
  let versions = 0;
  const workerAt = (slot: number) =>
    createWorker(`W${slot}.${versions++}`, {
      url: urlOf(slot),
      models: [models[slot]!],
      priority: 50 + (versions % 10),
    });
  const initial = models.map((_, slot) => workerAt(slot));
  const current = [...initial];
  const live = initial.map(() => true);
  const keys = Array.from({ length: KEYS }, () => `session-${prng.nextU32().toString(16)}`);

  const batches: Batch[] = [];
  let drawn = 0;
  let carried: Intent | undefined;
  const next = (): Intent | undefined => {
    if (carried !== undefined) {
      const intent = carried;
      carried = undefined;
      return intent;
    }
    if (drawn === DRAWN_PER_CYCLE) return undefined;
    drawn++;
    return drawIntent(prng, mix, workload.urls);
  };

  while (drawn < DRAWN_PER_CYCLE || carried !== undefined) {
    const front: Op[] = [];
    const removals: Op[] = [];
    const stores: number[] = [];
    const removed = new Set<number>();
    const registered = new Set<number>();
    const written = new Set<number>();
    let replaced = 0;
    while (front.length + removals.length < BATCH) {
      const intent = next();
      if (intent === undefined) break;
      const { slot } = intent;
      const url = urlOf(slot);
      const model = models[slot]!;
      if (intent.kind === 'getByUrl') front.push({ kind: 'getByUrl', url });
      else if (intent.kind === 'getByModel') front.push({ kind: 'getByModel', model });
      else if (intent.kind === 'ringLookup')
        front.push({ kind: 'ringLookup', model, key: keys[prng.below(KEYS)]! });
      else if (live[slot]) {
        written.add(slot);
        if (intent.kind === 'removeByUrl') {
          removals.push({ kind: 'removeByUrl', url });
          removed.add(slot);
        } else if (intent.kind === 'register') {
          front.push({ kind: 'register', slot, worker: workerAt(slot) });
        } else {
          const worker = workerAt(slot);
          front.push({ kind: 'replace', slot, worker });
          current[slot] = worker;
          replaced++;
        }
      } else if (registered.has(slot)) {
        carried = intent;
        break;
      } else {
        const worker = workerAt(slot);
        stores.push(front.length);
        front.push({ kind: 'register', slot, worker });
        current[slot] = worker;
        registered.add(slot);
        written.add(slot);
      }
    }
    const removedWorkers = new Map([...removed].map((slot) => [urlOf(slot), current[slot]!]));
    for (const slot of removed) live[slot] = false;
    for (const slot of registered) live[slot] = true;
    batches.push({
      ops: [...front, ...removals],
      stores,
      expected: { stored: stores.length, replaced, removed: removed.size },
      settled: new Map([...written].map((slot) => [urlOf(slot), live[slot] ? current[slot]! : null])),
      removedWorkers,
    });
  }

  // Close the cycle: register back every URL it left vacant.
  const vacant = live.flatMap((isLive, slot) => (isLive ? [] : [slot]));
  for (let i = 0; i < vacant.length; i += BATCH) {
    const ops = vacant.slice(i, i + BATCH).map((slot): Op => {
      current[slot] = workerAt(slot);
      return { kind: 'register', slot, worker: current[slot]! };
    });
    batches.push({
      ops,
      stores: ops.map((_, k) => k),
      expected: { stored: ops.length, replaced: 0, removed: 0 },
      settled: new Map(vacant.slice(i, i + BATCH).map((slot) => [urlOf(slot), current[slot]!])),
      removedWorkers: new Map(),
    });
  }
  return {
    batches,
    ops: batches.reduce((n, b) => n + b.ops.length, 0),
    initial,
    final: current,
  };
}

interface Intent {
  readonly kind: Op['kind'];
  readonly slot: number;
}

const READS = ['getByUrl', 'getByModel', 'ringLookup'] as const;
const WRITES = ['register', 'replace', 'removeByUrl'] as const;

function drawIntent(prng: Prng, mix: Mix, urls: number): Intent {
  const write = prng.nextFloat() < mix.writeShare;
  const kinds = write ? WRITES : READS;
  return { kind: kinds[prng.below(kinds.length)]!, slot: prng.below(urls) };
}

/** The registries behind one face (the Map registry answers synchronously). */
export interface Subject {
  register(w: Worker): Promise<WorkerId | null> | WorkerId | null;
  replace(id: WorkerId, w: Worker): Promise<boolean> | boolean;
  removeByUrl(url: string): Promise<Worker | null> | Worker | null;
  getByUrl(url: string): Promise<Worker | null> | Worker | null;
  getByModel(model: string): Promise<readonly Worker[]> | readonly Worker[];
  ringLookup(model: string, key: string): Promise<string | null> | string | null;
  /** Live workers, for the checks (not timed). */
  liveCount(): number;
}

/** A fresh, empty registry of `impl` in production mode. */
export function createSubject(impl: SubjectImpl): Subject {
  const ids = createSequentialIds();
  if (impl === 'map') {
    const map = new MapRegistry(ids);
    return {
      register: (w) => map.register(w),
      replace: (id, w) => map.replace(id, w),
      removeByUrl: (url) => map.removeByUrl(url),
      getByUrl: (url) => map.getByUrl(url),
      getByModel: (model) => map.getByModel(model),
      ringLookup: (model, key) => map.ringLookup(model, key),
      liveCount: () => map.size,
    };
  }
  const rt = createProductionRuntime(ids);
  if (impl === 'v1113' || impl === 'v836') {
    const port = (impl === 'v1113' ? v1113 : v836).create(rt);
    return { ...port, replace: port.replace!, liveCount: () => port.inspect().workers.size };
  }
  // Not through `inspect()`, whose snapshot builds every ring.
  const actor = new ActorRegistry(rt, { engine: impl === 'actor' ? 'compiled' : 'interpreted' });
  const registry = asRegistry(actor);
  return { ...registry, replace: registry.replace!, liveCount: () => actor.liveCount };
}

function issue(subject: Subject, op: Op, ids: readonly (WorkerId | null)[]): unknown {
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
      // A missing id (a broken register) is passed on as it is and fails the outcome check.
      return subject.replace(ids[op.slot] as WorkerId, op.worker);
    case 'removeByUrl':
      return subject.removeByUrl(op.url);
  }
}

/**
 * One pass of `cycle`: each batch issued at once and awaited as a whole. `ids` holds each slot's
 * current worker id (replace needs it; a URL registered back gets a new one). `check` sees every
 * batch's results; the timed passes leave it out.
 */
async function runCycle(
  subject: Subject,
  cycle: Cycle,
  ids: (WorkerId | null)[],
  check?: (batch: Batch, results: readonly unknown[]) => Promise<void>,
): Promise<void> {
  for (const batch of cycle.batches) {
    const { ops } = batch;
    const calls: unknown[] = new Array(ops.length);
    for (let i = 0; i < ops.length; i++) calls[i] = issue(subject, ops[i]!, ids);
    const results = await Promise.all(calls);
    for (const i of batch.stores) ids[(ops[i] as { slot: number }).slot] = results[i] as WorkerId | null;
    if (check !== undefined) await check(batch, results);
  }
}

/**
 * Throws unless the batch's writes succeeded exactly as often as the sequence says they must and
 * left each URL they wrote holding what the sequence says.
 */
async function checkBatch(label: string, subject: Subject, batch: Batch, results: readonly unknown[]) {
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
async function checkState(label: string, subject: Subject, expected: readonly Worker[]): Promise<void> {
  const live = subject.liveCount();
  if (live !== expected.length)
    throw new Error(`${label}: ${live} live workers, expected ${expected.length}`);
  for (const w of expected) {
    if ((await subject.getByUrl(w.url)) !== w) throw new Error(`${label}: ${w.url} does not hold ${w.label}`);
  }
}

/** A registry of `impl` that has registered the cycle's URLs and made one checked pass. */
async function checkedSubject(label: string, impl: SubjectImpl, cycle: Cycle) {
  const subject = createSubject(impl);
  const ids: (WorkerId | null)[] = [];
  for (const w of cycle.initial) ids.push(await subject.register(w));
  await checkState(`${label}, before the first pass`, subject, cycle.initial);
  await runCycle(subject, cycle, ids, (batch, results) => checkBatch(label, subject, batch, results));
  await checkState(`${label}, after a checked pass`, subject, cycle.final);
  return { subject, ids };
}

/** µs per operation. */
export interface Cell {
  readonly wall: number;
  readonly cpu: number;
}

interface CellKey {
  readonly workload: Workload;
  readonly mix: Mix;
  readonly cycle: Cycle;
}

const cellName = (k: CellKey, impl: SubjectImpl) => `${k.workload.name} | ${k.mix.name} | ${impl}`;

/** µs per operation of every cell and implementation, one round (implementations in `order`). */
async function round(
  keys: readonly CellKey[],
  order: readonly SubjectImpl[],
  timeMs: number,
): Promise<Map<string, Cell>> {
  const bench = new Bench({
    time: timeMs,
    warmupTime: timeMs / 3,
    // An iteration is a whole cycle (thousands of operations): a few are enough.
    iterations: 3,
    warmupIterations: 1,
  });
  const cpuTotal = new Map<string, number>();
  const ops = new Map<string, number>();
  for (const k of keys) {
    for (const impl of order) {
      const name = cellName(k, impl);
      ops.set(name, k.cycle.ops);
      // Built before the task's warm-up and dropped after its run, so that only the measured
      // registry is in the heap and no cell's garbage is collected on another's time.
      let live: { subject: Subject; ids: (WorkerId | null)[] } | undefined;
      addCpuTimedTask(bench, name, () => runCycle(live!.subject, k.cycle, live!.ids), cpuTotal, {
        setUp: async () => {
          (globalThis as { gc?: () => void }).gc?.();
          live = await checkedSubject(name, impl, k.cycle);
        },
        tearDown: async () => {
          await checkState(`${name}, after the timed passes`, live!.subject, k.cycle.final);
          live = undefined;
        },
      });
    }
  }
  await bench.run();
  return usPerOp(bench, cpuTotal, (name) => ops.get(name)!);
}

/**
 * Adds a task whose process CPU time over its timed iterations (user + system µs, warm-up left
 * out) is recorded in `cpuTotal` under its name: on a shared host wall time also counts the time
 * other processes held the CPU. `setUp` runs before the warm-up, `tearDown` after the timed run
 * (both untimed).
 */
export function addCpuTimedTask(
  bench: Bench,
  name: string,
  fn: () => Promise<unknown>,
  cpuTotal: Map<string, number>,
  hooks: { setUp?: () => Promise<void>; tearDown?: () => Promise<void> } = {},
): void {
  let cpuAtStart = process.cpuUsage();
  bench.add(name, fn, {
    // Told rather than detected: detection calls `fn` before `setUp` has run.
    async: true,
    beforeAll: async (mode) => {
      if (mode === 'warmup') await hooks.setUp?.();
      else cpuAtStart = process.cpuUsage();
    },
    afterAll: async (mode) => {
      if (mode !== 'run') return;
      const used = process.cpuUsage(cpuAtStart);
      cpuTotal.set(name, used.user + used.system);
      await hooks.tearDown?.();
    },
  });
}

/** Wall and CPU µs per operation of every task of a finished bench; a task runs `opsOf(name)` per iteration. */
export function usPerOp(
  bench: Bench,
  cpuTotal: ReadonlyMap<string, number>,
  opsOf: (name: string) => number,
): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const task of bench.tasks) {
    const cpu = cpuTotal.get(task.name);
    if (task.result.state === 'errored') throw new Error(`${task.name}: ${task.result.error.message}`);
    if (task.result.state !== 'completed' || cpu === undefined)
      throw new Error(`${task.name}: ${task.result.state}`);
    const n = opsOf(task.name);
    cells.set(task.name, { wall: (task.result.period * 1000) / n, cpu: cpu / task.runs / n });
  }
  return cells;
}

/**
 * Measures each implementation (default: `REGISTRY_IMPLS`; `v1113` must be among them) on every
 * workload and mix: after a discarded warm-up round, `rounds` interleaved rounds (each with fresh
 * registries, implementations in a rotated order), `timeMs` of timed passes per cell and round,
 * medians per cell. Throws if any implementation's writes or state ever differ from what the
 * operation sequence implies.
 */
export async function measureRegistryThroughput(options: {
  rounds: number;
  timeMs: number;
  impls?: readonly SubjectImpl[];
}): Promise<RegistryThroughputRow[]> {
  const impls = options.impls ?? REGISTRY_IMPLS;
  if (!impls.includes('v1113'))
    throw new Error('measureRegistryThroughput: v1113 is the baseline of the ratios');
  const keys = cellKeys();
  // A discarded round first: otherwise whichever implementation comes first also pays for
  // compiling the code every registry shares (hashing, rings, the harness), which with few
  // rounds decides its median.
  await round(keys, impls, WARM_UP_MS);
  const rounds: Map<string, Cell>[] = [];
  for (let r = 0; r < options.rounds; r++) {
    const order = impls.map((_, i) => impls[(i + r) % impls.length]!);
    rounds.push(await round(keys, order, options.timeMs));
  }
  const rows: RegistryThroughputRow[] = [];
  for (const k of keys) {
    const medianOf = (impl: SubjectImpl, measure: keyof Cell) =>
      median(rounds.map((cells) => cells.get(cellName(k, impl))![measure]));
    const baseline = { wall: medianOf('v1113', 'wall'), cpu: medianOf('v1113', 'cpu') };
    for (const impl of impls) {
      const wall = medianOf(impl, 'wall');
      const cpu = medianOf(impl, 'cpu');
      rows.push({
        workload: k.workload.name,
        mix: k.mix.name,
        impl,
        wallUsPerOp: wall,
        cpuUsPerOp: cpu,
        opsPerSecond: 1e6 / wall,
        cpuVsV1113: baseline.cpu / cpu,
        wallVsV1113: baseline.wall / wall,
      });
    }
  }
  return rows;
}

function cellKeys(): CellKey[] {
  return WORKLOADS.flatMap((workload, w) =>
    MIXES.map((mix, m) => ({ workload, mix, cycle: generateCycle(workload, mix, SEED + 2 * w + m) })),
  );
}

/** What a cycle is made of, for the CLI's header. */
function describeCycle(k: CellKey): string {
  const count = (kind: Op['kind']) =>
    k.cycle.batches.reduce((n, b) => n + b.ops.filter((o) => o.kind === kind).length, 0);
  const sum = (pick: (o: Outcomes) => number) => k.cycle.batches.reduce((n, b) => n + pick(b.expected), 0);
  const reads = count('getByUrl') + count('getByModel') + count('ringLookup');
  return (
    `${`${k.workload.name}, ${k.mix.name}:`.padEnd(23)} ${k.cycle.ops} ops in ${k.cycle.batches.length} batches: ` +
    `${reads} reads, ${count('register')} register (${sum((o) => o.stored)} store), ${count('replace')} replace, ` +
    `${count('removeByUrl')} removeByUrl (${sum((o) => o.removed)} remove)`
  );
}

/** The rows as a fixed-width text table. */
export function formatThroughputTable(rows: readonly RegistryThroughputRow[]): string {
  const lines = [
    `${'workload'.padEnd(11)} ${'mix'.padEnd(10)} ${'impl'.padEnd(12)} ${'wall µs/op'.padStart(10)} ` +
      `${'CPU µs/op'.padStart(10)} ${'ops/s'.padStart(10)} ${'÷v1113 CPU'.padStart(10)} ${'÷v1113 wall'.padStart(11)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.workload.padEnd(11)} ${r.mix.padEnd(10)} ${r.impl.padEnd(12)} ${r.wallUsPerOp.toFixed(2).padStart(10)} ` +
        `${r.cpuUsPerOp.toFixed(2).padStart(10)} ${Math.round(r.opsPerSecond).toString().padStart(10)} ` +
        `${r.cpuVsV1113.toFixed(2).padStart(9)}x ${r.wallVsV1113.toFixed(2).padStart(10)}x`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const timeMs = Number(process.env.TIME_MS ?? 300);
  console.log('cycles (one timed iteration each):');
  for (const k of cellKeys()) console.log(`  ${describeCycle(k)}`);
  const rows = await measureRegistryThroughput({ rounds, timeMs });
  console.log(
    `\nmedian of ${rounds} rounds, ${timeMs} ms per cell and round; ratios are throughput ÷ v1113's`,
  );
  console.log(formatThroughputTable(rows));
}

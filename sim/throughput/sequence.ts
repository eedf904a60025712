/**
 * The operation sequence of one cell, generated up front from a seeded PRNG so that every
 * implementation replays the same calls. It is a closed cycle of batches: it starts and ends with
 * every URL live, so a timed iteration (one pass) leaves the registry as it found it.
 *
 * A batch is up to `concurrency` calls issued at once, so writes to a hot URL contend. The
 * sequence keeps within what every port handles correctly: the ports decide some things before
 * taking their lock, so in one batch a URL's removals come after its other writes, and a vacant
 * URL gets a single `register` and no other write — otherwise V1113 stores a worker no URL maps
 * to (spec §9), and V836 lets two registers both succeed (review finding 4), and the
 * implementations would not be doing the same work.
 */
import { createPrng, type Prng } from '../../src/determinism/prng.ts';
import { createWorker, type Worker } from '../../src/domain/worker.ts';
import type { BenchKind, Mix, Weights, Workload } from './workload.ts';

/** One call. `slot` numbers the URL; a replace finds its id in the runner's table. */
export type BenchOp =
  | { readonly kind: 'getByUrl'; readonly url: string }
  | { readonly kind: 'getByModel'; readonly model: string }
  | { readonly kind: 'ringLookup'; readonly model: string; readonly key: string }
  | { readonly kind: 'register'; readonly slot: number; readonly worker: Worker }
  | { readonly kind: 'replace'; readonly slot: number; readonly worker: Worker }
  | { readonly kind: 'removeByUrl'; readonly url: string };

/** How many writes of a batch must succeed: anything else means the registry lost or invented work. */
export interface Outcomes {
  /** `register` calls that store (one per vacant URL); every other `register` finds the URL live. */
  stored: number;
  replaced: number;
  /** URLs removed (one `removeByUrl` per URL succeeds, later ones in the batch find it vacant). */
  removed: number;
}

export interface Batch {
  readonly ops: readonly BenchOp[];
  /** Indexes of the `register` calls that store: their returned id is the URL's id from then on. */
  readonly stores: readonly number[];
  readonly expected: Outcomes;
  /** What each URL the batch wrote holds after it: its worker, or null once removed. */
  readonly settled: ReadonlyMap<string, Worker | null>;
  /** The worker each removed URL held (after the batch's replaces): what its removal returns. */
  readonly removedWorkers: ReadonlyMap<string, Worker>;
}

/** A closed sequence of batches: every URL is live at its start and at its end. */
export interface Cycle {
  readonly batches: readonly Batch[];
  /** Calls per pass. */
  readonly ops: number;
  /** The workers registered before the first pass, by slot. */
  readonly initial: readonly Worker[];
  /** The worker each slot holds after a pass. */
  readonly final: readonly Worker[];
}

export interface CycleShape {
  /** Operations drawn (the cycle then re-registers the URLs it left vacant). */
  readonly drawn: number;
  /** Most calls in flight at once. */
  readonly concurrency: number;
}

/** Distinct ring-lookup keys a cycle draws from. */
const KEYS = 64;

export const urlOf = (slot: number) => `http://w${slot}:8000`;

/** The seed of a cell: `seed` + 2 × workload kind (hot 0, spread 1) + mix index. */
export function cellSeed(seed: number, workload: Workload, mix: Mix): number {
  return seed + 2 * (workload.kind === 'hot' ? 0 : 1) + mix.index;
}

interface Intent {
  readonly kind: BenchKind;
  readonly slot: number;
}

/**
 * Draws a cycle. Writes are drawn and then fitted to the URL's state when the batch starts: on a
 * live URL a register is refused (`AlreadyExists`) and removals go last in the batch; on a vacant
 * URL the first write registers the URL back and a second write to it starts the next batch.
 */
export function generateCycle(workload: Workload, mix: Mix, seed: number, shape: CycleShape): Cycle {
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
    if (drawn === shape.drawn) return undefined;
    drawn++;
    return drawIntent(prng, mix, workload.urls);
  };

  while (drawn < shape.drawn || carried !== undefined) {
    const front: BenchOp[] = [];
    const removals: BenchOp[] = [];
    const stores: number[] = [];
    const removed = new Set<number>();
    const registered = new Set<number>();
    const written = new Set<number>();
    let replaced = 0;
    while (front.length + removals.length < shape.concurrency) {
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
  for (let i = 0; i < vacant.length; i += shape.concurrency) {
    const slots = vacant.slice(i, i + shape.concurrency);
    const ops = slots.map((slot): BenchOp => {
      current[slot] = workerAt(slot);
      return { kind: 'register', slot, worker: current[slot]! };
    });
    batches.push({
      ops,
      stores: ops.map((_, k) => k),
      expected: { stored: ops.length, replaced: 0, removed: 0 },
      settled: new Map(slots.map((slot) => [urlOf(slot), current[slot]!])),
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

/** One draw: read or write, then a kind of that group by weight, then a URL. */
function drawIntent(prng: Prng, mix: Mix, urls: number): Intent {
  const write = prng.nextFloat() < mix.writeShare;
  return { kind: pick(prng, write ? mix.writes : mix.reads), slot: prng.below(urls) };
}

function pick(prng: Prng, weights: Weights): BenchKind {
  const entries = Object.entries(weights) as [BenchKind, number][];
  // A group without weights has a share of 0, so it is never drawn from.
  if (entries.length === 0) throw new Error('a mix drew from a group it gives no weights');
  let rank = prng.below(entries.reduce((n, [, w]) => n + w, 0));
  for (const [kind, weight] of entries) {
    if (rank < weight) return kind;
    rank -= weight;
  }
  return entries[entries.length - 1]![0];
}

/** Calls of each kind in a pass, and how many of its writes succeed. */
export function describeCycle(cycle: Cycle): string {
  const count = (kind: BenchKind) =>
    cycle.batches.reduce((n, b) => n + b.ops.filter((o) => o.kind === kind).length, 0);
  const sum = (pick: (o: Outcomes) => number) => cycle.batches.reduce((n, b) => n + pick(b.expected), 0);
  const reads = count('getByUrl') + count('getByModel') + count('ringLookup');
  return (
    `${cycle.ops} ops in ${cycle.batches.length} batches: ` +
    `${reads} reads, ${count('register')} register (${sum((o) => o.stored)} store), ${count('replace')} replace, ` +
    `${count('removeByUrl')} removeByUrl (${sum((o) => o.removed)} remove)`
  );
}

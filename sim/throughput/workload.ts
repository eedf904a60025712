/**
 * What a throughput benchmark runs: a workload (how many URLs, spread over how many models) and
 * a mix (which operations, in what proportions). The mixes are the ones `npm run bench` §3
 * measures, `write-only`, and weights a user gives (`getByUrl:8,register:1,removeByUrl:1`).
 */
/** The URLs a sequence runs on: URL `slot` serves model `m⌊slot / urlsPerModel⌋`. */
export interface Workload {
  /** `hot` or `spread`: with the mix, it picks the cell's seed. */
  readonly kind: 'hot' | 'spread';
  /** As tables print it, e.g. `hot URL` or `1,000 URLs`. */
  readonly name: string;
  readonly urls: number;
  readonly urlsPerModel: number;
}

/** The operation kinds a sequence is drawn from: the reads and writes every split registry has. */
export const BENCH_READS = ['getByUrl', 'getByModel', 'ringLookup'] as const;
export const BENCH_WRITES = ['register', 'replace', 'removeByUrl'] as const;
export type BenchKind = (typeof BENCH_READS)[number] | (typeof BENCH_WRITES)[number];
const BENCH_KINDS: readonly BenchKind[] = [...BENCH_READS, ...BENCH_WRITES];

/** Integer weights of the kinds of one group (reads or writes); a kind left out is never drawn. */
export type Weights = Readonly<Partial<Record<BenchKind, number>>>;

/**
 * How operations are drawn: first read or write (`writeShare`), then a kind of that group in
 * proportion to its weight.
 */
export interface Mix {
  /** `read-heavy`, `churn`, `write-only`, or the weights as given. */
  readonly name: string;
  /** 0, 1, 2 for the named mixes and 3 for weights: with the workload, it picks the cell's seed. */
  readonly index: number;
  readonly writeShare: number;
  readonly reads: Weights;
  readonly writes: Weights;
}

const EQUAL_READS: Weights = { getByUrl: 1, getByModel: 1, ringLookup: 1 };

/** The named mixes, in seed order. */
export const NAMED_MIXES: readonly Mix[] = [
  // 98% reads, 2% writes.
  {
    name: 'read-heavy',
    index: 0,
    writeShare: 0.02,
    reads: EQUAL_READS,
    writes: { register: 1, replace: 1, removeByUrl: 1 },
  },
  // Writes only, spread evenly over the three.
  {
    name: 'churn',
    index: 1,
    writeShare: 1,
    reads: EQUAL_READS,
    writes: { register: 1, replace: 1, removeByUrl: 1 },
  },
  // Only the writes every registry has: URLs leave and come back, with no `replace`.
  {
    name: 'write-only',
    index: 2,
    writeShare: 1,
    reads: EQUAL_READS,
    writes: { register: 1, removeByUrl: 1 },
  },
];

/** The kinds a mix can draw. */
export function mixKinds(mix: Mix): BenchKind[] {
  const drawn = (weights: Weights) => BENCH_KINDS.filter((k) => (weights[k] ?? 0) > 0);
  return [...(mix.writeShare < 1 ? drawn(mix.reads) : []), ...(mix.writeShare > 0 ? drawn(mix.writes) : [])];
}

/** A named mix, or weights `kind:weight,…` (positive integers); an error message otherwise. */
export function parseMix(text: string): Mix | string {
  const named = NAMED_MIXES.find((m) => m.name === text);
  if (named !== undefined) return named;
  const reads: Partial<Record<BenchKind, number>> = {};
  const writes: Partial<Record<BenchKind, number>> = {};
  let readTotal = 0;
  let writeTotal = 0;
  for (const part of text.split(',')) {
    const match = /^([A-Za-z]+):(\d+)$/.exec(part.trim());
    if (match === null)
      return `--mix expects read-heavy, churn, write-only or weights like getByUrl:8,register:1, got "${text}"`;
    const kind = match[1] as BenchKind;
    const weight = Number(match[2]);
    if (!BENCH_KINDS.includes(kind))
      return `--mix: "${match[1]}" is not an operation bench draws (${BENCH_KINDS.join(', ')})`;
    if (weight === 0 || kind in reads || kind in writes)
      return `--mix: give each kind once, with a positive weight ("${part.trim()}")`;
    if ((BENCH_READS as readonly string[]).includes(kind)) {
      reads[kind] = weight;
      readTotal += weight;
    } else {
      writes[kind] = weight;
      writeTotal += weight;
    }
  }
  return {
    name: text,
    index: NAMED_MIXES.length,
    writeShare: writeTotal / (readTotal + writeTotal),
    reads,
    writes,
  };
}

/** Every operation on one URL of one model. */
export const HOT_WORKLOAD: Workload = { kind: 'hot', name: 'hot URL', urls: 1, urlsPerModel: 1 };

/** `urls` URLs over `models` models (default: 10 URLs per model). */
export function spreadWorkload(urls: number, models = Math.max(1, Math.floor(urls / 10))): Workload {
  const urlsPerModel = Math.ceil(urls / models);
  const count = `${urls.toLocaleString('en-US')} URLs`;
  return {
    kind: 'spread',
    name: urlsPerModel === 10 ? count : `${count}, ${Math.ceil(urls / urlsPerModel)} models`,
    urls,
    urlsPerModel,
  };
}

/** The kinds of `kinds` an implementation offering `operations` lacks. */
export function missingKinds(kinds: readonly BenchKind[], operations: ReadonlySet<string>): BenchKind[] {
  return kinds.filter((k) => !operations.has(k));
}

/**
 * Parallel campaigns: schedules per second of the same campaign scanned on this thread and on a
 * pool of 2 worker threads (the issue asks for ≥ 1.6× when both cores are free). The host is
 * sometimes throttled to about one core, so the effective parallelism is measured first: how much
 * more two spinning threads get done than one in the same time. A speedup is only meaningful when
 * that ratio is close to 2. Run: `node --import tsx bench/parallel.bench.ts [schedules] [reps]`.
 *
 * Rates cover the scanning phase only (up to the last chunk's completion, from `onProgress`):
 * shrinking runs on the main thread whatever the thread count, and the pool's start-up is paid
 * before anything is timed. Every thread compiles the scanning code on its own, which takes a few
 * thousand schedules, so each side first runs a campaign on another seed: its rate is the "cold"
 * figure (what a short CLI campaign sees). Then the measured campaign runs `reps` times on each
 * side, alternating so that a load arriving meanwhile hits both; the medians give the "warm" one.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type CampaignOptions, type ChunkScanner, chunkTask, runCampaign } from '../sim/explore/campaign.ts';
import { createPoolScanner } from '../sim/parallel/pool.ts';
import { findImplementation } from '../src/catalog.ts';
import type { Implementation } from '../src/types.ts';

const SPIN_MS = 1_500;
const SCHEDULES = Number(process.argv[2] ?? 20_000);
const REPS = Number(process.argv[3] ?? 5);
const WARM_UP = 5_000;
const IMPLS = ['r0', 'actor'];

// A CommonJS snippet (eval workers cannot be ES modules): counts loop rounds for SPIN_MS.
const SPINNER = `
const { parentPort, workerData } = require('node:worker_threads');
const end = Date.now() + workerData;
let rounds = 0;
let sink = 0;
while (Date.now() < end) {
  for (let i = 0; i < 100000; i++) sink += i & 1;
  rounds++;
}
parentPort.postMessage(rounds + (sink < 0 ? 1 : 0));
`;

/** Rounds of busy work `threads` spinning threads get through together in SPIN_MS. */
async function spin(threads: number): Promise<number> {
  const counts = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(SPINNER, { eval: true, workerData: SPIN_MS });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

function options(impl: Implementation, seed: number, maxSchedules: number): CampaignOptions {
  return {
    impl,
    strategy: 'random',
    depth: 3,
    seed,
    maxSchedules,
    timeBudgetMs: Number.POSITIVE_INFINITY,
    untilFirst: false,
    kinds: [...impl.operations],
    clock: () => performance.now(),
  };
}

/** Schedules per second of the scanning phase of `campaign`. */
async function scanRate(campaign: CampaignOptions, scanner?: ChunkScanner): Promise<number> {
  let scannedMs = 0;
  const result = await runCampaign({
    ...campaign,
    ...(scanner === undefined ? {} : { scanner }),
    onProgress: (p) => {
      scannedMs = p.elapsedMs;
    },
  });
  if (result.errors.length > 0) throw new Error(`chunk errors: ${JSON.stringify(result.errors)}`);
  return (result.schedules / scannedMs) * 1000;
}

/** Work two spinning threads do over the work of one: about 2 when both cores are free. */
const parallelism = async () => (await spin(2)) / (await spin(1));

const before = await parallelism();
console.log(`available parallelism ${availableParallelism()}, effective parallelism ${before.toFixed(2)}`);
if (before < 1.8) console.log('  (the cores are not both free: the speedups below understate the pool)');

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const speedup = (one: number, two: number) =>
  `1 thread ${one.toFixed(0)}/s, 2 threads ${two.toFixed(0)}/s, speedup ${(two / one).toFixed(2)}x`;

// One pool for every implementation, as this thread is one: both carry their warm-up along.
const pool = createPoolScanner({ threads: 2, batchTimeoutMs: 600_000 });
try {
  const first = findImplementation(IMPLS[0]!)!;
  // Start both workers (tsx and every implementation loaded) before anything is timed.
  await Promise.all([0, 1].map(() => pool.scan(chunkTask(options(first, 3, 1), 0))));
  for (const name of IMPLS) {
    const impl = findImplementation(name);
    if (impl === undefined) throw new Error(`no implementation ${name}`);
    const coldOne = await scanRate(options(impl, 2, WARM_UP));
    const coldTwo = await scanRate(options(impl, 2, WARM_UP), pool);
    console.log(`${name} cold (${WARM_UP} schedules): ${speedup(coldOne, coldTwo)}`);
    const one: number[] = [];
    const two: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      one.push(await scanRate(options(impl, 1, SCHEDULES)));
      two.push(await scanRate(options(impl, 1, SCHEDULES), pool));
    }
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
    console.log(
      `${name} warm (${SCHEDULES} schedules, median of ${REPS}): ${speedup(median(one), median(two))} (ranges ${range(one)} and ${range(two)}/s)`,
    );
  }
} finally {
  await pool.close();
}
// Another load arriving mid-run shows here.
console.log(`effective parallelism afterwards ${(await parallelism()).toFixed(2)}`);

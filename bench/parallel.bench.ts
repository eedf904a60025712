/**
 * Parallel campaigns: schedules per second of the same campaign scanned on this thread and on a
 * pool of 2 worker threads (the issue asks for ≥ 1.6× when both cores are free). The effective
 * parallelism is measured before and after (`machine.ts`): a speedup is only meaningful when it
 * is close to 2.
 *
 * Rates cover the scanning phase only (up to the last chunk's completion, from `onProgress`):
 * shrinking runs on the main thread whatever the thread count, and the pool's start-up is paid
 * before anything is timed. Every thread compiles the scanning code on its own, which takes a few
 * thousand schedules, so each side first runs a campaign on another seed: its rate is the "cold"
 * figure (what a short CLI campaign sees). Then the measured campaign runs `reps` times on each
 * side, alternating so that a load arriving meanwhile hits both; the medians give the "warm" one.
 * Run: `node --import tsx bench/parallel.bench.ts [schedules] [reps]`.
 */
import { performance } from 'node:perf_hooks';
import { type CampaignOptions, type ChunkScanner, chunkTask, runCampaign } from '../sim/explore/campaign.ts';
import { createPoolScanner } from '../sim/parallel/pool.ts';
import { measureEffectiveParallelism } from '../sim/throughput/machine.ts';
import { findImplementation } from '../src/catalog.ts';
import type { Implementation } from '../src/types.ts';
import { median } from './stats.ts';

function options(impl: Implementation, seed: number, maxSchedules: number): CampaignOptions {
  return {
    impl,
    strategy: { name: 'random', depth: 3 },
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

/** One side's rates: schedules per second on 1 thread and on the 2-thread pool. */
export interface ScalingRates {
  readonly oneThread: number;
  readonly twoThreads: number;
  readonly speedup: number;
}

export interface ParallelRow {
  readonly impl: string;
  /** The first campaign of each side, compiling as it goes (`warmUp` schedules). */
  readonly cold: ScalingRates;
  /** Medians of `reps` alternating campaigns of `schedules` schedules. */
  readonly warm: ScalingRates & { readonly oneThreadRange: number[]; readonly twoThreadsRange: number[] };
}

export interface ParallelResult {
  readonly schedules: number;
  readonly reps: number;
  readonly warmUp: number;
  readonly parallelismBefore: number;
  readonly parallelismAfter: number;
  readonly rows: readonly ParallelRow[];
}

export interface ParallelOptions {
  readonly schedules: number;
  readonly reps: number;
  readonly warmUp: number;
  readonly impls: readonly string[];
  readonly log?: (line: string) => void;
}

/** 1 thread against a pool of 2 on the same random campaign, per implementation. */
export async function measureParallelScaling(o: ParallelOptions): Promise<ParallelResult> {
  const log = o.log ?? (() => {});
  const parallelismBefore = await measureEffectiveParallelism();
  log(`effective parallelism ${parallelismBefore.toFixed(2)}`);
  const rows: ParallelRow[] = [];
  // One pool for every implementation, as this thread is one: both carry their warm-up along.
  const pool = createPoolScanner({ threads: 2, scheduleTimeoutMs: 600_000, batchTimeoutMs: 600_000 });
  try {
    const impls = o.impls.map((name) => {
      const impl = findImplementation(name);
      if (impl === undefined) throw new Error(`no implementation ${name}`);
      return impl;
    });
    // Start both workers (tsx and every implementation loaded) before anything is timed.
    await Promise.all([0, 1].map(() => pool.scan(chunkTask(options(impls[0]!, 3, 1), 0))));
    for (const impl of impls) {
      const coldOne = await scanRate(options(impl, 2, o.warmUp));
      const coldTwo = await scanRate(options(impl, 2, o.warmUp), pool);
      const one: number[] = [];
      const two: number[] = [];
      for (let rep = 0; rep < o.reps; rep++) {
        one.push(await scanRate(options(impl, 1, o.schedules)));
        two.push(await scanRate(options(impl, 1, o.schedules), pool));
      }
      const row: ParallelRow = {
        impl: impl.name,
        cold: { oneThread: coldOne, twoThreads: coldTwo, speedup: coldTwo / coldOne },
        warm: {
          oneThread: median(one),
          twoThreads: median(two),
          speedup: median(two) / median(one),
          oneThreadRange: [Math.min(...one), Math.max(...one)],
          twoThreadsRange: [Math.min(...two), Math.max(...two)],
        },
      };
      log(`${impl.name}: warm speedup ${row.warm.speedup.toFixed(2)}x, cold ${row.cold.speedup.toFixed(2)}x`);
      rows.push(row);
    }
  } finally {
    await pool.close();
  }
  // Another load arriving mid-run shows here.
  const parallelismAfter = await measureEffectiveParallelism();
  return {
    schedules: o.schedules,
    reps: o.reps,
    warmUp: o.warmUp,
    parallelismBefore,
    parallelismAfter,
    rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureParallelScaling({
    schedules: Number(process.argv[2] ?? 20_000),
    reps: Number(process.argv[3] ?? 5),
    warmUp: 5_000,
    impls: ['r0', 'actor'],
    log: console.log,
  });
  console.log(JSON.stringify(result, null, 2));
}

/**
 * Section 3: production-mode throughput of four registries side by side in one process: `actor`
 * (one actor per URL, compiled chart), `v1113` (the lock-based port), `v836` (its predecessor)
 * and `map`, the plain synchronous `Map` floor (`mapRegistry.ts`). Two workloads — one hot URL,
 * and 1,000 URLs at 10 URLs per model (a change costs V1113 and V836 a rebuild of a 1,500-vnode
 * ring) — each under two mixes: read-heavy (98% `getByUrl`/`getByModel`/`ringLookup`, 2% writes)
 * and churn (only `register`/`replace`/`removeByUrl`).
 *
 * It is `regsim bench` (`sim/throughput/runBench.ts`) with these registries and cells and v1113 as
 * the baseline; this file only picks them and maps the result to the rows `bench/results.json`
 * keeps. Batches of up to 100 calls are in flight, so writes to a hot URL queue on its mutex
 * (V1113, V836); the actor registry completes an uncontended command without yielding, so in
 * production its mailbox stays empty and a batch runs as a sequence — the figures include that
 * design choice rather than hide it.
 *
 * Run alone: `node --expose-gc --import tsx bench/registryThroughput.ts` (env `ROUNDS`, default 5;
 * `TIME_MS` per task and round, default 300).
 */

import { renderBenchTable } from '../sim/throughput/renderTable.ts';
import { type BenchMeasured, runBench } from '../sim/throughput/runBench.ts';
import { HOT_WORKLOAD, NAMED_MIXES, spreadWorkload } from '../sim/throughput/workload.ts';
import { benchTarget, type SubjectImpl } from './subjects.ts';

/** The implementations section 3 measures, `v1113` being the baseline of the ratios. */
export const REGISTRY_IMPLS = ['actor', 'v1113', 'v836', 'map'] as const satisfies readonly SubjectImpl[];

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

/**
 * Section 3's cells for each implementation (default: `REGISTRY_IMPLS`; `v1113` must be among
 * them): `rounds` rounds of `timeMs` per cell. Throws if any implementation answers wrongly.
 */
export async function measureRegistry(options: {
  rounds: number;
  timeMs: number;
  impls?: readonly SubjectImpl[];
}): Promise<BenchMeasured> {
  const impls = options.impls ?? REGISTRY_IMPLS;
  if (!impls.includes('v1113')) throw new Error('measureRegistry: v1113 is the baseline of the ratios');
  const result = await runBench({
    targets: impls.map(benchTarget),
    baseline: 'v1113',
    workloads: [HOT_WORKLOAD, spreadWorkload(1_000)],
    mixes: NAMED_MIXES.filter((m) => m.name === 'read-heavy' || m.name === 'churn'),
    rounds: options.rounds,
    timeMs: options.timeMs,
    // `npm run bench` measures it around the whole run.
    measureParallelism: false,
  });
  if (result.verdict === 'wrong') throw new Error(result.message);
  return result;
}

/** The rows `bench/results.json` keeps (`raw.registry`). */
export function registryRows(result: BenchMeasured): RegistryThroughputRow[] {
  return result.cells.flatMap((cell) =>
    cell.rows.map((row) => ({
      workload: cell.workload,
      mix: cell.mix,
      impl: row.impl as SubjectImpl,
      wallUsPerOp: row.wallUsPerOp,
      cpuUsPerOp: row.cpuUsPerOp,
      opsPerSecond: row.opsPerSecond,
      cpuVsV1113: row.vsBaseline.cpu,
      wallVsV1113: row.vsBaseline.wall,
    })),
  );
}

/** Section 3 as `bench/run.ts` records it. */
export async function measureRegistryThroughput(options: {
  rounds: number;
  timeMs: number;
}): Promise<RegistryThroughputRow[]> {
  return registryRows(await measureRegistry(options));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const timeMs = Number(process.env.TIME_MS ?? 300);
  for (const line of renderBenchTable(await measureRegistry({ rounds, timeMs }))) console.log(line);
}

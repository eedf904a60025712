/**
 * The shape of `bench/results.json` and the pure summary drawn from the raw figures: the ratios
 * the issue names, the minimal-shrink shares, and each goal with its verdict. Every ratio reads
 * "higher is better for regsim", so a goal is met when its ratio is at least its target.
 */

import type { MachineInfo } from '../sim/throughput/machine.ts';
import type { CheckerResult } from './checker.bench.ts';
import { type DetectionResult, FAST_CHECK_STRATEGY as FAST_CHECK } from './detection.bench.ts';
import type { HeapRow } from './memory.ts';
import type { ParallelResult } from './parallel.bench.ts';
import type { RegistryThroughputRow } from './registryThroughput.ts';
import type { ShrinkRow } from './shrinkQuality.bench.ts';
import type { ThroughputRow } from './simThroughput.bench.ts';
import type { VerifyReduction } from './verify.bench.ts';

/** The raw figures of every section, as measured. */
export interface RawResults {
  readonly simThroughput: { readonly schedules: number; readonly rows: readonly ThroughputRow[] };
  readonly detection: DetectionResult;
  /** The finding the bug-finding ratio is taken on (the deepest interleaving). */
  readonly hardestRace: string;
  /** The shallow R0 races, where the goal is parity with fast-check. */
  readonly shallowRaces: readonly string[];
  readonly shrinkQuality: readonly ShrinkRow[];
  readonly registry: readonly RegistryThroughputRow[];
  readonly checker: CheckerResult;
  readonly parallel: ParallelResult;
  readonly memory: readonly HeapRow[];
  /** DPOR's traces against exhaustive DFS's interleavings over a verification bound. */
  readonly verify: VerifyReduction;
}

export interface Ratios {
  /** Slowest regsim strategy on either implementation ÷ fc.scheduler(), schedules per second. */
  readonly simVsFastCheck: number;
  /** fc.scheduler()'s median schedules to first detection ÷ the best strategy's, on the hardest race. */
  readonly bugFindingVsFastCheck: number;
  /** The geometric mean over every catalogued finding of fc.scheduler()'s median ÷ the best strategy's. */
  readonly bugFindingGeomeanVsFastCheck: number;
  /** DPOR's traces ÷ exhaustive DFS's interleavings over §7's bound (lower is better, unlike the rest). */
  readonly verifyTracesPerInterleaving: number;
  /** Lowest cell of actor ÷ v1113 throughput (CPU time per operation) over workloads and mixes. */
  readonly actorVsLock: number;
  /** Lower of the implementations' warm 2-thread ÷ 1-thread campaign rates. */
  readonly parallelSpeedup: number;
  /** Porcupine's time on the etcd histories ÷ ours; null when §4 had no Porcupine figure. */
  readonly checkerVsPorcupineEtcd: number | null;
  /** The lowest per-set Porcupine ÷ regsim time ratio over §4's sets; null likewise. */
  readonly checkerVsPorcupineWorst: number | null;
}

export interface Goal {
  readonly id: string;
  readonly section: number;
  readonly statement: string;
  readonly target: number;
  readonly value: number;
  /** How to read target and value: a ratio (×) or a share of counterexamples (0..1). */
  readonly unit: 'ratio' | 'share';
  readonly met: boolean;
  /** Why the verdict needs a caveat (a censored count, a busy host), if it does. */
  readonly caveat?: string;
}

export interface Summary {
  readonly ratios: Ratios;
  readonly minimalShrinkShare: { readonly regsim: number; readonly fastCheck: number };
  readonly goals: readonly Goal[];
}

export interface BenchResults extends Summary {
  readonly schema: 1;
  readonly generatedAt: string;
  readonly command: string;
  readonly quick: boolean;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  /** Work of two spinning threads over one, at the start and at the end of the run. */
  readonly effectiveParallelism: { readonly start: number; readonly end: number };
  readonly raw: RawResults;
}

/** Best (lowest) median of the regsim strategies and fast-check's median on one finding. */
export function detectionPair(detection: DetectionResult, finding: string) {
  const rows = detection.rows.filter((r) => r.finding === finding);
  const baseline = rows.find((r) => r.strategy === FAST_CHECK);
  const ours = rows.filter((r) => r.strategy !== FAST_CHECK);
  if (baseline === undefined || ours.length === 0) throw new Error(`no detection figures for ${finding}`);
  const best = ours.reduce((a, b) => (b.median < a.median ? b : a));
  return { best, baseline };
}

/** Registry cells as {workload, mix} → throughput of `impl` ÷ throughput of `baseline` (CPU). */
export function registryRatios(rows: readonly RegistryThroughputRow[], impl: string, baseline: string) {
  const cells = [...new Set(rows.map((r) => `${r.workload}\u0000${r.mix}`))];
  return cells.map((cell) => {
    const [workload, mix] = cell.split('\u0000') as [string, string];
    const find = (name: string) => {
      const row = rows.find((r) => r.workload === workload && r.mix === mix && r.impl === name);
      if (row === undefined) throw new Error(`no registry figure for ${name} on ${workload}, ${mix}`);
      return row;
    };
    return { workload, mix, ratio: find(baseline).cpuUsPerOp / find(impl).cpuUsPerOp };
  });
}

/** Porcupine's time ÷ ours on each §4 set that has a Porcupine figure. */
export function checkerRatios(checker: CheckerResult): { label: string; ratio: number }[] {
  return checker.sets.flatMap((s) =>
    s.porcupineMs === null ? [] : [{ label: s.label, ratio: s.porcupineMs / s.regsimMs }],
  );
}

const geomean = (xs: readonly number[]) => {
  if (xs.length === 0) throw new Error('no figures to summarise');
  return Math.exp(xs.reduce((n, x) => n + Math.log(x), 0) / xs.length);
};

const min = (xs: readonly number[]) => {
  if (xs.length === 0) throw new Error('no figures to summarise');
  return Math.min(...xs);
};

/** Ratios, shrink shares and goal verdicts from the raw figures (pure). */
export function summarise(raw: RawResults): Summary {
  const simRows = raw.simThroughput.rows.filter((r) => r.driver !== FAST_CHECK);
  const simVsFastCheck = min(simRows.map((r) => r.vsFastCheck));

  const hardest = detectionPair(raw.detection, raw.hardestRace);
  const bugFindingVsFastCheck = hardest.baseline.median / hardest.best.median;
  const findings = [...new Set(raw.detection.rows.map((r) => r.finding))];
  const bugFindingGeomeanVsFastCheck = geomean(
    findings.map((f) => {
      const { best, baseline } = detectionPair(raw.detection, f);
      return baseline.median / best.median;
    }),
  );
  const verifyTracesPerInterleaving = raw.verify.dporTraces / raw.verify.dfsInterleavings;

  const actorCells = registryRatios(raw.registry, 'actor', 'v1113');
  const actorVsLock = min(actorCells.map((c) => c.ratio));
  const parallelSpeedup = min(raw.parallel.rows.map((r) => r.warm.speedup));
  const checker = checkerRatios(raw.checker);
  const checkerVsPorcupineEtcd = checker.find((c) => c.label === 'etcd')?.ratio ?? null;
  const checkerVsPorcupineWorst = checker.length === 0 ? null : min(checker.map((c) => c.ratio));

  const seeds = raw.shrinkQuality.reduce((n, r) => n + r.seeds, 0);
  const share = (pick: (r: ShrinkRow) => number) =>
    seeds === 0 ? 0 : raw.shrinkQuality.reduce((n, r) => n + pick(r), 0) / seeds;
  const minimalShrinkShare = {
    regsim: share((r) => r.regsim.minimal),
    fastCheck: share((r) => r.fastCheck.minimal),
  };

  const goals: Goal[] = [
    {
      id: 'simVsFastCheck',
      section: 1,
      statement: 'every strategy runs ≥ 5× the schedules per second of fc.scheduler()',
      target: 5,
      unit: 'ratio',
      value: simVsFastCheck,
      met: simVsFastCheck >= 5,
    },
    ...raw.shallowRaces.map((race): Goal => {
      const { best, baseline } = detectionPair(raw.detection, race);
      const value = baseline.median / best.median;
      return {
        id: `parity:${race}`,
        section: 2,
        statement: `${race}: the best strategy's median is at most fc.scheduler()'s (parity)`,
        target: 1,
        unit: 'ratio',
        value,
        met: value >= 1,
      };
    }),
    {
      id: 'bugFindingVsFastCheck',
      section: 2,
      statement: `${raw.hardestRace}: the best strategy needs ≥ 10× fewer schedules than fc.scheduler()`,
      target: 10,
      unit: 'ratio',
      value: bugFindingVsFastCheck,
      met: bugFindingVsFastCheck >= 10,
      ...censoringCaveat(hardest.best.max ?? raw.detection.max, hardest.best.median, hardest.baseline.median),
    },
    {
      id: 'bugFindingGeomeanVsFastCheck',
      section: 2,
      statement:
        'over every catalogued finding, the best strategy needs ≥ 3× fewer schedules than fc.scheduler() (geometric mean)',
      target: 3,
      unit: 'ratio',
      value: bugFindingGeomeanVsFastCheck,
      met: bugFindingGeomeanVsFastCheck >= 3,
    },
    {
      id: 'minimalShrinkShare',
      section: 2,
      statement: 'every R1 and R2 counterexample regsim reports is minimal (2 tasks × 1 operation)',
      target: 1,
      unit: 'share',
      value: minimalShrinkShare.regsim,
      met: minimalShrinkShare.regsim >= 1,
    },
    {
      id: 'actorVsLock',
      section: 3,
      statement: 'actor ≥ 0.5× v1113 throughput in every workload and mix',
      target: 0.5,
      unit: 'ratio',
      value: actorVsLock,
      met: actorVsLock >= 0.5,
    },
    {
      id: 'parallelSpeedup',
      section: 5,
      statement: '2 threads ≥ 1.6× 1 thread on one campaign when both cores are free',
      target: 1.6,
      unit: 'ratio',
      value: parallelSpeedup,
      met: parallelSpeedup >= 1.6,
      ...parallelismCaveat(raw.parallel),
    },
    ...checkerGoals(raw.checker, checkerVsPorcupineEtcd, checkerVsPorcupineWorst),
  ];
  return {
    ratios: {
      simVsFastCheck,
      bugFindingVsFastCheck,
      bugFindingGeomeanVsFastCheck,
      verifyTracesPerInterleaving,
      actorVsLock,
      parallelSpeedup,
      checkerVsPorcupineEtcd,
      checkerVsPorcupineWorst,
    },
    minimalShrinkShare,
    goals,
  };
}

/** §4's goals, when it had Porcupine figures; quoted ones are not from this run, so say so. */
function checkerGoals(checker: CheckerResult, etcd: number | null, worst: number | null): Goal[] {
  const caveat =
    checker.porcupine === 'quoted'
      ? { caveat: "Porcupine's figures are quoted, not measured in this run (no porcupine.test)" }
      : {};
  const goal = (id: string, statement: string, value: number | null): Goal[] =>
    value === null
      ? []
      : [{ id, section: 4, statement, target: 1, unit: 'ratio', value, met: value >= 1, ...caveat }];
  return [
    ...goal(
      'checkerVsPorcupineEtcd',
      'the checker is at least as fast as Porcupine on the etcd histories',
      etcd,
    ),
    ...goal(
      'checkerVsPorcupineWorst',
      'the checker is at least as fast as Porcupine on every history set',
      worst,
    ),
  ];
}

function censoringCaveat(max: number, ours: number, theirs: number): { caveat?: string } {
  if (ours >= max)
    return {
      caveat: `no strategy found it within ${max} schedules on most seeds: the ratio is an upper bound`,
    };
  if (theirs >= max)
    return {
      caveat: `fc.scheduler() did not find it within ${max} runs on most seeds: the ratio is a lower bound`,
    };
  return {};
}

function parallelismCaveat(p: ParallelResult): { caveat?: string } {
  const worst = Math.min(p.parallelismBefore, p.parallelismAfter);
  return worst < 1.8
    ? {
        caveat: `effective parallelism was ${worst.toFixed(2)} (< 1.8): both cores were not free, so this understates the pool`,
      }
    : {};
}

/**
 * `regsim bench` and `npm run bench` §3 as one function: registries side by side in one process,
 * in production mode, on the same seeded sequences. For every cell (a workload under a mix):
 *
 * 1. correctness, untimed: a sequential pass checked against the specification, answer by answer
 *    and the final state (`specCheck.ts`), then a concurrent pass with its own checks
 *    (`concurrentCheck.ts`). A registry that fails either gets no figures;
 * 2. heap per live URL (`heap.ts`);
 * 3. a discarded warm-up round, then `rounds` rounds, the registries in an order rotated between
 *    rounds, each cell timed by tinybench over whole passes (wall and process CPU time), with a
 *    latency pass (`latency.ts`) after each. Each figure is the median over rounds.
 *
 * It prints nothing and never exits: the command renders what it returns.
 */
import { Bench } from 'tinybench';
import type { WorkerId } from '../../src/determinism/ids.ts';
import { checkedSubject, checkState } from './concurrentCheck.ts';
import { findGc, type Gc, type GcAccess, heapPerUrl } from './heap.ts';
import { type Latency, type LatencySamples, latencyPass, summariseLatency } from './latency.ts';
import { type MachineInfo, machineInfo, measureEffectiveParallelism } from './machine.ts';
import { runCycle } from './pass.ts';
import { type Cycle, cellSeed, describeCycle, generateCycle } from './sequence.ts';
import { checkAgainstSpec, describeWrongAnswer, type WrongAnswer } from './specCheck.ts';
import { median } from './stats.ts';
import type { BenchSubject, BenchTarget } from './subject.ts';
import { addCpuTimedTask, type Cell, usPerOp } from './timing.ts';
import { type BenchKind, type Mix, missingKinds, mixKinds, type Workload } from './workload.ts';

export const BENCH_DEFAULTS = {
  /** Operations drawn per cycle. */
  ops: 2_000,
  rounds: 5,
  /** Most calls in flight at once. */
  concurrency: 100,
  /** Timed passes per cell and round, ms. */
  timeMs: 300,
  seed: 0x5eed,
} as const;

/** Time per cell of the discarded warm-up round, ms. */
const WARM_UP_MS = 50;
/** Fewer URLs than this give no heap figure: a registry's fixed cost and the collector's noise would swamp it. */
const HEAP_MIN_URLS = 100;
/** Each of the two effective-parallelism readings spins for this long, ms. */
const PARALLELISM_MS = 1_000;

export interface BenchOptions {
  /** The registries, the baseline among them. */
  readonly targets: readonly BenchTarget[];
  /** The name of the target the ratios divide by (default: the first). */
  readonly baseline?: string;
  readonly workloads: readonly Workload[];
  readonly mixes: readonly Mix[];
  readonly ops?: number;
  readonly rounds?: number;
  readonly concurrency?: number;
  readonly timeMs?: number;
  readonly seed?: number;
  /** Measure the host's effective parallelism before and after (default true). */
  readonly measureParallelism?: boolean;
  /** Called as each unit of work (a check or a timed cell of a round) ends. */
  readonly onProgress?: (progress: BenchProgress) => void;
}

export interface BenchProgress {
  readonly done: number;
  readonly total: number;
  /** What just ended, e.g. `round 2/5: v1113 on 1,000 URLs, churn`. */
  readonly label: string;
}

/** One registry's figures in one cell. */
export interface BenchRow {
  readonly impl: string;
  /** Operations per wall-clock second (from `wallUsPerOp`). */
  readonly opsPerSecond: number;
  /** Median over rounds of wall-clock µs per operation. */
  readonly wallUsPerOp: number;
  /** Median over rounds of process CPU µs (user + system) per operation. */
  readonly cpuUsPerOp: number;
  /** Every round's figures, in round order. */
  readonly rounds: readonly Cell[];
  /** Latency per kind the mix draws, over every round's latency pass. */
  readonly latency: Readonly<Partial<Record<BenchKind, Latency>>>;
  /** Heap bytes per live URL; null when the collector could not be reached or the workload has under 100 URLs. */
  readonly heapBytesPerUrl: number | null;
  /** Throughput ÷ the baseline's: the baseline's µs per operation ÷ this registry's. */
  readonly vsBaseline: { readonly cpu: number; readonly wall: number };
}

export interface BenchCell {
  readonly workload: string;
  readonly mix: string;
  readonly urls: number;
  readonly seed: number;
  /** Calls per pass and batches (one timed iteration is a pass). */
  readonly ops: number;
  readonly batches: number;
  /** The pass's calls by kind, in one line. */
  readonly sequence: string;
  readonly rows: readonly BenchRow[];
}

export interface BenchMeasured {
  readonly verdict: 'measured';
  readonly baseline: string;
  readonly settings: {
    readonly ops: number;
    readonly rounds: number;
    readonly concurrency: number;
    readonly timeMs: number;
    readonly seed: number;
  };
  readonly machine: MachineInfo;
  /** Work of two spinning threads over one, before and after; null when not measured. */
  readonly effectiveParallelism: { readonly start: number; readonly end: number } | null;
  readonly gc: GcAccess;
  readonly cells: readonly BenchCell[];
}

/** A registry answered wrongly: no figures at all. */
export interface BenchRejected {
  readonly verdict: 'wrong';
  readonly impl: string;
  readonly workload: string;
  readonly mix: string;
  /** One line naming the first wrong answer. */
  readonly message: string;
  /** The answer, when the sequential pass found it (the concurrent checks only have `message`). */
  readonly answer?: WrongAnswer;
}

export type BenchResult = BenchMeasured | BenchRejected;

/** Why `options` cannot run, in one line, or undefined. */
export function benchProblem(options: BenchOptions): string | undefined {
  const { targets } = options;
  if (targets.length === 0) return 'no implementation to measure';
  const names = targets.map((t) => t.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) return `${twice} is listed twice`;
  if (options.baseline !== undefined && !names.includes(options.baseline))
    return `the baseline ${options.baseline} is not among the implementations (${names.join(', ')})`;
  if (options.workloads.length === 0 || options.mixes.length === 0) return 'no workload or no mix';
  for (const target of targets) {
    if (target.api !== 'split')
      return `${target.name} has the upsert API (register overwrites a live URL); bench sequences need the split API`;
    for (const mix of options.mixes) {
      const lacking = missingKinds(mixKinds(mix), target.operations);
      if (lacking.length > 0)
        return `${target.name} does not offer ${lacking.join(', ')}, which --mix ${mix.name} draws (try --mix write-only or weights of the calls it offers)`;
    }
    if (!target.operations.has('getByUrl') || !target.operations.has('register'))
      return `${target.name} does not offer register and getByUrl, which every check uses`;
  }
  for (const [flag, value] of [
    ['ops', options.ops],
    ['rounds', options.rounds],
    ['concurrency', options.concurrency],
    ['timeMs', options.timeMs],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      return `${flag} must be a positive integer, got ${value}`;
  }
  return undefined;
}

interface CellPlan {
  readonly workload: Workload;
  readonly mix: Mix;
  readonly seed: number;
  readonly cycle: Cycle;
}

const cellLabel = (plan: CellPlan) => `${plan.workload.name}, ${plan.mix.name}`;
const taskName = (plan: CellPlan, target: BenchTarget) => `${cellLabel(plan)} | ${target.name}`;

/** Runs the benchmark; throws only on options `benchProblem` rejects or on a failure of the harness. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const problem = benchProblem(options);
  if (problem !== undefined) throw new Error(`runBench: ${problem}`);
  const settings = {
    ops: options.ops ?? BENCH_DEFAULTS.ops,
    rounds: options.rounds ?? BENCH_DEFAULTS.rounds,
    concurrency: options.concurrency ?? BENCH_DEFAULTS.concurrency,
    timeMs: options.timeMs ?? BENCH_DEFAULTS.timeMs,
    seed: options.seed ?? BENCH_DEFAULTS.seed,
  };
  const { targets } = options;
  const baseline = options.baseline ?? targets[0]!.name;
  const plans: CellPlan[] = options.workloads.flatMap((workload) =>
    options.mixes.map((mix) => {
      const seed = cellSeed(settings.seed, workload, mix);
      const cycle = generateCycle(workload, mix, seed, {
        drawn: settings.ops,
        concurrency: settings.concurrency,
      });
      return { workload, mix, seed, cycle };
    }),
  );
  const units = plans.length * targets.length;
  const total = units * (settings.rounds + 2);
  let done = 0;
  const progress = (label: string) => options.onProgress?.({ done: ++done, total, label });

  for (const plan of plans) {
    for (const target of targets) {
      const rejected = await checkTarget(target, plan);
      if (rejected !== undefined) return rejected;
      progress(`checked ${target.name} on ${cellLabel(plan)}`);
    }
  }

  const machine = machineInfo();
  const measureParallelism = options.measureParallelism ?? true;
  const parallelismStart = measureParallelism ? await measureEffectiveParallelism(PARALLELISM_MS) : 0;

  const { gc, access } = findGc();
  const heap = new Map<string, number | null>();
  for (const plan of plans) {
    for (const target of targets) {
      let bytes: number | null = null;
      if (gc !== undefined && plan.workload.urls >= HEAP_MIN_URLS) {
        try {
          bytes = await heapPerUrl(target, plan.cycle.initial, gc);
        } catch (error) {
          return rejection(target, plan, error instanceof Error ? error.message : String(error));
        }
      }
      heap.set(taskName(plan, target), bytes);
    }
  }

  const latency = new Map<string, LatencySamples>();
  // A discarded round first: otherwise whichever registry comes first also pays for compiling
  // the code every registry shares (hashing, rings, the harness), which with few rounds decides
  // its median.
  const warmUp = await round(plans, targets, WARM_UP_MS, gc, undefined, (name) =>
    progress(`warm-up: ${name}`),
  );
  if (!(warmUp instanceof Map)) return warmUp;
  const rounds: Map<string, Cell>[] = [];
  for (let r = 0; r < settings.rounds; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
    const cells = await round(plans, order, settings.timeMs, gc, latency, (name) =>
      progress(`round ${r + 1}/${settings.rounds}: ${name}`),
    );
    if (!(cells instanceof Map)) return cells;
    rounds.push(cells);
  }
  const parallelismEnd = measureParallelism ? await measureEffectiveParallelism(PARALLELISM_MS) : 0;

  const cells = plans.map((plan): BenchCell => {
    const figures = (target: BenchTarget) => {
      const perRound = rounds.map((cells) => cells.get(taskName(plan, target))!);
      return {
        perRound,
        wall: median(perRound.map((c) => c.wall)),
        cpu: median(perRound.map((c) => c.cpu)),
      };
    };
    const base = figures(targets.find((t) => t.name === baseline)!);
    return {
      workload: plan.workload.name,
      mix: plan.mix.name,
      urls: plan.workload.urls,
      seed: plan.seed,
      ops: plan.cycle.ops,
      batches: plan.cycle.batches.length,
      sequence: describeCycle(plan.cycle),
      rows: targets.map((target): BenchRow => {
        const { perRound, wall, cpu } = figures(target);
        return {
          impl: target.name,
          opsPerSecond: 1e6 / wall,
          wallUsPerOp: wall,
          cpuUsPerOp: cpu,
          rounds: perRound,
          latency: summariseLatency(latency.get(taskName(plan, target)) ?? new Map()),
          heapBytesPerUrl: heap.get(taskName(plan, target)) ?? null,
          vsBaseline: { cpu: base.cpu / cpu, wall: base.wall / wall },
        };
      }),
    };
  });
  return {
    verdict: 'measured',
    baseline,
    settings,
    machine,
    effectiveParallelism: measureParallelism ? { start: parallelismStart, end: parallelismEnd } : null,
    gc: access,
    cells,
  };
}

function rejection(
  target: BenchTarget,
  plan: CellPlan,
  message: string,
  answer?: WrongAnswer,
): BenchRejected {
  return {
    verdict: 'wrong',
    impl: target.name,
    workload: plan.workload.name,
    mix: plan.mix.name,
    message,
    ...(answer === undefined ? {} : { answer }),
  };
}

/** The sequential check against the specification, then a checked concurrent pass. */
async function checkTarget(target: BenchTarget, plan: CellPlan): Promise<BenchRejected | undefined> {
  const cell = cellLabel(plan);
  const rejected = (message: string, answer?: WrongAnswer) => rejection(target, plan, message, answer);
  const answer = await checkAgainstSpec(target, plan.cycle);
  if (answer !== undefined) return rejected(describeWrongAnswer(answer, cell), answer);
  try {
    await checkedSubject(`${target.name} on ${cell}, batches in flight`, target, plan.cycle);
  } catch (error) {
    return rejected(error instanceof Error ? error.message : String(error));
  }
  return undefined;
}

/**
 * µs per operation of every cell and registry, one round (registries in `order`). With
 * `latency`, each task's registry also makes a latency pass after its timed passes. A registry
 * that throws, or fails the checks around its timed passes, rejects the whole run.
 */
async function round(
  plans: readonly CellPlan[],
  order: readonly BenchTarget[],
  timeMs: number,
  gc: Gc | undefined,
  latency: Map<string, LatencySamples> | undefined,
  ended: (name: string) => void,
): Promise<Map<string, Cell> | BenchRejected> {
  const bench = new Bench({
    time: timeMs,
    warmupTime: timeMs / 3,
    // An iteration is a whole cycle (thousands of operations): a few are enough.
    iterations: 3,
    warmupIterations: 1,
  });
  const cpuTotal = new Map<string, number>();
  const owners = new Map<string, { target: BenchTarget; plan: CellPlan }>();
  for (const plan of plans) {
    for (const target of order) {
      const name = taskName(plan, target);
      const label = `${target.name} on ${cellLabel(plan)}`;
      owners.set(name, { target, plan });
      // Built before the task's warm-up and dropped after its run, so that only the measured
      // registry is in the heap and no cell's garbage is collected on another's time.
      let live: { subject: BenchSubject; ids: (WorkerId | null)[] } | undefined;
      addCpuTimedTask(bench, name, () => runCycle(live!.subject, plan.cycle, live!.ids), cpuTotal, {
        setUp: async () => {
          gc?.();
          live = await checkedSubject(label, target, plan.cycle);
        },
        tearDown: async () => {
          await checkState(`${label}, after the timed passes`, live!.subject, plan.cycle.final);
          if (latency !== undefined) {
            const samples = latency.get(name) ?? new Map();
            latency.set(name, samples);
            await latencyPass(live!.subject, plan.cycle, live!.ids, samples);
          }
          live = undefined;
          ended(label);
        },
      });
    }
  }
  await bench.run();
  for (const task of bench.tasks) {
    if (task.result.state !== 'errored') continue;
    const { target, plan } = owners.get(task.name)!;
    return rejection(target, plan, task.result.error.message);
  }
  return usPerOp(bench, cpuTotal, (name) => owners.get(name)!.plan.cycle.ops);
}

/**
 * `bench(options)`: registry throughput from code, returning what `regsim bench --json` prints
 * (apart from the command line and the time it was made). Prints nothing and never exits; a
 * misuse rejects with one sentence, as the command's usage errors say it. A registry that
 * answers wrongly is not an error: the result says so (`verdict: 'wrong'`) and carries no figures.
 */
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { type BenchOptions, type BenchResult, benchProblem, runBench } from '../throughput/runBench.ts';
import { type BenchTarget, targetOf } from '../throughput/subject.ts';
import {
  HOT_WORKLOAD,
  type Mix,
  NAMED_MIXES,
  parseMix,
  spreadWorkload,
  type Workload,
} from '../throughput/workload.ts';

/** What to measure; every field but `impl` has the command's default. */
export interface BenchInput {
  /** Built-in implementations (split API) or plugin module paths; the first is the baseline by default. */
  readonly impl: string | readonly string[];
  /** Default: both. */
  readonly workload?: 'hot' | 'spread';
  /** URLs of the spread workload; default 1,000. */
  readonly urls?: number;
  /** Models the spread URLs serve; default one per 10 URLs. */
  readonly models?: number;
  /** `read-heavy`, `churn`, `write-only` or weights such as `getByUrl:8,register:1`; default read-heavy and churn. */
  readonly mix?: string;
  readonly ops?: number;
  readonly rounds?: number;
  readonly concurrency?: number;
  /** The registry the ratios divide by; default the first. */
  readonly baseline?: string;
  readonly onProgress?: BenchOptions['onProgress'];
}

/** Checks `input` and resolves what it names into the benchmark's options, or says what is wrong. */
export async function prepareBench(input: BenchInput): Promise<BenchOptions | string> {
  for (const name of ['urls', 'models', 'ops', 'rounds', 'concurrency'] as const) {
    const value = input[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1))
      return `${name} must be a positive integer, got ${value}`;
  }
  const urls = input.urls ?? 1_000;
  if (input.models !== undefined && input.models > urls)
    return `${input.models} models is more than the ${urls} URLs`;
  const spread = spreadWorkload(urls, input.models);
  const workloads: Workload[] =
    input.workload === undefined
      ? [HOT_WORKLOAD, spread]
      : input.workload === 'hot'
        ? [HOT_WORKLOAD]
        : [spread];
  let mixes: Mix[];
  if (input.mix === undefined)
    mixes = NAMED_MIXES.filter((m) => m.name === 'read-heavy' || m.name === 'churn');
  else {
    const mix = parseMix(input.mix);
    if (typeof mix === 'string') return mix;
    mixes = [mix];
  }
  const targets: BenchTarget[] = [];
  for (const ref of typeof input.impl === 'string' ? input.impl.split(',') : input.impl) {
    const resolved = await resolveImplementation(ref.trim());
    if (!resolved.ok) return resolved.error;
    targets.push(targetOf(resolved.impl));
  }
  const options: BenchOptions = {
    targets,
    baseline: input.baseline,
    workloads,
    mixes,
    ops: input.ops,
    rounds: input.rounds,
    concurrency: input.concurrency,
    ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
  };
  return benchProblem(options) ?? options;
}

export async function bench(input: BenchInput): Promise<BenchResult> {
  const options = await prepareBench(input);
  if (typeof options === 'string') throw new Error(`bench: ${options}`);
  return runBench(options);
}

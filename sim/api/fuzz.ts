/**
 * `fuzz(options)`: a fuzz campaign from code, returning the object `regsim fuzz --json` prints.
 * Prints nothing and never exits; a misuse (an unknown implementation, a bad number) rejects with
 * one sentence, as the command's usage errors say it.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Implementation } from '../../src/types.ts';
import type { FuzzResult } from '../outcome/types.ts';
import { DEFAULT_SCHEDULE_TIMEOUT_MS } from '../parallel/supervisor.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { unsupportedOperations } from '../scenario/operations.ts';
import { parseScenarioText } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';
import { parseStrategy, type StrategyName } from '../strategies/parse.ts';
import { type FuzzRun, type FuzzRunOptions, runFuzz } from './runFuzz.ts';

/** What to fuzz, and how; every field but `impl` has the command's default. */
export interface FuzzOptions {
  /**
   * Implementations compared with the same seeds: built-in names (`r0`, `actor`, …) or plugin
   * module paths (resolved against the working directory, as on the command line).
   */
  readonly impl: string | readonly string[];
  /** Default `pct`. */
  readonly strategy?: StrategyName;
  /** PCT's bug depth; default 3. */
  readonly depth?: number;
  /** `dpor`: traces per scenario (default: the whole budget for `scenario`, 1000 per generated one). */
  readonly tracesPerScenario?: number;
  /** `dfs` and `dpor`: preemptions a schedule may make (default 3 for dfs, unbounded for dpor). */
  readonly preemptionBound?: number;
  /** Schedules per implementation; default 10,000. */
  readonly schedules?: number;
  /** Default 1. */
  readonly seed?: number;
  /** Milliseconds over all implementations; default 60,000. */
  readonly timeBudgetMs?: number;
  /** A schedule still running after this many milliseconds is a `hang` finding; default 10,000. */
  readonly scheduleTimeoutMs?: number;
  /** Stop at the first violation (shrinking only that one). */
  readonly untilFirst?: boolean;
  /** Explore this one scenario (an object, or a scenario file's path) instead of generated ones. */
  readonly scenario?: Scenario | string;
  /** Worker threads; by default one for short campaigns and one per core for long ones. */
  readonly threads?: number;
  /** One slice of the campaign, 1-based as on the command line (`{ index: 2, count: 4 }`). */
  readonly shard?: { readonly index: number; readonly count: number };
}

const integer = (name: string, value: number | undefined, fallback: number, min: number): number => {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min)
    throw new Error(`fuzz: ${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
};

function loadScenario(scenario: Scenario | string): Scenario {
  if (typeof scenario !== 'string') return scenario;
  const loaded = parseScenarioText(readFileSync(scenario, 'utf8'));
  if (!loaded.ok) throw new Error(`fuzz: ${scenario}: ${loaded.error}`);
  return loaded.scenario;
}

/** Checks `options` and resolves what they name into the runner's options. */
export async function prepareFuzz(options: FuzzOptions): Promise<FuzzRunOptions> {
  const names = typeof options.impl === 'string' ? [options.impl] : [...options.impl];
  if (names.length === 0) throw new Error('fuzz: impl must name at least one implementation');
  const impls: Implementation[] = [];
  for (const name of names) {
    const resolved = await resolveImplementation(name);
    if (!resolved.ok) throw new Error(`fuzz: ${resolved.error}`);
    impls.push(resolved.impl);
  }
  const strategy = parseStrategy(options.strategy ?? 'pct', integer('depth', options.depth, 3, 1), {
    tracesPerScenario: options.tracesPerScenario,
    preemptionBound: options.preemptionBound,
  });
  if (!strategy.ok) throw new Error(`fuzz: ${strategy.error}`);
  const scenario = options.scenario === undefined ? undefined : loadScenario(options.scenario);
  for (const impl of scenario === undefined ? [] : impls) {
    const missing = unsupportedOperations(scenario!, impl);
    if (missing.length > 0) throw new Error(`fuzz: ${impl.name} has no ${missing.join(', ')}`);
  }
  const { shard } = options;
  if (
    shard !== undefined &&
    !(Number.isSafeInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count)
  )
    throw new Error(`fuzz: shard must have 1 ≤ index ≤ count, got ${shard.index}/${shard.count}`);
  if (shard !== undefined && scenario !== undefined)
    throw new Error('fuzz: shard applies to generated scenarios');
  return {
    impls,
    strategy: strategy.spec,
    seed: integer('seed', options.seed, 1, 0),
    schedules: integer('schedules', options.schedules, 10_000, 1),
    timeBudgetMs: integer('timeBudgetMs', options.timeBudgetMs, 60_000, 1),
    scheduleTimeoutMs: integer(
      'scheduleTimeoutMs',
      options.scheduleTimeoutMs,
      DEFAULT_SCHEDULE_TIMEOUT_MS,
      1,
    ),
    untilFirst: options.untilFirst ?? false,
    scenario,
    shard: shard === undefined ? undefined : { index: shard.index - 1, count: shard.count },
    threads: options.threads === undefined ? undefined : integer('threads', options.threads, 1, 1),
    clock: () => performance.now(),
  };
}

/** Runs the campaign and keeps its findings' runs (what {@link assertNoViolations} prints). */
export async function fuzzRun(options: FuzzOptions): Promise<FuzzRun> {
  return runFuzz(await prepareFuzz(options));
}

/**
 * Fuzzes `options.impl`: one campaign per implementation, each violated invariant shrunk to a
 * minimal counterexample with its replay token. Resolves to what `regsim fuzz --json` prints.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  return (await fuzzRun(options)).result;
}

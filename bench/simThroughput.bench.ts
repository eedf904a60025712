/**
 * Simulator throughput: schedules per second on the standard scenario (3 clients × 3 operations,
 * 2 URLs, 3 models; `scenarios/bench/standard.json`) with the invariants and linearizability
 * checked, per strategy, against fast-check's `fc.scheduler()` driving the same scenario and
 * registry with the same checks. Both sides run in this process, one after the other.
 * Run: `node --import tsx bench/simThroughput.bench.ts [--schedules 2000]`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { limitSchedules } from '../sim/explore/limits.ts';
import { runStrategy } from '../sim/explore/run.ts';
import { parseScenarioText } from '../sim/scenario/parse.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { createStrategy, UNBOUNDED_PER_SCENARIO } from '../sim/strategies/create.ts';
import { parseStrategy, STRATEGY_NAMES } from '../sim/strategies/parse.ts';
import { findImplementation } from '../src/catalog.ts';
import type { Implementation } from '../src/types.ts';
import { runUnderFastCheck } from './baselines/fastCheckScheduler.ts';

export function standardScenario(): Scenario {
  const parsed = parseScenarioText(
    readFileSync(new URL('../scenarios/bench/standard.json', import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

/** Schedules per second for one regsim strategy. */
async function regsimRate(scenario: Scenario, impl: Implementation, strategyName: string, schedules: number) {
  const parsed = parseStrategy(strategyName, 3);
  if (!parsed.ok) throw new Error(parsed.error);
  const strategy = createStrategy(parsed.spec, UNBOUNDED_PER_SCENARIO);
  const started = performance.now();
  let n = 0;
  // DFS exhausts its bounds: start the scenario over (its cost per schedule is what counts).
  while (n < schedules) {
    const from = { seed: 1, firstIndex: n };
    for await (const _ of limitSchedules(runStrategy(scenario, impl, strategy, from), schedules - n)) n++;
  }
  return (n / (performance.now() - started)) * 1000;
}

/** Runs per second of fc.scheduler() on the same scenario, registry and checks. */
async function fastCheckRate(scenario: Scenario, impl: Implementation, schedules: number) {
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      await runUnderFastCheck(scenario, impl, s);
      return true;
    }),
    { seed: 1, numRuns: schedules },
  );
  return (schedules / (performance.now() - started)) * 1000;
}

export interface ThroughputRow {
  readonly impl: string;
  readonly driver: string;
  readonly schedulesPerSecond: number;
  readonly vsFastCheck: number;
}

/**
 * Schedules per second of `fc.scheduler()` and of each strategy, per implementation, in one run.
 * Both sides first run `warmUp` schedules: V8 needs a few thousand before the shared checks and
 * the registry code are compiled, and without it the side measured first pays for both.
 */
export async function measureSimThroughput(
  schedules: number,
  implNames: readonly string[],
  strategies: readonly string[],
  warmUp = 3_000,
): Promise<ThroughputRow[]> {
  const scenario = standardScenario();
  const rows: ThroughputRow[] = [];
  for (const name of implNames) {
    const impl = findImplementation(name);
    if (impl === undefined) throw new Error(`no implementation ${name}`);
    await regsimRate(scenario, impl, 'random', warmUp);
    await fastCheckRate(scenario, impl, warmUp);
    const baseline = await fastCheckRate(scenario, impl, schedules);
    rows.push({ impl: name, driver: 'fc.scheduler()', schedulesPerSecond: baseline, vsFastCheck: 1 });
    for (const strategy of strategies) {
      const rate = await regsimRate(scenario, impl, strategy, schedules);
      rows.push({ impl: name, driver: strategy, schedulesPerSecond: rate, vsFastCheck: rate / baseline });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--schedules');
  const strategies = STRATEGY_NAMES.filter((s) => s !== 'portfolio');
  console.table(
    await measureSimThroughput(i < 0 ? 2000 : Number(process.argv[i + 1]), ['r0', 'actor'], strategies),
  );
}

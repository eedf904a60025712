/**
 * Bounded verification's reduction: over every scenario of a universe bound (`regsim verify`'s
 * enumeration), the traces DPOR explores to decide each scenario against the interleavings
 * exhaustive DFS (no preemption bound) runs to decide it too, both to the end, side by side in one
 * run. `verifyTracesPerInterleaving` is the ratio of the totals: lower is better, the one ratio of
 * `results.json` that reads so.
 *
 * Run: `node --import tsx bench/verify.bench.ts [--impl actor] [--tasks 2..3] [--ops 1]`.
 */
import { performance } from 'node:perf_hooks';
import { runStrategy } from '../sim/explore/run.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { createDfsStrategy } from '../sim/strategies/dfs.ts';
import { createDporStrategy } from '../sim/strategies/dpor.ts';
import type { Strategy } from '../sim/strategies/types.ts';
import type { VerifyBound } from '../sim/verify/bound.ts';
import { parseRange } from '../sim/verify/bound.ts';
import { enumerateUniverse } from '../sim/verify/universe.ts';
import { UNIVERSES, type UniverseName } from '../sim/verify/universes.ts';
import { findImplementation } from '../src/catalog.ts';
import type { Implementation } from '../src/types.ts';

export interface VerifyReduction {
  readonly impl: string;
  readonly universe: UniverseName;
  readonly bound: VerifyBound;
  readonly scenarios: number;
  /** DPOR: schedules that explored a trace, and those that only repeated one (sleep-set blocked). */
  readonly dporTraces: number;
  readonly dporSleepBlocked: number;
  /** Exhaustive DFS: every interleaving. */
  readonly dfsInterleavings: number;
  readonly dporMs: number;
  readonly dfsMs: number;
  /** Scenarios either search did not finish within its cap (the totals then undercount). */
  readonly unfinished: number;
}

/** Schedules `strategy` runs on `scenario` until it has no more (at most `cap`), and the time taken. */
async function exhaust(scenario: Scenario, impl: Implementation, strategy: Strategy, cap: number) {
  const started = performance.now();
  let schedules = 0;
  for await (const _ of runStrategy(scenario, impl, strategy, { seed: 0, firstIndex: 0 })) {
    if (++schedules >= cap) break;
  }
  return { schedules, ms: performance.now() - started };
}

/** Decides every scenario of `universe` within `bound` with DPOR and with exhaustive DFS. */
export async function measureVerifyReduction(options: {
  readonly impl: string;
  readonly universe: UniverseName;
  readonly bound: VerifyBound;
  /** Schedules per scenario per search before it counts as unfinished. */
  readonly cap: number;
}): Promise<VerifyReduction> {
  const impl = findImplementation(options.impl);
  if (impl === undefined) throw new Error(`no implementation ${options.impl}`);
  let scenarios = 0;
  let dporTraces = 0;
  let dporSleepBlocked = 0;
  let dfsInterleavings = 0;
  let dporMs = 0;
  let dfsMs = 0;
  let unfinished = 0;
  for (const scenario of enumerateUniverse(UNIVERSES[options.universe], impl.operations, options.bound)) {
    scenarios++;
    const dpor = createDporStrategy({ maxTraces: options.cap });
    const reduced = await exhaust(scenario, impl, dpor, options.cap);
    const dfs = createDfsStrategy({ maxPreemptions: Number.MAX_SAFE_INTEGER, maxSchedules: options.cap });
    const all = await exhaust(scenario, impl, dfs, options.cap);
    if (!dpor.complete() || !dfs.exhausted()) unfinished++;
    dporTraces += dpor.traces();
    dporSleepBlocked += dpor.sleepBlocked();
    dfsInterleavings += all.schedules;
    dporMs += reduced.ms;
    dfsMs += all.ms;
  }
  return {
    impl: impl.name,
    universe: options.universe,
    bound: options.bound,
    scenarios,
    dporTraces,
    dporSleepBlocked,
    dfsInterleavings,
    dporMs,
    dfsMs,
    unfinished,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const value = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
  };
  const range = (flag: string, text: string) => {
    const parsed = parseRange(flag, text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.range;
  };
  const result = await measureVerifyReduction({
    impl: value('impl', 'actor'),
    universe: 'small',
    bound: { tasks: range('tasks', value('tasks', '2..3')), ops: range('ops', value('ops', '1')) },
    cap: 1_000_000,
  });
  console.log(JSON.stringify(result, null, 2));
  console.log(`traces per interleaving: ${(result.dporTraces / result.dfsInterleavings).toFixed(4)}`);
}

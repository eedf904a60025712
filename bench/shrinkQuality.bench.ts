/**
 * Shrink quality: over N seeds, the share of counterexamples for R1 and R2 that come out minimal
 * (2 concurrent tasks of 1 operation each), regsim's campaign against fast-check shrinking the
 * same generated scenarios under `fc.scheduler()`. Operation kinds are restricted so that the
 * invariant can only break through that race: R1 (url-unique) with register and reads only, R2
 * (type-index) with register and replace only.
 * Run: `node --import tsx bench/shrinkQuality.bench.ts [--seeds 20]`.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { runCampaign } from '../sim/explore/campaign.ts';
import { scenarioArbitrary } from '../sim/scenario/arbitraries/scenario.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { findImplementation } from '../src/catalog.ts';
import type { InvariantId } from '../src/invariants/index.ts';
import type { OperationKind } from '../src/spec/operations.ts';
import { runUnderFastCheck } from './baselines/fastCheckScheduler.ts';

export interface ShrinkRace {
  readonly name: string;
  readonly invariant: InvariantId;
  readonly kinds: readonly OperationKind[];
}

export const SHRINK_RACES: readonly ShrinkRace[] = [
  { name: 'R1', invariant: 'url-unique', kinds: ['register', 'getByUrl'] },
  { name: 'R2', invariant: 'type-index', kinds: ['register', 'replace'] },
];

const r0 = findImplementation('r0')!;
const minimal = (s: Scenario) => s.tasks.length === 2 && s.tasks.every((t) => t.ops.length === 1);

/** The counterexample regsim's campaign reports for the race, or undefined if none was found. */
async function regsimCounterexample(
  race: ShrinkRace,
  seed: number,
  maxSchedules: number,
): Promise<Scenario | undefined> {
  const result = await runCampaign({
    impl: r0,
    strategy: { name: 'random', depth: 3 },
    seed,
    maxSchedules,
    timeBudgetMs: 60_000,
    untilFirst: false,
    kinds: race.kinds,
    clock: () => performance.now(),
  });
  return result.findings.find((f) => f.invariant === race.invariant)?.scenario;
}

/** The counterexample fast-check shrinks to under fc.scheduler(), or undefined if none was found. */
async function fastCheckCounterexample(
  race: ShrinkRace,
  seed: number,
  numRuns: number,
): Promise<Scenario | undefined> {
  const details = await fc.check(
    fc.asyncProperty(
      scenarioArbitrary({ kinds: new Set(race.kinds) }),
      fc.scheduler(),
      async (scenario, s) => {
        const run = await runUnderFastCheck(scenario, r0, s);
        return !run.violations.some((v) => v.invariant === race.invariant);
      },
    ),
    { seed, numRuns },
  );
  return details.failed ? details.counterexample?.[0] : undefined;
}

/** One tool's counterexamples for one race: how many were found, and how many of them minimal. */
export interface ShrinkTally {
  readonly found: number;
  readonly minimal: number;
  /** Tasks × operations of each counterexample, e.g. `2x1+1` (task op counts), or `none`. */
  readonly shapes: readonly string[];
}

export interface ShrinkRow {
  readonly race: string;
  readonly seeds: number;
  readonly regsim: ShrinkTally;
  readonly fastCheck: ShrinkTally;
}

const shape = (s: Scenario | undefined) =>
  s === undefined ? 'none' : s.tasks.map((t) => t.ops.length).join('+');

/**
 * Share of minimal counterexamples per race and tool, over seeds 1..`seeds`; each side may run up
 * to `maxSchedules` schedules (regsim) or runs (fast-check) per seed before giving up.
 */
export async function measureShrinkQuality(options: {
  readonly seeds: number;
  readonly maxSchedules: number;
  readonly onRow?: (row: ShrinkRow) => void;
}): Promise<ShrinkRow[]> {
  const rows: ShrinkRow[] = [];
  for (const race of SHRINK_RACES) {
    const ours: (Scenario | undefined)[] = [];
    const theirs: (Scenario | undefined)[] = [];
    for (let seed = 1; seed <= options.seeds; seed++) {
      ours.push(await regsimCounterexample(race, seed, options.maxSchedules));
      theirs.push(await fastCheckCounterexample(race, seed, options.maxSchedules));
    }
    const tally = (xs: (Scenario | undefined)[]): ShrinkTally => ({
      found: xs.filter((x) => x !== undefined).length,
      minimal: xs.filter((x) => x !== undefined && minimal(x)).length,
      shapes: xs.map(shape),
    });
    const row = { race: race.name, seeds: options.seeds, regsim: tally(ours), fastCheck: tally(theirs) };
    options.onRow?.(row);
    rows.push(row);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seedsArg = process.argv.indexOf('--seeds');
  const rows = await measureShrinkQuality({
    seeds: seedsArg < 0 ? 20 : Number(process.argv[seedsArg + 1]),
    maxSchedules: 20_000,
  });
  for (const r of rows)
    console.log(
      `${r.race}: regsim ${r.regsim.minimal}/${r.seeds} minimal [${r.regsim.shapes.join(' ')}]; ` +
        `fast-check ${r.fastCheck.minimal}/${r.seeds} minimal [${r.fastCheck.shapes.join(' ')}]`,
    );
}

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

const seedsArg = process.argv.indexOf('--seeds');
const SEEDS = seedsArg < 0 ? 20 : Number(process.argv[seedsArg + 1]);

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
async function regsimCounterexample(race: ShrinkRace, seed: number): Promise<Scenario | undefined> {
  const result = await runCampaign({
    impl: r0,
    strategy: 'random',
    depth: 3,
    seed,
    maxSchedules: 20_000,
    timeBudgetMs: 60_000,
    untilFirst: false,
    kinds: race.kinds,
    clock: () => performance.now(),
  });
  return result.findings.find((f) => f.invariant === race.invariant)?.scenario;
}

/** The counterexample fast-check shrinks to under fc.scheduler(), or undefined if none was found. */
async function fastCheckCounterexample(race: ShrinkRace, seed: number): Promise<Scenario | undefined> {
  const details = await fc.check(
    fc.asyncProperty(
      scenarioArbitrary({ kinds: new Set(race.kinds) }),
      fc.scheduler(),
      async (scenario, s) => {
        const run = await runUnderFastCheck(scenario, r0, s);
        return !run.violations.some((v) => v.invariant === race.invariant);
      },
    ),
    { seed, numRuns: 20_000 },
  );
  return details.failed ? details.counterexample?.[0] : undefined;
}

/** Share of minimal counterexamples per race and tool. */
export async function measureShrinkQuality(seeds: number) {
  const rows = [];
  for (const race of SHRINK_RACES) {
    let regsim = 0;
    let fastCheck = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const ours = await regsimCounterexample(race, seed);
      if (ours !== undefined && minimal(ours)) regsim++;
      const theirs = await fastCheckCounterexample(race, seed);
      if (theirs !== undefined && minimal(theirs)) fastCheck++;
    }
    rows.push({ race: race.name, seeds, regsim: regsim / seeds, fastCheck: fastCheck / seeds });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await measureShrinkQuality(SEEDS));

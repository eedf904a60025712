/**
 * Bug-finding power: schedules to first detection of each known R0 race, per strategy, against
 * fast-check's `fc.scheduler()` driving the same scenario and registry. Median and p90 over 20
 * seeds; a run that has not found the race after MAX schedules counts as MAX (and is marked ≥).
 * Run: `node --import tsx bench/detection.bench.ts [--seeds 20] [--max 20000]`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { runSchedule } from '../sim/explore/runSchedule.ts';
import { deriveSeed } from '../sim/explore/seeds.ts';
import type { OperationRecord } from '../sim/scenario/execute.ts';
import { parseScenarioText } from '../sim/scenario/parse.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { parseStrategy } from '../sim/strategies/parse.ts';
import { findImplementation } from '../src/catalog.ts';
import type { InvariantId, Violation } from '../src/invariants/index.ts';
import type { Implementation } from '../src/types.ts';
import { runUnderFastCheck } from './baselines/fastCheckScheduler.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const SEEDS = arg('seeds', 20);
const MAX = arg('max', 20_000);
const DEPTH = arg('depth', 3);

/** What one run shows: its violations, its history, and every id r0 ever stored in `workers`. */
interface Observation {
  readonly violations: readonly Violation[];
  readonly history: readonly OperationRecord[];
  readonly stored: ReadonlySet<string>;
}

/** Each race: its scenario file and what in a run means "found". */
const RACES: readonly { name: string; file: string; found: (o: Observation) => boolean }[] = [
  { name: 'R1 register TOCTOU', file: 'scenarios/known/R1.json', found: breaks('url-unique') },
  { name: 'R2 concurrent replace', file: 'scenarios/known/R2.json', found: breaks('type-index') },
  { name: 'R3 replace changing URL', file: 'scenarios/known/R3.json', found: breaks('url-unique') },
  { name: 'R4 reservation + upsert', file: 'scenarios/known/R4.json', found: breaks('linearizable') },
  {
    // The branch itself, not any violation of the scenario: T1's upsert returned an id that was
    // never stored (`WorkerId::new()` in R0's "should never happen" path).
    name: 'R4 fabricated-id branch',
    file: 'scenarios/known/fabricated-id.json',
    found: (o) =>
      o.history.some(
        (r) => r.op.kind === 'registerOrReplace' && typeof r.result === 'string' && !o.stored.has(r.result),
      ),
  },
];

function breaks(invariant: InvariantId): (o: Observation) => boolean {
  return (o) => o.violations.some((v) => v.invariant === invariant);
}

/** r0 with a record of every id it ever inserts into `workers` (bench-only instrumentation). */
let stored = new Set<string>();
const base = findImplementation('r0')!;
const r0: Implementation = {
  ...base,
  create: (rt) => {
    const registry = base.create(rt);
    const workers = registry.inspect().workers as Map<string, unknown>;
    const set = workers.set.bind(workers);
    workers.set = (id, w) => {
      stored.add(id);
      return set(id, w);
    };
    return registry;
  },
};

function load(file: string): Scenario {
  const parsed = parseScenarioText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
}

/** Schedules until `invariant` breaks under a regsim strategy, or MAX. */
async function regsimDetection(
  scenario: Scenario,
  found: (o: Observation) => boolean,
  strategyName: string,
  seed: number,
) {
  const made = parseStrategy(strategyName, DEPTH, { schedulesPerScenario: Number.MAX_SAFE_INTEGER });
  if (!made.ok) throw new Error(made.error);
  const strategy = made.strategy;
  strategy.beginScenario();
  for (let n = 1; n <= MAX; n++) {
    const chooser = strategy.next({
      index: n - 1,
      seed: deriveSeed(seed, n - 1),
      tasks: scenario.tasks.length,
    });
    if (chooser === undefined) return MAX;
    stored = new Set();
    const run = await runSchedule(scenario, r0, chooser);
    strategy.done({ steps: run.execution.phases.tasks?.steps ?? 0 });
    if (found({ violations: run.violations, history: run.execution.history, stored })) return n;
  }
  return MAX;
}

/** Runs until `invariant` breaks under fc.scheduler(), or MAX. */
async function fastCheckDetection(scenario: Scenario, found: (o: Observation) => boolean, seed: number) {
  const details = await fc.check(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      stored = new Set();
      const run = await runUnderFastCheck(scenario, r0, s);
      return !found({ ...run, stored });
    }),
    { seed, numRuns: MAX, endOnFailure: true },
  );
  return details.failed ? details.numRuns : MAX;
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const show = (n: number) => (n >= MAX ? `≥${MAX}` : String(n));

export interface DetectionRow {
  readonly race: string;
  readonly strategy: string;
  /** Median and p90 of schedules to first detection; MAX when not found within MAX. */
  readonly median: number;
  readonly p90: number;
}

/** Schedules to first detection of each race, per strategy and for fc.scheduler(). */
export async function measureDetection(seeds: number): Promise<DetectionRow[]> {
  const rows: DetectionRow[] = [];
  for (const race of RACES) {
    const scenario = load(race.file);
    const contenders: [string, (seed: number) => Promise<number>][] = [
      ...['random', 'pct', 'dfs'].map((s): [string, (seed: number) => Promise<number>] => [
        s,
        (seed) => regsimDetection(scenario, race.found, s, seed),
      ]),
      ['fc.scheduler()', (seed) => fastCheckDetection(scenario, race.found, seed)],
    ];
    for (const [name, detect] of contenders) {
      const counts: number[] = [];
      for (let seed = 1; seed <= seeds; seed++) counts.push(await detect(seed));
      rows.push({
        race: race.name,
        strategy: name,
        median: quantile(counts, 0.5),
        p90: quantile(counts, 0.9),
      });
    }
  }
  return rows;
}

/** The race the detection benchmark treats as the hardest (deepest interleaving). */
export const HARDEST_RACE = 'R4 fabricated-id branch';
export const DETECTION_MAX = MAX;

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await measureDetection(SEEDS);
  console.table(rows.map((r) => ({ ...r, median: show(r.median), p90: show(r.p90) })));
}

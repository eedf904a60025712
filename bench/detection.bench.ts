/**
 * Bug-finding power: for each finding of the catalogue (`bench/findings.ts`: the §6 R0 races and
 * every finding of docs/FINDINGS.md), schedules to first detection per strategy, against
 * fast-check's `fc.scheduler()` driving the same scenario and registry. Median and p90 over the
 * seeds; a seed that has not found it after `max` schedules (or the finding's lower cap) counts as
 * that cap and is reported as censored.
 *
 * Run: `node --import tsx bench/detection.bench.ts [--seeds 20] [--max 2000] [--depth 3]
 *       [--strategies random,pct,…] [--only <regex on finding ids>] [--json]`.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { limitSchedules } from '../sim/explore/limits.ts';
import { runStrategy } from '../sim/explore/run.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { createStrategy, UNBOUNDED_PER_SCENARIO } from '../sim/strategies/create.ts';
import { parseStrategy, STRATEGY_NAMES } from '../sim/strategies/parse.ts';
import { findImplementation } from '../src/catalog.ts';
import { runUnderFastCheck } from './baselines/fastCheckScheduler.ts';
import { type CatalogueFinding, FINDINGS, loadFindingScenario } from './findings.ts';
import { type Instrumented, instrument } from './instrument.ts';
import { median, quantile } from './stats.ts';

export const FAST_CHECK_STRATEGY = 'fc.scheduler()';

export interface DetectionRow {
  /** Catalogue id, e.g. `r0/R1`, `v836/C2`. */
  readonly finding: string;
  readonly impl: string;
  /** A regsim strategy name, or `fc.scheduler()`. */
  readonly strategy: string;
  /** Median and p90 of schedules to first detection over the seeds; a censored seed counts as `max`. */
  readonly median: number;
  readonly p90: number;
  /** Schedules to first detection per seed (seed 1 first). */
  readonly counts: number[];
  /** Seeds that did not find it within the cap. */
  readonly censored: number;
  /** This row's cap: the run's `max`, or the finding's lower cap (`CatalogueFinding.max`). */
  readonly max?: number;
}

export interface DetectionResult {
  readonly seeds: number;
  readonly max: number;
  /** PCT's depth. */
  readonly depth: number;
  readonly rows: DetectionRow[];
}

export interface DetectionOptions {
  readonly seeds: number;
  readonly max: number;
  readonly depth: number;
  /** Regsim strategy names (`fc.scheduler()` is always measured as well). */
  readonly strategies: readonly string[];
  /** Which catalogue ids to measure (default all). */
  readonly only?: (id: string) => boolean;
  readonly onRow?: (row: DetectionRow) => void;
}

/** Schedules until `found` holds under a regsim strategy, or undefined when it does not within `max`. */
export async function regsimDetection(
  scenario: Scenario,
  probe: Instrumented,
  finding: CatalogueFinding,
  strategyName: string,
  depth: number,
  seed: number,
  max: number,
): Promise<number | undefined> {
  const parsed = parseStrategy(strategyName, depth);
  if (!parsed.ok) throw new Error(parsed.error);
  const strategy = createStrategy(parsed.spec, UNBOUNDED_PER_SCENARIO);
  const schedules = limitSchedules(runStrategy(scenario, probe.impl, strategy, { seed, firstIndex: 0 }), max);
  for await (const { index, run } of schedules) {
    if (finding.found(probe.observe({ violations: run.violations, history: run.execution.history })))
      return index + 1;
  }
  return undefined;
}

/**
 * Runs until `found` holds under `fc.scheduler()` (same scenario and registry), or undefined when
 * it does not within `max`. A run that throws is an error of the benchmark, not a detection.
 */
async function fastCheckDetection(
  scenario: Scenario,
  probe: Instrumented,
  finding: CatalogueFinding,
  seed: number,
  max: number,
): Promise<number | undefined> {
  let detected = false;
  const details = await fc.check(
    fc.asyncProperty(fc.scheduler(), async (s) => {
      const run = await runUnderFastCheck(scenario, probe.impl, s);
      detected = finding.found(probe.observe(run));
      return !detected;
    }),
    { seed, numRuns: max, endOnFailure: true },
  );
  if (!details.failed) return undefined;
  if (!detected)
    throw details.errorInstance ?? new Error(`${finding.id}: fc.check failed without a detection`);
  return details.numRuns;
}

/** Strategies that ignore the seed: one pass stands for every seed. */
const DETERMINISTIC = new Set(['dfs', 'dpor']);

/** Schedules to first detection of each catalogue finding, per strategy and for fc.scheduler(). */
export async function measureDetection(options: DetectionOptions): Promise<DetectionResult> {
  const { seeds, depth } = options;
  const rows: DetectionRow[] = [];
  for (const finding of FINDINGS) {
    if (options.only !== undefined && !options.only(finding.id)) continue;
    const base = findImplementation(finding.impl);
    if (base === undefined) throw new Error(`${finding.id}: no implementation ${finding.impl}`);
    const scenario = loadFindingScenario(finding);
    const probe = instrument(base);
    const max = Math.min(options.max, finding.max ?? Number.POSITIVE_INFINITY);
    type Detect = (seed: number) => Promise<number | undefined>;
    const contenders: [string, Detect][] = [
      ...options.strategies.map((name): [string, Detect] => [
        name,
        (seed) => regsimDetection(scenario, probe, finding, name, depth, seed, max),
      ]),
      [FAST_CHECK_STRATEGY, (seed) => fastCheckDetection(scenario, probe, finding, seed, max)],
    ];
    for (const [strategy, detect] of contenders) {
      const found: (number | undefined)[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        found.push(DETERMINISTIC.has(strategy) && seed > 1 ? found[0] : await detect(seed));
      }
      const counts = found.map((n) => n ?? max);
      const row: DetectionRow = {
        finding: finding.id,
        impl: finding.impl,
        strategy,
        median: median(counts),
        p90: quantile(counts, 0.9),
        counts,
        censored: found.filter((n) => n === undefined).length,
        max,
      };
      rows.push(row);
      options.onRow?.(row);
    }
  }
  return { seeds, max: options.max, depth, rows };
}

/** `≥max` for a censored figure. */
const show = (n: number, max: number) => (n >= max ? `≥${max}` : String(n));

function parseArgs(argv: readonly string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i < 0 ? undefined : argv[i + 1];
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer (got ${raw})`);
    return n;
  };
  const only = value('only');
  const pattern = only === undefined ? undefined : new RegExp(only);
  return {
    seeds: number('seeds', 20),
    max: number('max', 2_000),
    depth: number('depth', 3),
    strategies: value('strategies')?.split(',') ?? STRATEGY_NAMES.filter((s) => s !== 'portfolio'),
    only: pattern === undefined ? undefined : (id: string) => pattern.test(id),
    json: argv.includes('--json'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const result = await measureDetection({
    ...args,
    onRow: (row) =>
      console.error(
        `${row.finding.padEnd(16)} ${row.strategy.padEnd(15)} median ${show(row.median, row.max ?? args.max).padStart(6)}` +
          `  p90 ${show(row.p90, row.max ?? args.max).padStart(6)}  censored ${row.censored}/${args.seeds}` +
          `  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      ),
  });
  if (args.json) console.log(JSON.stringify(result, null, 2));
  else {
    const strategies = [...new Set(result.rows.map((r) => r.strategy))];
    const findings = [...new Set(result.rows.map((r) => r.finding))];
    console.table(
      findings.map((finding) => {
        const cells = result.rows.filter((r) => r.finding === finding);
        return {
          finding,
          impl: cells[0]!.impl,
          ...Object.fromEntries(
            strategies.map((s) => {
              const r = cells.find((c) => c.strategy === s)!;
              const cap = r.max ?? result.max;
              return [s, `${show(r.median, cap)} / ${show(r.p90, cap)}`];
            }),
          ),
        };
      }),
    );
  }
  console.error(`detection: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

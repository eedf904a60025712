/**
 * `regsim fuzz`'s flags, read once into checked run options (fast-check's "options are read once
 * into fully-qualified options"), or the one-line usage error that stops the command.
 */
import { performance } from 'node:perf_hooks';
import type { FuzzRunOptions } from '../api/runFuzz.ts';
import { resolveImplementation } from '../plugins/resolveImplementation.ts';
import { checkReportTargets } from '../report/outputPaths.ts';
import { unsupportedOperations } from '../scenario/operations.ts';
import { readScenarioFile } from '../scenario/readScenarioFile.ts';
import type { Scenario } from '../scenario/types.ts';
import { parseStrategy, STRATEGY_NAMES } from '../strategies/parse.ts';
import type { ParsedArgs } from './args.ts';
import { parseDuration } from './duration.ts';
import { parseIntegerFlag } from './integerFlag.ts';
import { readScheduleTimeout } from './scheduleTimeout.ts';
import { parseShardFlag } from './shardFlag.ts';

/** The flags `regsim fuzz` takes. */
export const FUZZ_FLAGS = {
  values: [
    'impl',
    'strategy',
    'depth',
    'traces-per-scenario',
    'preemption-bound',
    'schedules',
    'seed',
    'time-budget',
    'schedule-timeout',
    'scenario',
    'shard',
    'threads',
    'report',
    'junit',
  ],
  booleans: ['until-first', 'all', 'json'],
} as const;

/** A fuzz command line, checked. */
export interface FuzzCommandOptions {
  readonly run: FuzzRunOptions;
  readonly json: boolean;
  readonly reportDir: string | undefined;
  readonly junitFile: string | undefined;
}

export type FuzzOptionsCheck = { ok: true; options: FuzzCommandOptions } | { ok: false; error: string };

const fail = (error: string): FuzzOptionsCheck => ({ ok: false, error });

/** Checks every flag of a fuzz command line, and resolves its implementations and scenario. */
export async function readFuzzOptions(args: ParsedArgs): Promise<FuzzOptionsCheck> {
  const { flags, switches, positional } = args;
  if (positional.length > 0) return fail(`unexpected argument ${positional[0]}`);
  if (switches.has('until-first') && switches.has('all'))
    return fail('--until-first and --all exclude each other');

  const implNames = flags
    .get('impl')
    ?.split(',')
    .filter((n) => n !== '');
  if (implNames === undefined || implNames.length === 0) return fail('--impl <name[,name]> is required');
  const impls = [];
  for (const name of implNames) {
    const resolved = await resolveImplementation(name);
    if (!resolved.ok) return fail(resolved.error);
    impls.push(resolved.impl);
  }
  const strategyName = flags.get('strategy') ?? 'pct';
  const integer = (flag: string, fallback: number, min: number): number | string => {
    const parsed = parseIntegerFlag(flag, flags.get(flag), fallback, min);
    return parsed.ok ? parsed.value : parsed.error;
  };
  const known: readonly string[] = STRATEGY_NAMES;
  if (!known.includes(strategyName))
    return fail(`unknown strategy "${strategyName}" (one of ${known.join(', ')})`);
  const depth = integer('depth', 3, 1);
  const schedules = integer('schedules', 10_000, 1);
  const seed = integer('seed', 1, 0);
  const threads = integer('threads', 0, 1);
  for (const value of [depth, schedules, seed, threads]) if (typeof value === 'string') return fail(value);
  const budgetText = flags.get('time-budget') ?? '60s';
  const timeBudgetMs = parseDuration(budgetText);
  if (timeBudgetMs === undefined)
    return fail(`--time-budget expects a duration above zero like 60s, 500ms or 2m, got "${budgetText}"`);
  const scheduleTimeout = readScheduleTimeout(flags.get('schedule-timeout'));
  if (!scheduleTimeout.ok) return fail(scheduleTimeout.error);
  const optional = (flag: string, min: number): number | string | undefined =>
    flags.has(flag) ? integer(flag, 0, min) : undefined;
  const tracesPerScenario = optional('traces-per-scenario', 1);
  const preemptionBound = optional('preemption-bound', 0);
  for (const value of [tracesPerScenario, preemptionBound]) if (typeof value === 'string') return fail(value);
  const strategy = parseStrategy(strategyName, depth as number, {
    tracesPerScenario: tracesPerScenario as number | undefined,
    preemptionBound: preemptionBound as number | undefined,
  });
  if (!strategy.ok) return fail(strategy.error);

  let scenario: Scenario | undefined;
  const scenarioFile = flags.get('scenario');
  if (scenarioFile !== undefined) {
    const loaded = readScenarioFile(scenarioFile);
    if (!loaded.ok) return fail(loaded.error);
    scenario = loaded.scenario;
    for (const impl of impls) {
      const missing = unsupportedOperations(scenario, impl);
      if (missing.length > 0)
        return fail(`${impl.name} has no ${missing.join(', ')} (used by ${scenarioFile})`);
    }
  }
  const shardText = flags.get('shard');
  let shard: { index: number; count: number } | undefined;
  if (shardText !== undefined) {
    const read = parseShardFlag(shardText);
    if (!read.ok) return fail(read.error);
    if (scenario !== undefined) return fail('--shard applies to generated scenarios, not to --scenario');
    shard = { index: read.shard.index - 1, count: read.shard.count };
  }
  const unwritable = checkReportTargets({ reportDir: flags.get('report'), junitFile: flags.get('junit') });
  if (unwritable !== undefined) return fail(unwritable);
  return {
    ok: true,
    options: {
      run: {
        impls,
        strategy: strategy.spec,
        seed: seed as number,
        schedules: schedules as number,
        timeBudgetMs,
        scheduleTimeoutMs: scheduleTimeout.ms,
        untilFirst: switches.has('until-first'),
        scenario,
        shard,
        // Not given: the default policy decides (`parallel/threadCount.ts`).
        threads: flags.has('threads') ? (threads as number) : undefined,
        clock: () => performance.now(),
      },
      json: switches.has('json'),
      reportDir: flags.get('report'),
      junitFile: flags.get('junit'),
    },
  };
}

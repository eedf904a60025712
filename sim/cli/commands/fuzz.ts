/**
 * `regsim fuzz --impl <name[,name]> [--strategy random|pct|pos|dfs|portfolio] [--depth d]
 * [--schedules N] [--seed S] [--time-budget 60s] [--until-first|--all] [--json]
 * [--scenario file.json] [--threads T] [--shard i/n] [--report dir] [--junit file]`: explores
 * generated (or one given) scenario(s) on each implementation with the same seeds, and reports
 * one minimal counterexample per violated invariant with its replay token. Generated campaigns
 * are scanned on T worker threads (default: see parallel/threadCount.ts); `--shard` runs one slice
 * for `regsim merge`.
 * `--report` writes an HTML page (`dir/index.html`) and `--junit` JUnit XML for CI systems.
 * Exit 0 without violations, 1 with (or when a batch crashed or hung), 2 for usage errors.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Implementation } from '../../../src/types.ts';
import {
  type CampaignProgress,
  type CampaignResult,
  type ChunkError,
  DEFAULT_CHUNK_SCHEDULES,
  runCampaign,
} from '../../explore/campaign.ts';
import { pctConfidence } from '../../explore/confidence.ts';
import { exploreScenario } from '../../explore/exploreScenario.ts';
import type { Finding } from '../../explore/finding.ts';
import { BATCH_CANCELLED, createPoolScanner, DEFAULT_BATCH_TIMEOUT_MS } from '../../parallel/pool.ts';
import { describeChunkError } from '../../parallel/shardResult.ts';
import { chooseThreadCount } from '../../parallel/threadCount.ts';
import { resolveImplementation } from '../../plugins/resolveImplementation.ts';
import { createProgressBar } from '../../report/progress.ts';
import { writeReports } from '../../report/writeReports.ts';
import { unsupportedOperations } from '../../scenario/operations.ts';
import { parseScenarioText } from '../../scenario/parse.ts';
import { resolveScenarioPath } from '../../scenario/resolveScenarioPath.ts';
import type { Scenario } from '../../scenario/types.ts';
import { parseStrategy, STRATEGY_NAMES } from '../../strategies/parse.ts';
import { parseArgs } from '../args.ts';
import { parseDuration } from '../duration.ts';
import type { CommandIo } from '../io.ts';

const STRATEGIES: readonly string[] = STRATEGY_NAMES;

export async function fuzzCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regsim fuzz: ${message}`);
    return 2;
  };
  const parsed = parseArgs(argv, {
    values: [
      'impl',
      'strategy',
      'depth',
      'schedules',
      'seed',
      'time-budget',
      'scenario',
      'shard',
      'threads',
      'report',
      'junit',
    ],
    booleans: ['until-first', 'all', 'json'],
  });
  if (!parsed.ok) return usage(parsed.error);
  const { flags, switches, positional } = parsed.args;
  if (positional.length > 0) return usage(`unexpected argument ${positional[0]}`);
  if (switches.has('until-first') && switches.has('all'))
    return usage('--until-first and --all exclude each other');

  const implNames = flags
    .get('impl')
    ?.split(',')
    .filter((n) => n !== '');
  if (implNames === undefined || implNames.length === 0) return usage('--impl <name[,name]> is required');
  const impls: Implementation[] = [];
  for (const name of implNames) {
    const resolved = await resolveImplementation(name);
    if (!resolved.ok) return usage(resolved.error);
    impls.push(resolved.impl);
  }
  const strategyName = flags.get('strategy') ?? 'pct';
  if (!STRATEGIES.includes(strategyName))
    return usage(`unknown strategy "${strategyName}" (one of ${STRATEGIES.join(', ')})`);
  const integer = (flag: string, fallback: number, min: number): number | string => {
    const text = flags.get(flag);
    if (text === undefined) return fallback;
    const value = Number(text);
    return Number.isInteger(value) && value >= min
      ? value
      : `--${flag} expects an integer ≥ ${min}, got "${text}"`;
  };
  const depthFlag = integer('depth', 3, 1);
  const schedulesFlag = integer('schedules', 10_000, 1);
  const seedFlag = integer('seed', 1, 0);
  const threadsFlag = integer('threads', availableParallelism(), 1);
  if (typeof depthFlag === 'string') return usage(depthFlag);
  if (typeof schedulesFlag === 'string') return usage(schedulesFlag);
  if (typeof seedFlag === 'string') return usage(seedFlag);
  if (typeof threadsFlag === 'string') return usage(threadsFlag);
  const [depth, schedules, seed] = [depthFlag, schedulesFlag, seedFlag];
  const budgetText = flags.get('time-budget') ?? '60s';
  const timeBudgetMs = parseDuration(budgetText);
  if (timeBudgetMs === undefined)
    return usage(`--time-budget expects a duration like 60s, 500ms or 2m, got "${budgetText}"`);
  const strategyCheck = parseStrategy(strategyName, depth);
  if (!strategyCheck.ok) return usage(strategyCheck.error);

  let scenario: Scenario | undefined;
  const scenarioFile = flags.get('scenario');
  if (scenarioFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolveScenarioPath(scenarioFile), 'utf8');
    } catch (error) {
      return usage(`cannot read ${scenarioFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const loaded = parseScenarioText(text);
    if (!loaded.ok) return usage(`${scenarioFile}: ${loaded.error}`);
    scenario = loaded.scenario;
    for (const impl of impls) {
      const missing = unsupportedOperations(scenario, impl);
      if (missing.length > 0)
        return usage(`${impl.name} has no ${missing.join(', ')} (used by ${scenarioFile})`);
    }
  }
  // Differential mode generates only what every implementation compared supports.
  const kinds = [...impls[0]!.operations].filter((k) => impls.every((i) => i.operations.has(k)));
  const shardText = flags.get('shard');
  let shard: { index: number; count: number } | undefined;
  if (shardText !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(shardText);
    const [index, count] = match === null ? [Number.NaN, Number.NaN] : [Number(match[1]), Number(match[2])];
    if (!(count >= 1 && index >= 1 && index <= count)) {
      return usage(`--shard expects i/n with 1 ≤ i ≤ n, got "${shardText}"`);
    }
    if (scenario !== undefined) return usage('--shard applies to generated scenarios, not to --scenario');
    shard = { index: index - 1, count };
  }

  const json = switches.has('json');
  const progress = !json && process.stderr.isTTY === true;
  const clock = () => performance.now();
  const results: CampaignResult[] = [];
  const chunkCount = Math.ceil(Math.ceil(schedules / DEFAULT_CHUNK_SCHEDULES) / (shard?.count ?? 1));
  const { threads, warning } = chooseThreadCount({
    requested: flags.has('threads') ? threadsFlag : undefined,
    chunks: chunkCount,
    cores: availableParallelism(),
    fixedScenario: scenario !== undefined,
  });
  if (warning !== undefined) io.err(`regsim fuzz: ${warning}`);
  // One pool serves every implementation's campaign: its start-up is paid once.
  const scanner =
    threads > 1 ? createPoolScanner({ threads, batchTimeoutMs: DEFAULT_BATCH_TIMEOUT_MS }) : undefined;
  try {
    for (const impl of impls) {
      const untilFirst = switches.has('until-first');
      const timeBudget = timeBudgetMs / impls.length;
      if (scenario !== undefined) {
        // One scenario: the samplers go on until the budget ends; DFS stops at its bound.
        const made = parseStrategy(strategyName, depth, { schedulesPerScenario: Number.MAX_SAFE_INTEGER });
        if (!made.ok) return usage(made.error);
        results.push(
          await exploreScenario({
            impl,
            scenario,
            strategy: made.strategy,
            seed,
            maxSchedules: schedules,
            timeBudgetMs: timeBudget,
            untilFirst,
            clock,
          }),
        );
        continue;
      }
      const bar = progress ? createProgressBar(impl.name, timeBudget) : undefined;
      results.push(
        await runCampaign({
          impl,
          strategy: strategyName,
          depth,
          seed,
          maxSchedules: schedules,
          timeBudgetMs: timeBudget,
          untilFirst,
          kinds,
          ...(shard === undefined ? {} : { shard }),
          ...(scanner === undefined ? {} : { scanner }),
          clock,
          ...(bar === undefined ? {} : { onProgress: (p: CampaignProgress) => bar.update(p) }),
        }),
      );
      bar?.stop();
    }
  } finally {
    await scanner?.close();
  }
  // Batches stopped by `--until-first` did not fail: the campaign had its answer, as when one
  // thread never starts the chunks after the failing one.
  const chunkErrors = (r: CampaignResult): ChunkError[] =>
    r.errors.filter((e) => e.error !== BATCH_CANCELLED);
  // Failures at the same schedule come in the order the chunk scans completed, which varies with
  // threads; ordered by invariant as well, the output is the same however the campaign ran.
  const findings = (r: CampaignResult): Finding[] =>
    [...r.findings].sort(
      (a, b) => a.firstSchedule - b.firstSchedule || a.invariant.localeCompare(b.invariant),
    );
  const failingSchedules = (r: CampaignResult): Record<string, number> =>
    Object.fromEntries(
      [...r.failures]
        .sort((a, b) => a.schedule - b.schedule || a.invariant.localeCompare(b.invariant))
        .map((f) => [f.invariant, f.schedule]),
    );
  const violations = results.flatMap(findings);
  // A batch that crashed or hung explored nothing: the campaign did not check what it was asked
  // to, so it cannot pass (exit 1), even when no batch found a violation.
  const failedBatches = results.reduce((n, r) => n + chunkErrors(r).length, 0);
  const totalSchedules = results.reduce((n, r) => n + r.schedules, 0);
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0);
  if (json) {
    io.out(
      JSON.stringify(
        {
          ok: violations.length === 0 && failedBatches === 0,
          seed,
          strategy: results[0]?.strategy,
          schedules: totalSchedules,
          elapsedMs: Math.round(elapsedMs),
          schedulesPerSecond: Math.round((totalSchedules / Math.max(elapsedMs, 1)) * 1000),
          threads,
          shard: shard === undefined ? null : { index: shard.index + 1, count: shard.count },
          // What `regsim merge` checks before combining shards: the same campaign, sliced.
          campaign: { impls: impls.map((i) => i.name), strategy: strategyName, depth, seed, schedules },
          implementations: results.map((r) => ({
            impl: r.impl,
            schedules: r.schedules,
            scenarios: r.scenarios,
            status: r.status,
            chunks: r.chunks,
            errors: chunkErrors(r),
            failingSchedules: failingSchedules(r),
            ...(strategyName === 'pct'
              ? { confidence: pctConfidence(r.maxTasks, r.maxSteps, depth, r.schedules) }
              : {}),
          })),
          violations: violations.map((f) => ({
            impl: f.impl,
            invariant: f.invariant,
            message: f.message,
            depth: f.depth,
            firstSchedule: f.firstSchedule,
            token: f.token,
            tasks: f.scenario.tasks.length,
            operations: f.scenario.tasks.reduce((n, t) => n + t.ops.length, 0),
            alsoBroken: [...new Set(f.violations.map((v) => v.invariant))].filter((i) => i !== f.invariant),
          })),
        },
        null,
        2,
      ),
    );
  } else {
    for (const r of results) {
      const rate = Math.round((r.schedules / Math.max(r.elapsedMs, 1)) * 1000);
      io.out(
        `${r.impl}: ${r.schedules} schedules over ${r.scenarios} scenarios with ${r.strategy} (seed ${seed}) in ${(r.elapsedMs / 1000).toFixed(1)} s, ${rate} schedules/s`,
      );
      io.out(`  ${r.status}`);
      for (const e of chunkErrors(r)) io.out(`  ${describeChunkError(e)}`);
      if (strategyName === 'pct' && r.findings.length === 0) {
        const c = pctConfidence(r.maxTasks, r.maxSteps, depth, r.schedules);
        io.out(
          `  PCT bound: one schedule finds a given depth-${depth} bug with probability ≥ 1/(n·k^${depth - 1}) = ${c.perSchedule.toExponential(2)} (n=${c.tasks} tasks, k=${c.steps} steps); after ${r.schedules} schedules it is missed with probability ≤ ${c.missProbability.toPrecision(3)}`,
        );
      }
      for (const f of findings(r)) {
        io.out('');
        io.out(`  ${f.invariant} on ${f.impl}: ${f.message}`);
        io.out(`  depth ${f.depth} (preemptions), first hit at schedule ${f.firstSchedule}`);
        for (const line of f.table) io.out(`    ${line}`);
        io.out(`  replay: npx regsim replay ${f.token}`);
      }
    }
    io.out(violations.length === 0 ? 'no violations' : `${violations.length} violation(s)`);
    if (failedBatches > 0) io.out(`${failedBatches} batch(es) failed: their schedules were not checked`);
  }
  const reportDir = flags.get('report');
  const junitFile = flags.get('junit');
  if (reportDir !== undefined || junitFile !== undefined) {
    try {
      const written = await writeReports(
        results.map((r, i) => ({ result: { ...r, errors: chunkErrors(r) }, impl: impls[i]! })),
        { reportDir, junitFile, command: ['regsim', 'fuzz', ...argv].join(' '), now: new Date() },
      );
      // With --json, standard output holds the JSON document alone.
      if (!json && written.html !== undefined) io.out(`report: ${written.html}`);
      if (!json && written.junit !== undefined) io.out(`junit: ${written.junit}`);
    } catch (error) {
      io.err(
        `regsim fuzz: cannot write the reports: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 2;
    }
  }
  return violations.length === 0 && failedBatches === 0 ? 0 : 1;
}

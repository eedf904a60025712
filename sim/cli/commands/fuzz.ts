/**
 * `regsim fuzz --impl <name[,name]> [--strategy random|pct|dfs|portfolio] [--depth d]
 * [--schedules N] [--seed S] [--time-budget 60s] [--until-first|--all] [--json]
 * [--scenario file.json]`: explores generated (or one given) scenario(s) on each implementation
 * with the same seeds, and reports one minimal counterexample per violated invariant with its
 * replay token. Exit 0 without violations, 1 with, 2 for usage errors.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Implementation } from '../../../src/types.ts';
import { type CampaignProgress, type CampaignResult, runCampaign } from '../../explore/campaign.ts';
import { pctConfidence } from '../../explore/confidence.ts';
import { exploreScenario } from '../../explore/exploreScenario.ts';
import { resolveImplementation } from '../../plugins/resolveImplementation.ts';
import { unsupportedOperations } from '../../scenario/operations.ts';
import { parseScenarioText } from '../../scenario/parse.ts';
import type { Scenario } from '../../scenario/types.ts';
import { parseStrategy } from '../../strategies/parse.ts';
import { parseArgs } from '../args.ts';
import { parseDuration } from '../duration.ts';
import type { CommandIo } from '../io.ts';

const STRATEGIES = ['random', 'pct', 'dfs', 'portfolio'];

export async function fuzzCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regsim fuzz: ${message}`);
    return 2;
  };
  const parsed = parseArgs(argv, {
    values: ['impl', 'strategy', 'depth', 'schedules', 'seed', 'time-budget', 'scenario', 'shard'],
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
  if (typeof depthFlag === 'string') return usage(depthFlag);
  if (typeof schedulesFlag === 'string') return usage(schedulesFlag);
  if (typeof seedFlag === 'string') return usage(seedFlag);
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
      text = readFileSync(scenarioFile, 'utf8');
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
        clock,
        ...(progress
          ? {
              onProgress: (p: CampaignProgress) =>
                process.stderr.write(
                  `\r${impl.name}: ${p.schedules}/${p.plannedSchedules} schedules, ${p.failures} failures, ${(p.elapsedMs / 1000).toFixed(1)} s`,
                ),
            }
          : {}),
      }),
    );
    if (progress) process.stderr.write('\n');
  }
  const violations = results.flatMap((r) => r.findings);
  const totalSchedules = results.reduce((n, r) => n + r.schedules, 0);
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0);
  if (json) {
    io.out(
      JSON.stringify(
        {
          ok: violations.length === 0,
          seed,
          strategy: results[0]?.strategy,
          schedules: totalSchedules,
          elapsedMs: Math.round(elapsedMs),
          schedulesPerSecond: Math.round((totalSchedules / Math.max(elapsedMs, 1)) * 1000),
          implementations: results.map((r) => ({
            impl: r.impl,
            schedules: r.schedules,
            scenarios: r.scenarios,
            status: r.status,
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
      if (strategyName === 'pct' && r.findings.length === 0) {
        const c = pctConfidence(r.maxTasks, r.maxSteps, depth, r.schedules);
        io.out(
          `  PCT bound: one schedule finds a given depth-${depth} bug with probability ≥ 1/(n·k^${depth - 1}) = ${c.perSchedule.toExponential(2)} (n=${c.tasks} tasks, k=${c.steps} steps); after ${r.schedules} schedules it is missed with probability ≤ ${c.missProbability.toPrecision(3)}`,
        );
      }
      for (const f of r.findings) {
        io.out('');
        io.out(`  ${f.invariant} on ${f.impl}: ${f.message}`);
        io.out(`  depth ${f.depth} (preemptions), first hit at schedule ${f.firstSchedule}`);
        for (const line of f.table) io.out(`    ${line}`);
        io.out(`  replay: npx regsim replay ${f.token}`);
      }
    }
    io.out(violations.length === 0 ? 'no violations' : `${violations.length} violation(s)`);
  }
  return violations.length === 0 ? 0 : 1;
}

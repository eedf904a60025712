/**
 * From the campaigns a fuzz run explored to its {@link FuzzResult}. The result is the same
 * however many threads scanned: failures at the same schedule come in the order chunk scans
 * completed, so everything is ordered by schedule, then by invariant.
 */
import type { CampaignResult } from '../explore/campaign.ts';
import { pctConfidence } from '../explore/confidence.ts';
import { isComplete } from '../explore/coverage.ts';
import type { Finding } from '../explore/finding.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import type { StrategyCoverage } from '../strategies/types.ts';
import type { FuzzResult, ViolationResult } from './types.ts';

/** What a fuzz run was asked to do, and how it ran. */
export interface FuzzRunInfo {
  readonly impls: readonly string[];
  readonly strategy: StrategySpec;
  readonly seed: number;
  /** Schedules asked for (per implementation). */
  readonly schedules: number;
  readonly threads: number;
  /** 0-based, as the campaign takes it. */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
}

/** A campaign's findings in schedule order. */
export function orderedFindings(campaign: CampaignResult): Finding[] {
  return [...campaign.findings].sort(
    (a, b) => a.firstSchedule - b.firstSchedule || a.invariant.localeCompare(b.invariant),
  );
}

function failingSchedules(campaign: CampaignResult): Record<string, number> {
  return Object.fromEntries(
    [...campaign.failures]
      .sort((a, b) => a.schedule - b.schedule || a.invariant.localeCompare(b.invariant))
      .map((f) => [f.invariant, f.schedule]),
  );
}

function violationOf(f: Finding): ViolationResult {
  return {
    impl: f.impl,
    invariant: f.invariant,
    message: f.message,
    depth: f.depth,
    firstSchedule: f.firstSchedule,
    token: f.token,
    tasks: f.scenario.tasks.length,
    operations: f.scenario.tasks.reduce((n, t) => n + t.ops.length, 0),
    alsoBroken: [...new Set(f.violations.map((v) => v.invariant))].filter((i) => i !== f.invariant),
    race: f.race,
  };
}

/**
 * Whether a campaign explored nothing of what it was given. A shard that owns no chunk was given
 * nothing, and is not a failure: its sibling shards hold the schedules.
 */
export function exploredNothing(campaign: CampaignResult): boolean {
  return campaign.schedules === 0 && campaign.plannedSchedules > 0;
}

/**
 * The result of a fuzz run. It passes only with no violation, no failed batch, every campaign
 * having explored something and every implementation deterministic: otherwise the run did not
 * check what it was asked to.
 */
export function buildFuzzResult(campaigns: readonly CampaignResult[], info: FuzzRunInfo): FuzzResult {
  const { strategy, seed } = info;
  const violations = campaigns.flatMap(orderedFindings).map(violationOf);
  const failedBatches = campaigns.reduce((n, c) => n + c.errors.length, 0);
  const unchecked = campaigns.some((c) => exploredNothing(c) || c.nondeterminism !== undefined);
  const schedules = campaigns.reduce((n, c) => n + c.schedules, 0);
  const elapsedMs = campaigns.reduce((n, c) => n + c.elapsedMs, 0);
  return {
    ok: violations.length === 0 && failedBatches === 0 && !unchecked,
    seed,
    strategy: campaigns[0]?.strategy ?? strategy.name,
    schedules,
    elapsedMs: Math.round(elapsedMs),
    schedulesPerSecond: Math.round((schedules / Math.max(elapsedMs, 1)) * 1000),
    threads: info.threads,
    shard: info.shard === undefined ? null : { index: info.shard.index + 1, count: info.shard.count },
    // What `regsim merge` checks before combining shards: the same campaign, sliced.
    campaign: {
      impls: info.impls,
      strategy: strategy.name,
      depth: strategy.depth,
      seed,
      schedules: info.schedules,
      ...(strategy.tracesPerScenario === undefined ? {} : { tracesPerScenario: strategy.tracesPerScenario }),
      ...(strategy.preemptionBound === undefined ? {} : { preemptionBound: strategy.preemptionBound }),
    },
    implementations: campaigns.map((c) => ({
      impl: c.impl,
      schedules: c.schedules,
      scenarios: c.scenarios,
      status: c.status,
      chunks: c.chunks,
      errors: c.errors,
      failingSchedules: failingSchedules(c),
      // Nothing backs a bound over no schedule, or over schedules that do not replay.
      ...(strategy.name === 'pct' && c.schedules > 0 && c.nondeterminism === undefined
        ? { confidence: pctConfidence(c.maxTasks, c.maxSteps, strategy.depth, c.schedules) }
        : {}),
      ...(c.nondeterminism === undefined ? {} : { nondeterminism: c.nondeterminism }),
      ...coverageFields(c.coverage),
    })),
    violations,
  };
}

/** The result fields of an exhausting strategy's coverage (none for the sampling strategies). */
export function coverageFields(coverage: StrategyCoverage | undefined) {
  if (coverage === undefined) return {};
  return { traces: coverage.traces, exhaustedScenarios: coverage.exhausted, complete: isComplete(coverage) };
}

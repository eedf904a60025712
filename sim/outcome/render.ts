/**
 * The text a person reads for a campaign outcome: a fuzz run's summary with each finding's
 * interleaving table and replay line, and a merge's summary. JSON needs no renderer: it is the
 * {@link FuzzResult} itself.
 */
import type { CampaignResult, ChunkError } from '../explore/campaign.ts';
import { pctConfidence } from '../explore/confidence.ts';
import type { Finding } from '../explore/finding.ts';
import { describeRacingPair } from '../explore/racingPairs.ts';
import { renderFindingTable } from '../report/interleavingTable.ts';
import { replayCommand } from '../report/model.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import { exploredNothing, orderedFindings } from './build.ts';
import type { FuzzResult, MergedResult } from './types.ts';

/** One line for a chunk that did not complete. */
export function describeChunkError(e: ChunkError): string {
  return `chunk ${e.chunk} (schedules ${e.firstSchedule}–${e.lastSchedule}) did not complete: ${e.error}`;
}

/** Why a campaign explored no schedule: its shard owned no chunk, or nothing ran. */
function nothingExplored(campaign: CampaignResult, result: FuzzResult): string {
  const { shard } = result;
  if (!exploredNothing(campaign) && shard !== null) {
    return `shard ${shard.index}/${shard.count} holds no chunk of this campaign's ${result.campaign.schedules} schedules: 0 schedules explored`;
  }
  return '0 schedules explored: no confidence is claimed';
}

/** The text summary of a merge. */
export function describeMerge(result: MergedResult): string[] {
  const { campaign, shards } = result;
  const lines = [
    `merged shard${shards.merged.length === 1 ? '' : 's'} ${shards.merged.join(', ')} of ${shards.count}: ${campaign.impls.join(', ')} with ${campaign.strategy} (depth ${campaign.depth}, seed ${campaign.seed}, ${campaign.schedules} schedules)`,
  ];
  if (shards.missing.length > 0) {
    lines.push(`missing shard(s) ${shards.missing.join(', ')}: their schedules were not explored`);
  }
  for (const impl of result.implementations) {
    lines.push(
      `${impl.impl}: ${impl.schedules} schedules over ${impl.scenarios} scenarios in ${impl.chunks} chunks`,
    );
    for (const e of impl.errors) lines.push(`  ${describeChunkError(e)}`);
    if (impl.nondeterminism !== undefined) lines.push(`  ${impl.nondeterminism.message}`);
    for (const v of result.violations.filter((x) => x.impl === impl.impl)) {
      lines.push(`  ${v.invariant}: ${v.message}`);
      lines.push(`    depth ${v.depth} (preemptions), first hit at schedule ${v.firstSchedule}`);
      lines.push(`    replay: ${replayCommand(v.token)}`);
    }
  }
  lines.push(result.violations.length === 0 ? 'no violations' : `${result.violations.length} violation(s)`);
  return lines;
}

/** The `race:` lines under a finding's table. */
function describeRace(f: Finding): string[] {
  if (f.depth === 0) return ['race: none: the violation shows without any preemption (a sequential bug)'];
  if (f.race.length === 0) return ['race: no single flipped pair of conflicting steps removes the violation'];
  return f.race.map((pair) => `race: ${describeRacingPair(pair)}`);
}

/** A finding as a person reads it: what broke, how deep, the interleaving and the replay line. */
export function describeFinding(f: Finding): string[] {
  return [
    `${f.invariant} on ${f.impl}: ${f.message}`,
    `depth ${f.depth} (preemptions), first hit at schedule ${f.firstSchedule}`,
    ...renderFindingTable(f).map((line) => `  ${line}`),
    ...describeRace(f),
    `replay: ${replayCommand(f.token)}`,
  ];
}

/** The text summary of a fuzz run: per implementation, its campaign and its findings. */
export function describeFuzz(
  result: FuzzResult,
  campaigns: readonly CampaignResult[],
  strategy: StrategySpec,
): string[] {
  const lines: string[] = [];
  for (const c of campaigns) {
    const rate = Math.round((c.schedules / Math.max(c.elapsedMs, 1)) * 1000);
    lines.push(
      `${c.impl}: ${c.schedules} schedules over ${c.scenarios} scenarios with ${c.strategy} (seed ${result.seed}) in ${(c.elapsedMs / 1000).toFixed(1)} s, ${rate} schedules/s`,
    );
    lines.push(`  ${c.status}`);
    if (c.coverage !== undefined && c.scenarios > 1)
      lines.push(
        `  ${c.coverage.traces} traces; ${c.coverage.exhausted} of ${c.coverage.scenarios} scenarios had every trace explored`,
      );
    for (const e of c.errors) lines.push(`  ${describeChunkError(e)}`);
    if (c.nondeterminism !== undefined) lines.push(`  ${c.nondeterminism.message}`);
    if (c.schedules === 0) lines.push(`  ${nothingExplored(c, result)}`);
    else if (strategy.name === 'pct' && c.findings.length === 0 && c.nondeterminism === undefined) {
      const { depth } = strategy;
      const p = pctConfidence(c.maxTasks, c.maxSteps, depth, c.schedules);
      lines.push(
        `  PCT bound: one schedule finds a given depth-${depth} bug with probability ≥ 1/(n·k^${depth - 1}) = ${p.perSchedule.toExponential(2)} (n=${p.tasks} tasks, k=${p.steps} steps); after ${c.schedules} schedules it is missed with probability ≤ ${p.missProbability.toPrecision(3)}`,
      );
    }
    for (const f of orderedFindings(c)) lines.push('', ...describeFinding(f).map((line) => `  ${line}`));
  }
  const { violations } = result;
  if (violations.length > 0) lines.push(`${violations.length} violation(s)`);
  else if (campaigns.some(exploredNothing)) lines.push('0 schedules explored: nothing was checked');
  else lines.push('no violations');
  const unreplayable = campaigns.filter((c) => c.nondeterminism !== undefined).length;
  if (unreplayable > 0)
    lines.push(`${unreplayable} implementation(s) not deterministic: their verdicts cannot be trusted`);
  const failedBatches = campaigns.reduce((n, c) => n + c.errors.length, 0);
  if (failedBatches > 0) lines.push(`${failedBatches} batch(es) failed: their schedules were not checked`);
  return lines;
}

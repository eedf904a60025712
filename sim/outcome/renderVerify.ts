/** The text a person reads for a verification: the figures, then the verdict or the counterexample. */
import type { Finding } from '../explore/finding.ts';
import { replayCommand } from '../report/model.ts';
import { describeRange } from '../verify/bound.ts';
import { describeFinding } from './render.ts';
import type { MergedVerifyResult } from './verifyMerge.ts';
import { VERIFIED_LINE, type VerifyResult } from './verifyResult.ts';

/** What was verified, and how much it took. */
function summary(result: VerifyResult): string {
  const shard = result.shard === null ? '' : ` (shard ${result.shard.index}/${result.shard.count})`;
  return `${result.impl}: ${result.scenarios} scenario${result.scenarios === 1 ? '' : 's'} of universe ${result.universe} (tasks ${describeRange(result.tasks)}, ops ${describeRange(result.ops)})${shard}, ${result.traces} trace${result.traces === 1 ? '' : 's'} in ${(result.elapsedMs / 1000).toFixed(1)} s`;
}

/** The verdict's lines, without the counterexample's table. */
function verdict(result: VerifyResult): string[] {
  if (result.verified) return [VERIFIED_LINE];
  const lines: string[] = [];
  if (result.nondeterminism !== undefined) lines.push(result.nondeterminism);
  if (result.incomplete > 0)
    lines.push(
      `incomplete: ${result.incomplete} scenario(s) not explored to the end within ${result.maxTraces} traces each (the first: #${result.firstIncomplete}); nothing is verified`,
    );
  return lines;
}

/**
 * A verification's text. `finding` is the counterexample's full finding (the run has it; a merge
 * only has its token), drawn as fuzz draws one.
 */
export function describeVerify(result: VerifyResult, finding?: Finding): string[] {
  const lines = [summary(result)];
  const c = result.counterexample;
  if (c !== undefined) {
    lines.push(`counterexample: the first failing scenario is #${c.scenario}`);
    if (finding !== undefined) lines.push(...describeFinding(finding).map((line) => `  ${line}`));
    else {
      lines.push(`  ${c.invariant}: ${c.message}`);
      lines.push(`  depth ${c.depth} (preemptions)`);
      lines.push(`  replay: ${replayCommand(c.token)}`);
    }
  }
  return [...lines, ...verdict(result)];
}

/** A verify merge's text. */
export function describeVerifyMerge(result: MergedVerifyResult): string[] {
  const { shards } = result;
  const lines = [
    `merged verify shard${shards.merged.length === 1 ? '' : 's'} ${shards.merged.join(', ')} of ${shards.count}`,
  ];
  if (shards.missing.length > 0)
    lines.push(
      `missing shard(s) ${shards.missing.join(', ')}: their scenarios were not explored; nothing is verified`,
    );
  return [...lines, ...describeVerify(result)];
}

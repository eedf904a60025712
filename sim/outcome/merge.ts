/**
 * Merging the shard results of one campaign. Shards scan disjoint chunks with the same seeds, so
 * combining them is arithmetic: schedules add up, chunk errors concatenate, and per
 * (implementation, invariant) the earliest failure wins — the same earliest failure the
 * unsharded campaign would have found and shrunk.
 */
import { pctConfidence } from '../explore/confidence.ts';
import type {
  CampaignIdentity,
  Check,
  ImplementationResult,
  MergedResult,
  ShardInput,
  ViolationResult,
} from './types.ts';

/** The first field where two campaign identities differ, as `field: a vs b`. */
function identityDifference(a: CampaignIdentity, b: CampaignIdentity): string | undefined {
  for (const key of [
    'impls',
    'strategy',
    'depth',
    'seed',
    'schedules',
    'tracesPerScenario',
    'preemptionBound',
  ] as const) {
    const [x, y] = [JSON.stringify(a[key]), JSON.stringify(b[key])];
    if (x !== y) return `${key}: ${x} vs ${y}`;
  }
  return undefined;
}

/** Checks that `inputs` are distinct shards of one campaign. */
function checkShards(inputs: readonly ShardInput[]): string | undefined {
  const first = inputs[0];
  if (first === undefined) return 'no result to merge';
  const byIndex = new Map<number, string>();
  for (const { file, result } of inputs) {
    if (result.shard === null)
      return `${file} is not a shard result (run regsim fuzz with --shard i/n --json)`;
    const difference = identityDifference(first.result.campaign, result.campaign);
    if (difference !== undefined) {
      return `${file} and ${first.file} are shards of different campaigns (${difference})`;
    }
    const { index, count } = result.shard;
    const firstCount = first.result.shard?.count;
    if (count !== firstCount)
      return `${file} is shard ${index}/${count} but ${first.file} is of ${firstCount}`;
    const twin = byIndex.get(index);
    if (twin !== undefined) return `${twin} and ${file} are both shard ${index}/${count}`;
    byIndex.set(index, file);
  }
  return undefined;
}

/** Combines one implementation's campaign over the shards that ran it. */
function mergeImplementation(
  impl: string,
  parts: readonly ImplementationResult[],
  depth: number,
): ImplementationResult {
  const failingSchedules: Record<string, number> = {};
  for (const part of parts) {
    for (const [invariant, schedule] of Object.entries(part.failingSchedules)) {
      const seen = failingSchedules[invariant];
      if (seen === undefined || schedule < seen) failingSchedules[invariant] = schedule;
    }
  }
  const schedules = parts.reduce((n, p) => n + p.schedules, 0);
  // The earliest schedule that did not replay, in whichever shard it was seen.
  const [nondeterminism] = parts
    .flatMap((p) => (p.nondeterminism === undefined ? [] : [p.nondeterminism]))
    .sort((a, b) => a.schedule - b.schedule);
  const confidences = parts.flatMap((p) => (p.confidence === undefined ? [] : [p.confidence]));
  return {
    impl,
    schedules,
    scenarios: parts.reduce((n, p) => n + p.scenarios, 0),
    // A status describes one chunk's strategy (as for an unsharded campaign, its last chunk).
    status: parts.at(-1)?.status ?? 'no shard ran',
    chunks: parts.reduce((n, p) => n + p.chunks, 0),
    errors: parts.flatMap((p) => p.errors).sort((a, b) => a.firstSchedule - b.firstSchedule),
    failingSchedules,
    // PCT's bound holds for the largest scenario seen, over every schedule of every shard.
    ...(confidences.length === 0 || nondeterminism !== undefined
      ? {}
      : {
          confidence: pctConfidence(
            Math.max(...confidences.map((c) => c.tasks)),
            Math.max(...confidences.map((c) => c.steps)),
            depth,
            schedules,
          ),
        }),
    ...(nondeterminism === undefined ? {} : { nondeterminism }),
    ...mergedCoverage(parts),
  };
}

/** DPOR's coverage over the shards: complete only if every shard's was. */
function mergedCoverage(parts: readonly ImplementationResult[]) {
  const covered = parts.filter((p) => p.traces !== undefined);
  if (covered.length === 0) return {};
  return {
    traces: covered.reduce((n, p) => n + (p.traces ?? 0), 0),
    exhaustedScenarios: covered.reduce((n, p) => n + (p.exhaustedScenarios ?? 0), 0),
    complete: covered.length === parts.length && covered.every((p) => p.complete === true),
  };
}

/**
 * Merges shard results of one campaign (same identity, same shard count, distinct indexes) into
 * one result, or says why they cannot be merged. Shards may be missing (a CI job that failed):
 * the result lists them, and covers only the schedules that ran.
 */
export function mergeShardResults(inputs: readonly ShardInput[]): Check<MergedResult> {
  const refusal = checkShards(inputs);
  if (refusal !== undefined) return { ok: false, error: refusal };
  const sorted = [...inputs].sort((a, b) => (a.result.shard?.index ?? 0) - (b.result.shard?.index ?? 0));
  const results = sorted.map((s) => s.result);
  const campaign = results[0]!.campaign;
  const count = results[0]!.shard!.count;
  const merged = results.map((r) => r.shard!.index);
  const implementations = campaign.impls.map((impl) =>
    mergeImplementation(
      impl,
      results.flatMap((r) => r.implementations.filter((i) => i.impl === impl)),
      campaign.depth,
    ),
  );
  const earliest = new Map<string, ViolationResult>();
  for (const v of results.flatMap((r) => r.violations)) {
    const key = JSON.stringify([v.impl, v.invariant]);
    const seen = earliest.get(key);
    if (seen === undefined || v.firstSchedule < seen.firstSchedule) earliest.set(key, v);
  }
  const order = (v: ViolationResult) => campaign.impls.indexOf(v.impl);
  const violations = [...earliest.values()].sort(
    (a, b) => order(a) - order(b) || a.firstSchedule - b.firstSchedule,
  );
  const schedules = results.reduce((n, r) => n + r.schedules, 0);
  // Shards may have run one after another or side by side: the sum is the work, not the wait.
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !merged.includes(i));
  return {
    ok: true,
    value: {
      // A pass needs every shard to have passed (no failed batch, something explored, deterministic)
      // and every shard to be there: a missing one's schedules were never checked.
      ok: violations.length === 0 && missing.length === 0 && results.every((r) => r.ok),
      seed: campaign.seed,
      strategy: campaign.strategy,
      schedules,
      elapsedMs,
      schedulesPerSecond: Math.round((schedules / Math.max(elapsedMs, 1)) * 1000),
      threads: results.reduce((n, r) => n + r.threads, 0),
      shard: null,
      campaign,
      shards: {
        count,
        merged,
        missing,
      },
      implementations,
      violations,
    },
  };
}

/**
 * The `regsim fuzz --json` result as `regsim merge` reads it back, and the merge itself. Shards
 * of one campaign scan disjoint chunks with the same seeds, so combining them is arithmetic:
 * schedules add up, chunk errors concatenate, and per (implementation, invariant) the earliest
 * failure wins — the same earliest failure the unsharded campaign would have found and shrunk.
 * Pure: reading files and printing is the command's job.
 */
import type { ChunkError } from '../explore/campaign.ts';
import { type PctConfidence, pctConfidence } from '../explore/confidence.ts';

/** What makes two results shards of the same campaign. */
export interface CampaignIdentity {
  readonly impls: readonly string[];
  readonly strategy: string;
  readonly depth: number;
  readonly seed: number;
  readonly schedules: number;
}

/** One implementation's campaign in a fuzz result. */
export interface ImplementationResult {
  readonly impl: string;
  readonly schedules: number;
  readonly scenarios: number;
  readonly status: string;
  readonly chunks: number;
  readonly errors: readonly ChunkError[];
  /** The earliest failing schedule (1-based) per invariant, before shrinking. */
  readonly failingSchedules: Readonly<Record<string, number>>;
  readonly confidence?: PctConfidence;
}

/** A shrunk counterexample in a fuzz result. */
export interface ViolationResult {
  readonly impl: string;
  readonly invariant: string;
  readonly message: string;
  readonly depth: number;
  readonly firstSchedule: number;
  readonly token: string;
  readonly tasks: number;
  readonly operations: number;
  readonly alsoBroken: readonly string[];
}

/** The `regsim fuzz --json` output (`shard` is 1-based, as on the command line). */
export interface FuzzResult {
  readonly ok: boolean;
  readonly seed: number;
  readonly strategy: string;
  readonly schedules: number;
  readonly elapsedMs: number;
  readonly schedulesPerSecond: number;
  readonly threads: number;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly campaign: CampaignIdentity;
  readonly implementations: readonly ImplementationResult[];
  readonly violations: readonly ViolationResult[];
}

/** The `regsim merge --json` output: a fuzz result over several shards. */
export interface MergedResult extends FuzzResult {
  readonly shards: {
    readonly count: number;
    readonly merged: readonly number[];
    /** Shards not given to the merge: their schedules were not explored. */
    readonly missing: readonly number[];
  };
}

/** A parsed result file. */
export interface ShardInput {
  readonly file: string;
  readonly result: FuzzResult;
}

type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };
type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first field of `value` missing or of the wrong type, as a message. */
function badField(value: unknown, spec: Record<string, FieldType>, where: string): string | undefined {
  if (!isRecord(value)) return `${where} is not an object`;
  for (const [key, type] of Object.entries(spec)) {
    const field = value[key];
    const actual = Array.isArray(field) ? 'array' : isRecord(field) ? 'object' : typeof field;
    if (actual !== type) return `${where}.${key} is not a${type === 'array' ? 'n' : ''} ${type}`;
  }
  return undefined;
}

const IMPLEMENTATION_FIELDS: Record<string, FieldType> = {
  impl: 'string',
  schedules: 'number',
  scenarios: 'number',
  status: 'string',
  chunks: 'number',
  errors: 'array',
  failingSchedules: 'object',
};
const VIOLATION_FIELDS: Record<string, FieldType> = {
  impl: 'string',
  invariant: 'string',
  message: 'string',
  depth: 'number',
  firstSchedule: 'number',
  token: 'string',
  tasks: 'number',
  operations: 'number',
  alsoBroken: 'array',
};
const ERROR_FIELDS: Record<string, FieldType> = {
  chunk: 'number',
  firstSchedule: 'number',
  lastSchedule: 'number',
  error: 'string',
};

/**
 * Reads one `regsim fuzz --json` output. Checks the shape `merge` relies on, so a truncated or
 * foreign file is refused with the field that is wrong instead of merging into nonsense.
 */
export function parseFuzzResult(text: string): Check<FuzzResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem =
    badField(
      value,
      {
        seed: 'number',
        strategy: 'string',
        schedules: 'number',
        elapsedMs: 'number',
        threads: 'number',
        campaign: 'object',
        implementations: 'array',
        violations: 'array',
      },
      'result',
    ) ?? deepProblem(value as Record<string, unknown>);
  if (problem !== undefined) return { ok: false, error: `not a regsim fuzz --json result: ${problem}` };
  return { ok: true, value: value as unknown as FuzzResult };
}

function deepProblem(result: Record<string, unknown>): string | undefined {
  const campaign = result.campaign as Record<string, unknown>;
  const problem = badField(
    campaign,
    { impls: 'array', strategy: 'string', depth: 'number', seed: 'number', schedules: 'number' },
    'campaign',
  );
  if (problem !== undefined) return problem;
  const shard = result.shard;
  if (shard !== null) {
    const bad = badField(shard, { index: 'number', count: 'number' }, 'shard');
    if (bad !== undefined) return bad;
  }
  const implementations = result.implementations as unknown[];
  for (const [i, impl] of implementations.entries()) {
    const bad = badField(impl, IMPLEMENTATION_FIELDS, `implementations[${i}]`);
    if (bad !== undefined) return bad;
    for (const [j, error] of ((impl as Record<string, unknown>).errors as unknown[]).entries()) {
      const badError = badField(error, ERROR_FIELDS, `implementations[${i}].errors[${j}]`);
      if (badError !== undefined) return badError;
    }
  }
  for (const [i, violation] of (result.violations as unknown[]).entries()) {
    const bad = badField(violation, VIOLATION_FIELDS, `violations[${i}]`);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** The first field where two campaign identities differ, as `field: a vs b`. */
function identityDifference(a: CampaignIdentity, b: CampaignIdentity): string | undefined {
  for (const key of ['impls', 'strategy', 'depth', 'seed', 'schedules'] as const) {
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
    ...(confidences.length === 0
      ? {}
      : {
          confidence: pctConfidence(
            Math.max(...confidences.map((c) => c.tasks)),
            Math.max(...confidences.map((c) => c.steps)),
            depth,
            schedules,
          ),
        }),
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
  return {
    ok: true,
    value: {
      ok: violations.length === 0,
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
        missing: Array.from({ length: count }, (_, i) => i + 1).filter((i) => !merged.includes(i)),
      },
      implementations,
      violations,
    },
  };
}

/** One line for a chunk that did not complete. */
export function describeChunkError(e: ChunkError): string {
  return `chunk ${e.chunk} (schedules ${e.firstSchedule}–${e.lastSchedule}) did not complete: ${e.error}`;
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
    for (const v of result.violations.filter((x) => x.impl === impl.impl)) {
      lines.push(`  ${v.invariant}: ${v.message}`);
      lines.push(`    depth ${v.depth} (preemptions), first hit at schedule ${v.firstSchedule}`);
      lines.push(`    replay: npx regsim replay ${v.token}`);
    }
  }
  lines.push(result.violations.length === 0 ? 'no violations' : `${result.violations.length} violation(s)`);
  return lines;
}

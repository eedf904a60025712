/**
 * The `linearizable` check: the recorded history (setup, concurrent tasks and post part) must
 * have an order consistent with real time in which every result equals the sequential
 * specification's. Pending operations (a deadlocked or cut-off run) may or may not have acted.
 */
import type { Violation } from '../../src/invariants/index.ts';
import {
  describeOperation,
  describeResult,
  type Operation,
  type OpResult,
} from '../../src/spec/operations.ts';
import type { SpecVariant } from '../../src/spec/sequentialSpec.ts';
import { checkOperations } from '../linearizability/checker.ts';
import type { Op } from '../linearizability/model.ts';
import { registryModel } from '../linearizability/models/registry.ts';
import {
  hashOperation,
  hashOutput,
  hashString,
  mix,
  sameOperation,
  sameOutput,
} from '../linearizability/models/registryContent.ts';
import type { OperationRecord } from '../scenario/execute.ts';

const MAX_SEARCH_STEPS = 2_000_000;

const models = { upsert: registryModel('upsert'), split: registryModel('split') };

/** Client numbers: the setup, each concurrent task, and the post part are distinct clients. */
export function clientOf(record: OperationRecord): number {
  if (record.phase === 'setup') return 0;
  if (record.phase === 'post') return 1;
  return 2 + record.taskIndex;
}

/**
 * Verdicts by history. Many schedules of one scenario record the same history (same results in
 * the same real-time order), and the search is the costliest check, so each distinct history is
 * searched once. Two histories are the same when they agree on everything the verdict and its
 * message depend on: per record, in order, the task, the operation (workers by content), the
 * result or that it is pending, and which records returned before it was called (linearizability
 * depends on real time only through that order). They are hashed and compared as they are, with
 * no key string built: the fuzzer checks every schedule.
 */
interface KnownHistory {
  readonly variant: SpecVariant;
  readonly tasks: readonly string[];
  readonly ops: readonly Operation[];
  /** `result ?? null` per record, or undefined while it is pending. */
  readonly results: readonly (OpResult | undefined)[];
  readonly before: Uint32Array;
  readonly verdict: Violation[];
  /** What later checks of the same history remember about it, by their own key (`final-state`'s quiescent states). */
  readonly memo: Map<string, unknown>;
}

const verdicts = new Map<number, KnownHistory[]>();
let cachedHistories = 0;
const VERDICT_CACHE_LIMIT = 20_000;

function resultOf(record: OperationRecord): OpResult | undefined {
  return record.ret === undefined ? undefined : (record.result ?? null);
}

/** Scratch space for the history being checked; a cached history keeps a copy. */
let scratch = new Uint32Array(64);
let rets = new Float64Array(32);

/**
 * The real-time order as bitsets, one row of `ceil(n / 32)` words per record: bit j of row i is
 * set when record j returned before record i was called. Written into `scratch`; returns the
 * number of words used.
 */
function returnedBefore(history: readonly OperationRecord[]): number {
  const n = history.length;
  const words = (n + 31) >>> 5;
  const size = n * words;
  if (scratch.length < size) scratch = new Uint32Array(size * 2);
  if (rets.length < n) rets = new Float64Array(n * 2);
  scratch.fill(0, 0, size);
  for (let j = 0; j < n; j++) rets[j] = history[j]!.ret ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const call = history[i]!.call;
    const row = i * words;
    for (let j = 0; j < n; j++) if (rets[j]! < call) scratch[row + (j >>> 5)]! |= 1 << (j & 31);
  }
  return size;
}

function hashHistory(history: readonly OperationRecord[], size: number, variant: SpecVariant): number {
  let h = hashString(variant);
  for (const r of history) {
    h = mix(h, hashString(r.task));
    h = mix(h, hashOperation(r.op));
    h = mix(h, hashOutput(resultOf(r)));
  }
  for (let w = 0; w < size; w++) h = mix(h, scratch[w]!);
  return h;
}

function sameHistory(
  known: KnownHistory,
  history: readonly OperationRecord[],
  size: number,
  variant: SpecVariant,
): boolean {
  if (known.variant !== variant || known.tasks.length !== history.length) return false;
  for (let w = 0; w < size; w++) if (known.before[w] !== scratch[w]) return false;
  for (let i = 0; i < history.length; i++) {
    const r = history[i]!;
    if (known.tasks[i] !== r.task || !sameOutput(known.results[i], resultOf(r))) return false;
    if (!sameOperation(known.ops[i]!, r.op)) return false;
  }
  return true;
}

/** The linearizability violations of `history`, and a memo that lives as long as its cached verdict. */
export interface HistoryVerdict {
  readonly violations: Violation[];
  readonly memo: Map<string, unknown>;
}

export function checkLinearizable(history: readonly OperationRecord[], variant: SpecVariant): Violation[] {
  return linearizabilityOf(history, variant).violations;
}

/**
 * Checks `history` once per distinct history: the same tasks, operations and results in the
 * same real-time order are searched once, and share one memo.
 */
export function linearizabilityOf(history: readonly OperationRecord[], variant: SpecVariant): HistoryVerdict {
  const size = returnedBefore(history);
  const hash = hashHistory(history, size, variant);
  const bucket = verdicts.get(hash);
  if (bucket !== undefined) {
    for (const known of bucket)
      if (sameHistory(known, history, size, variant)) return { violations: known.verdict, memo: known.memo };
  }
  const before = scratch.slice(0, size);
  const found = searchLinearization(history, variant);
  if (cachedHistories >= VERDICT_CACHE_LIMIT) {
    verdicts.clear();
    cachedHistories = 0;
  }
  const known: KnownHistory = {
    variant,
    tasks: history.map((r) => r.task),
    ops: history.map((r) => r.op),
    results: history.map(resultOf),
    before,
    verdict: found,
    memo: new Map(),
  };
  const current = verdicts.get(hash);
  if (current === undefined) verdicts.set(hash, [known]);
  else current.push(known);
  cachedHistories++;
  return { violations: found, memo: known.memo };
}

function searchLinearization(history: readonly OperationRecord[], variant: SpecVariant): Violation[] {
  const ops: Op<Operation, OpResult>[] = history.map((r) =>
    r.ret === undefined
      ? { client: clientOf(r), input: r.op, call: r.call }
      : { client: clientOf(r), input: r.op, call: r.call, output: r.result ?? null, ret: r.ret },
  );
  const verdict = checkOperations(models[variant], ops, { maxSteps: MAX_SEARCH_STEPS });
  if (verdict.verdict !== 'illegal') return [];
  const name = (op: Op<Operation, OpResult>) => {
    const record = history[ops.indexOf(op)]!;
    const result = op.output === undefined ? '?' : describeResult(op.output);
    return `${record.task}: ${describeOperation(op.input)} ⇒ ${result}`;
  };
  const prefix = verdict.longestPrefix.map(name).join('; ');
  return [
    {
      invariant: 'linearizable',
      message: `no linearization: ${name(verdict.blocked)} cannot follow [${prefix}]`,
    },
  ];
}

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
import type { OperationRecord } from '../scenario/execute.ts';

const MAX_SEARCH_STEPS = 2_000_000;

const models = { upsert: registryModel('upsert'), split: registryModel('split') };

/** Client numbers: the setup, each concurrent task, and the post part are distinct clients. */
function clientOf(record: OperationRecord): number {
  if (record.phase === 'setup') return 0;
  if (record.phase === 'post') return 1;
  return 2 + record.taskIndex;
}

/**
 * Verdicts by history. Many schedules of one scenario record the same history (same results in
 * the same real-time order), and the search is the costliest check, so each distinct history is
 * searched once. The key holds everything the verdict and its message depend on.
 */
const verdicts = new Map<string, Violation[]>();
const VERDICT_CACHE_LIMIT = 20_000;

function historyKey(history: readonly OperationRecord[], variant: SpecVariant): string {
  // Linearizability depends on the real-time order only through "returned before called":
  // each operation is keyed with the operations that precede it in that order.
  const parts = history.map((r) => {
    const before: number[] = [];
    history.forEach((q, j) => {
      if (q.ret !== undefined && q.ret < r.call) before.push(j);
    });
    const worker = 'worker' in r.op ? JSON.stringify(r.op.worker) : '';
    const result = r.ret === undefined ? '?' : JSON.stringify(r.result ?? null);
    return `${r.task}|${describeOperation(r.op)}|${worker}|${result}|${before.join(',')}`;
  });
  return `${variant}\n${parts.join('\n')}`;
}

export function checkLinearizable(history: readonly OperationRecord[], variant: SpecVariant): Violation[] {
  const key = historyKey(history, variant);
  const cached = verdicts.get(key);
  if (cached !== undefined) return cached;
  const found = searchLinearization(history, variant);
  if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.clear();
  verdicts.set(key, found);
  return found;
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

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

export function checkLinearizable(history: readonly OperationRecord[], variant: SpecVariant): Violation[] {
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

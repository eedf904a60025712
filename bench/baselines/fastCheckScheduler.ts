/**
 * The baseline a user would pick instead of regsim's scheduler: fast-check's `fc.scheduler()`
 * driving the same registry and scenario. Every instrumented step becomes a promise whose
 * resolution the fast-check scheduler orders; histories are recorded and checked exactly as
 * regsim checks its own runs (invariants at quiescence and linearizability).
 */
import type fc from 'fast-check';
import { checkLinearizable } from '../../sim/checks/linearizable.ts';
import type { OperationRecord, Phase } from '../../sim/scenario/execute.ts';
import { type Bindings, performOperation, resolveOperation } from '../../sim/scenario/operations.ts';
import type { Scenario, ScenarioOp } from '../../sim/scenario/types.ts';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { checkStructure, type Violation } from '../../src/invariants/index.ts';
import { plainSuspension, type Runtime } from '../../src/memory/runtime.ts';
import type { Implementation } from '../../src/types.ts';

/** A runtime whose steps are fast-check scheduled promises. */
function fastCheckRuntime(s: fc.Scheduler): Runtime {
  return {
    simulated: false,
    ids: createSequentialIds(),
    step: () => s.schedule(Promise.resolve()).then(() => undefined),
    note: () => {},
    suspend: plainSuspension,
  };
}

export interface FastCheckRun {
  readonly violations: Violation[];
  readonly history: readonly OperationRecord[];
}

/** Runs `scenario` on `impl` with fast-check choosing the interleaving, checked like regsim's runs. */
export async function runUnderFastCheck(
  scenario: Scenario,
  impl: Implementation,
  s: fc.Scheduler,
): Promise<FastCheckRun> {
  const registry = impl.create(fastCheckRuntime(s));
  const bindings: Bindings = new Map();
  const history: OperationRecord[] = [];
  let clock = 0;
  const client = async (phase: Phase, task: string, taskIndex: number, ops: readonly ScenarioOp[]) => {
    for (const step of ops) {
      const op = resolveOperation(scenario, step, bindings);
      const record: OperationRecord = { phase, task, taskIndex, op, call: ++clock, callStep: 0 };
      history.push(record);
      const result = await performOperation(registry, op);
      record.ret = ++clock;
      record.result = result;
      if ('as' in step && step.as !== undefined && typeof result === 'string') bindings.set(step.as, result);
    }
  };
  await s.waitFor(client('setup', 'setup', 0, scenario.setup));
  await s.waitFor(Promise.all(scenario.tasks.map((t, i) => client('tasks', t.name, i, t.ops))));
  await s.waitFor(client('post', 'post', 0, scenario.post));
  return {
    violations: [...checkStructure(registry.inspect()), ...checkLinearizable(history, impl.api)],
    history,
  };
}

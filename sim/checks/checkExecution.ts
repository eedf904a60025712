/**
 * Every check of one schedule: how the run ended (deadlock, step limit, crash), the structural
 * invariants and the change stream at quiescence, linearizability of the history, and the
 * quiescent state against the specification's for a linearization.
 */
import { checkEventOrder } from '../../src/invariants/eventOrder.ts';
import { checkStructure, type Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Execution, Phase } from '../scenario/execute.ts';
import type { PhaseOutcome } from '../scheduler/types.ts';
import { finalStateVerdict, finalStateViolation } from './finalState.ts';
import { linearizabilityOf } from './linearizable.ts';

export function checkExecution(execution: Execution, impl: Implementation): Violation[] {
  const violations: Violation[] = [];
  for (const [phase, outcome] of Object.entries(execution.phases) as [
    Phase,
    NonNullable<Execution['phases'][Phase]>,
  ][]) {
    if (outcome.status === 'deadlock') {
      violations.push({
        invariant: 'deadlock',
        message: `${phase}: no task can run; waiting: ${waiting(outcome)}`,
      });
    } else if (outcome.status === 'step-limit') {
      violations.push({
        invariant: 'step-limit',
        message: `${phase}: still running after ${outcome.steps} steps: ${waiting(outcome)}`,
      });
    } else if (outcome.status === 'escaped') {
      violations.push({
        invariant: 'crash',
        message: `${phase}: a task awaited something outside the scheduler's control: ${waiting(outcome)}`,
      });
    }
    for (const [task, error] of outcome.errors) {
      const message = error instanceof Error ? error.message : String(error);
      violations.push({ invariant: 'crash', message: `${phase}: task ${task} threw: ${message}` });
    }
  }
  if (execution.fault !== undefined) {
    const { call, problem } = execution.fault;
    violations.push({ invariant: 'crash', message: `${call} ${problem}` });
  }
  if (execution.quiescent) {
    try {
      for (const v of checkStructure(execution.snapshot)) violations.push(v);
      if (execution.events !== undefined)
        for (const v of checkEventOrder(execution.events, execution.snapshot)) violations.push(v);
    } catch (error) {
      // The snapshot has the right shape but its contents are not what the invariants read.
      const message = error instanceof Error ? error.message : String(error);
      violations.push({
        invariant: 'crash',
        message: `inspect() returned a snapshot the invariants cannot read: ${message}`,
      });
    }
  }
  const { violations: linearizable, memo } = linearizabilityOf(execution.history, impl.api);
  for (const v of linearizable) violations.push(v);
  if (execution.quiescent && linearizable.length === 0) {
    if (finalStateVerdict(execution.history, impl.api, execution.snapshot, memo) === 'illegal')
      violations.push(finalStateViolation(execution.snapshot));
  }
  return violations;
}

/** The tasks a phase left unfinished and where each waits (built only for a phase that did not finish). */
function waiting(outcome: PhaseOutcome): string {
  return outcome.unfinished.map((c) => `${c.name} at ${c.label}`).join(', ');
}

/**
 * Every check of one schedule: how the run ended (deadlock, step limit, crash), the structural
 * invariants at quiescence, and linearizability of the history.
 */
import { checkStructure, type Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Execution, Phase } from '../scenario/execute.ts';
import { checkLinearizable } from './linearizable.ts';

export interface CheckOptions {
  /** Check linearizability (default true). */
  readonly linearizability?: boolean;
}

export function checkExecution(
  execution: Execution,
  impl: Implementation,
  options: CheckOptions = {},
): Violation[] {
  const violations: Violation[] = [];
  for (const [phase, outcome] of Object.entries(execution.phases) as [
    Phase,
    NonNullable<Execution['phases'][Phase]>,
  ][]) {
    const waiting = outcome.unfinished.map((c) => `${c.name} at ${c.label}`).join(', ');
    if (outcome.status === 'deadlock') {
      violations.push({ invariant: 'deadlock', message: `${phase}: no task can run; waiting: ${waiting}` });
    } else if (outcome.status === 'step-limit') {
      violations.push({
        invariant: 'step-limit',
        message: `${phase}: still running after ${outcome.steps} steps: ${waiting}`,
      });
    } else if (outcome.status === 'escaped') {
      violations.push({
        invariant: 'crash',
        message: `${phase}: a task awaited something outside the scheduler's control: ${waiting}`,
      });
    }
    for (const [task, error] of outcome.errors) {
      const message = error instanceof Error ? error.message : String(error);
      violations.push({ invariant: 'crash', message: `${phase}: task ${task} threw: ${message}` });
    }
  }
  if (execution.quiescent) violations.push(...checkStructure(execution.snapshot));
  if (options.linearizability !== false) violations.push(...checkLinearizable(execution.history, impl.api));
  return violations;
}

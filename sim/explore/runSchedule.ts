/** Runs and checks one schedule of a scenario, and records it as a replayable schedule. */
import type { Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import { checkExecution } from '../checks/checkExecution.ts';
import { type ExecuteOptions, type Execution, executeScenario } from '../scenario/execute.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ScheduleStep } from '../schedule/types.ts';
import type { Chooser } from '../scheduler/types.ts';

export interface ScheduleRun {
  readonly execution: Execution;
  readonly violations: readonly Violation[];
  /** The concurrent phase's steps by task name and label (what a token stores). */
  readonly schedule: readonly ScheduleStep[];
  /** Steps where a runnable task was switched away from: the bug's depth when minimal. */
  readonly preemptions: number;
}

export async function runSchedule(
  scenario: Scenario,
  impl: Implementation,
  chooser: Chooser,
  options?: ExecuteOptions,
): Promise<ScheduleRun> {
  const execution = await executeScenario(scenario, impl, chooser, options);
  const trace = execution.phases.tasks?.trace ?? [];
  const schedule: ScheduleStep[] = [];
  let preemptions = 0;
  for (const e of trace) {
    schedule.push({ task: scenario.tasks[e.task]!.name, label: e.label });
    if (e.preemption) preemptions++;
  }
  return { execution, violations: checkExecution(execution, impl), schedule, preemptions };
}

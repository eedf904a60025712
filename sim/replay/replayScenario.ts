/** Runs a scenario's scripted schedule on one implementation and checks the result. */
import type { Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import { checkExecution } from '../checks/checkExecution.ts';
import { type Execution, executeScenario } from '../scenario/execute.ts';
import type { Scenario } from '../scenario/types.ts';
import { createScriptedChooser } from '../scheduler/scriptedChooser.ts';
import { createReplayStrategy } from '../strategies/replay.ts';
import type { ReplayToken } from './token.ts';

/** Where a replay could not follow its schedule, in words. */
export interface ReplayDivergence {
  readonly step: number;
  readonly wanted: string;
  readonly ran: string;
  readonly text: string;
}

export interface ReplayOutcome {
  readonly execution: Execution;
  readonly violations: readonly Violation[];
  readonly divergences: readonly ReplayDivergence[];
}

/** Replays a scenario file's scripted schedule. */
export async function replayScenario(scenario: Scenario, impl: Implementation): Promise<ReplayOutcome> {
  const chooser = createScriptedChooser(scenario.schedule ?? []);
  const execution = await executeScenario(scenario, impl, chooser);
  return {
    execution,
    violations: checkExecution(execution, impl),
    divergences: chooser.divergences.map((d) => ({
      ...d,
      text: `the script names ${d.wanted}, which cannot run; ran ${d.ran}`,
    })),
  };
}

/** Replays a token's schedule step by step (task and label). */
export async function replayToken(token: ReplayToken, impl: Implementation): Promise<ReplayOutcome> {
  const strategy = createReplayStrategy(token.schedule);
  strategy.beginScenario();
  const chooser = strategy.next({ index: 0, seed: 0, tasks: token.scenario.tasks.length });
  if (chooser === undefined) throw new Error('the replay strategy gave no schedule');
  const execution = await executeScenario(token.scenario, impl, chooser);
  const trace = execution.phases.tasks?.trace ?? [];
  return {
    execution,
    violations: checkExecution(execution, impl),
    divergences: strategy.divergences().map((d) => ({
      step: d.step,
      wanted: d.expected.task,
      ran: token.scenario.tasks[trace[d.step - 1]?.task ?? -1]?.name ?? '?',
      text: `the token expects ${d.expected.task} at ${d.expected.label}, but ${d.expected.task} ${d.actual === 'not runnable' ? 'cannot run' : `is at ${d.actual}`}`,
    })),
  };
}

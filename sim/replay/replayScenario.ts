/** Runs a scenario's scripted schedule on one implementation and checks the result. */
import type { Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import { checkExecution } from '../checks/checkExecution.ts';
import { type Execution, executeScenario } from '../scenario/execute.ts';
import type { Scenario } from '../scenario/types.ts';
import { parseScriptEntry } from '../schedule/codec.ts';
import { createFollower } from '../schedule/follow.ts';
import type { Divergence } from '../schedule/types.ts';
import { createReplayStrategy } from '../strategies/replay.ts';
import type { ReplayToken } from './token.ts';

export interface ReplayOutcome {
  readonly execution: Execution;
  readonly violations: readonly Violation[];
  readonly divergences: readonly Divergence[];
}

/** Replays a scenario file's scripted schedule. */
export async function replayScenario(scenario: Scenario, impl: Implementation): Promise<ReplayOutcome> {
  const plan = (scenario.schedule ?? []).map((entry) => parseScriptEntry(entry)!);
  const chooser = createFollower(plan, 'later-in-plan');
  const execution = await executeScenario(scenario, impl, chooser);
  return { execution, violations: checkExecution(execution, impl), divergences: chooser.divergences };
}

/** Replays a token's schedule step by step (task and label). */
export async function replayToken(token: ReplayToken, impl: Implementation): Promise<ReplayOutcome> {
  const strategy = createReplayStrategy(token.schedule);
  strategy.beginScenario();
  const chooser = strategy.next({ index: 0, seed: 0, tasks: token.scenario.tasks.length });
  if (chooser === undefined) throw new Error('the replay strategy gave no schedule');
  const execution = await executeScenario(token.scenario, impl, chooser);
  return { execution, violations: checkExecution(execution, impl), divergences: strategy.divergences() };
}

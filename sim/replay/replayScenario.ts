/** Runs a scenario's scripted schedule on one implementation and checks the result. */
import type { Violation } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import { checkExecution } from '../checks/checkExecution.ts';
import type { ScheduleWatch } from '../explore/watch.ts';
import { type Execution, executeScenario } from '../scenario/execute.ts';
import type { Scenario } from '../scenario/types.ts';
import { followScript } from '../schedule/follow.ts';
import type { Divergence } from '../schedule/types.ts';
import { createReplayStrategy } from '../strategies/replay.ts';
import type { ReplayToken } from './token.ts';

export interface ReplayOutcome {
  readonly execution: Execution;
  readonly violations: readonly Violation[];
  readonly divergences: readonly Divergence[];
}

/** Replays a scenario file's scripted schedule; `watch` sees it as schedule 1 (see {@link replayToken}). */
export async function replayScenario(
  scenario: Scenario,
  impl: Implementation,
  watch?: ScheduleWatch,
): Promise<ReplayOutcome> {
  const follower = followScript(scenario.schedule ?? []);
  const { chooser, options } = watch?.begin(0, follower) ?? { chooser: follower };
  const execution = await executeScenario(scenario, impl, chooser, options);
  return { execution, violations: checkExecution(execution, impl), divergences: follower.divergences };
}

/**
 * Replays a token's schedule step by step (task and label); `watch` sees it as schedule 1 (a
 * supervised worker's heartbeat, or the cap that stops it before a hang).
 */
export async function replayToken(
  token: ReplayToken,
  impl: Implementation,
  watch?: ScheduleWatch,
): Promise<ReplayOutcome> {
  const strategy = createReplayStrategy(token.schedule);
  strategy.beginScenario();
  const given = strategy.next({ index: 0, seed: 0, tasks: token.scenario.tasks.length });
  if (given === undefined) throw new Error('the replay strategy gave no schedule');
  const { chooser, options } = watch?.begin(0, given) ?? { chooser: given };
  const execution = await executeScenario(token.scenario, impl, chooser, options);
  return { execution, violations: checkExecution(execution, impl), divergences: strategy.divergences() };
}

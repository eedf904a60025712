/**
 * `regsim replay` on an implementation that may hang: a supervised worker replays first; then
 * this thread replays (the run is known to finish) for the output. When the worker's replay hung,
 * this thread replays up to just before the hang, and the outcome is that run with a `hang`
 * violation saying where it hung.
 */

import type { Implementation } from '../../src/types.ts';
import { describeHang, hangLocator, hungBeforeTasks, NOT_RUN, ScheduleHangError } from '../explore/hang.ts';
import type { ScheduleWatch } from '../explore/watch.ts';
import { type ReplayOutcome, replayScenario, replayToken } from '../replay/replayScenario.ts';
import type { ReplayToken } from '../replay/token.ts';
import type { Scenario } from '../scenario/types.ts';
import { createSupervisor, type SupervisorOptions } from './supervisor.ts';

/** Replays `token`'s schedule, or else `scenario`'s scripted one, on `impl` under supervision. */
export async function replaySupervised(
  impl: Implementation,
  scenario: Scenario,
  token: ReplayToken | undefined,
  supervision: Omit<SupervisorOptions, 'threads'>,
): Promise<ReplayOutcome> {
  const supervisor = createSupervisor({ ...supervision, threads: 1 });
  const replay = (watch?: ScheduleWatch) =>
    token === undefined ? replayScenario(scenario, impl, watch) : replayToken(token, impl, watch);
  try {
    await supervisor.run({ kind: 'replay', impl: impl.name, token, scenario });
  } catch (error) {
    // Anything else the worker met (a plugin that loads only on the main thread, say) this
    // thread meets again, and reports as it does for any implementation.
    if (!(error instanceof ScheduleHangError)) return replay();
    const point = error.point;
    if (hungBeforeTasks(point)) {
      const { message } = describeHang(scenario, undefined, point);
      return { execution: NOT_RUN, violations: [{ invariant: 'hang', message }], divergences: [] };
    }
    const capped = await replay(hangLocator(point));
    const steps = capped.execution.phases.tasks?.trace ?? [];
    const schedule = steps.map((e) => ({ task: scenario.tasks[e.task]!.name, label: e.label }));
    const { message } = describeHang(scenario, { schedule, execution: capped.execution }, point);
    return { ...capped, violations: [{ invariant: 'hang', message }] };
  } finally {
    await supervisor.close();
  }
  return replay();
}

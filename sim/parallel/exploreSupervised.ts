/**
 * `fuzz --scenario` on an implementation that may hang: a supervised worker first runs the
 * schedules the exploration would explore; then this thread explores exactly those (each known
 * to finish) and shrinks what fails. A schedule that hangs on the worker ends the exploration
 * there with a `hang` finding, after the findings of the schedules before it.
 */
import type { CampaignResult } from '../explore/campaign.ts';
import { exploreScenario, type ScenarioExploreOptions } from '../explore/exploreScenario.ts';
import { ScheduleHangError } from '../explore/hang.ts';
import { createSupervisor, type SupervisorOptions } from './supervisor.ts';

export async function exploreSupervised(
  options: ScenarioExploreOptions,
  supervision: SupervisorOptions,
): Promise<CampaignResult> {
  const supervisor = createSupervisor({ ...supervision, threads: 1 });
  const { impl, clock, ...plain } = options;
  let ran: number;
  try {
    const probe = await supervisor.run({ kind: 'explore', options: { ...plain, impl: impl.name } });
    ran = 'schedules' in probe ? probe.schedules : 0;
  } catch (error) {
    if (error instanceof ScheduleHangError) return exploreScenario({ ...options, hang: error.point });
    // Anything else the worker met (a nondeterministic implementation, say) this thread meets
    // again, and reports as it does for any implementation.
    return exploreScenario(options);
  } finally {
    await supervisor.close();
  }
  return exploreScenario({ ...options, maxSchedules: ran, timeBudgetMs: Number.POSITIVE_INFINITY });
}

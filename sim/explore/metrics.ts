/**
 * What a stream of schedules measured: how many ran and the largest scenario and run seen, which
 * PCT's probability bound needs (tasks n and steps k). A wrapper records it, so no loop that
 * drives a strategy keeps its own counters.
 */
import type { ExploredSchedule } from './run.ts';

/** Counters filled in as schedules pass through {@link measured}. */
export interface ScheduleMetrics {
  schedules: number;
  /** Most concurrent tasks in a scenario explored. */
  maxTasks: number;
  /** Most steps a concurrent phase took. */
  maxSteps: number;
}

export function createMetrics(): ScheduleMetrics {
  return { schedules: 0, maxTasks: 0, maxSteps: 0 };
}

/** Passes `source` through, counting each schedule of a scenario with `tasks` tasks into `metrics`. */
export async function* measured(
  source: AsyncIterable<ExploredSchedule>,
  tasks: number,
  metrics: ScheduleMetrics,
): AsyncGenerator<ExploredSchedule> {
  for await (const schedule of source) {
    metrics.schedules++;
    metrics.maxTasks = Math.max(metrics.maxTasks, tasks);
    metrics.maxSteps = Math.max(metrics.maxSteps, schedule.run.execution.phases.tasks?.steps ?? 0);
    yield schedule;
  }
}

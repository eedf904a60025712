/**
 * How the runner lets someone watch the schedules it runs: a worker thread reports each
 * schedule and step to the thread supervising it (which alone can stop a spinning run), and
 * locating a hang re-runs the hanging schedule with its steps capped just before the hang.
 */
import type { ExecuteOptions } from '../scenario/execute.ts';
import type { Chooser } from '../scheduler/types.ts';

/** How one watched schedule runs. */
export interface WatchedSchedule {
  readonly chooser: Chooser;
  readonly options?: ExecuteOptions;
}

export interface ScheduleWatch {
  /** Schedule `index` (0-based, global) starts under `chooser`; says how to run it. */
  begin(index: number, chooser: Chooser): WatchedSchedule;
}

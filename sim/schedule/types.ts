/**
 * Schedules as data: what the runtime records of a run (a step per row: which task, which atomic
 * operation), what a person writes in a scenario file (`"T1*3"`), and where following one failed.
 */

/** One recorded step: the task (by scenario name) and the label of the operation it took. */
export interface ScheduleStep {
  readonly task: string;
  readonly label: string;
}

/**
 * One entry of a schedule to follow: run `task` for `count` steps (`Infinity`: while it can run),
 * and, when `label` is given, only if that is the step it is about to take.
 */
export interface PlannedStep {
  readonly task: string;
  readonly count: number;
  readonly label?: string;
}

/** A step where a schedule could not be followed, and what ran instead. */
export interface Divergence {
  /** 1-based, like the rows of an interleaving table. */
  readonly step: number;
  /** The task the schedule names at that step. */
  readonly wanted: string;
  /** The task that ran instead (`?` when the run had ended). */
  readonly ran: string;
  /** What went wrong, in words. */
  readonly text: string;
}

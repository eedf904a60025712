/** Types shared by the scheduler, the choosers that drive it and the traces it records. */
import type { NestedAccess } from '../../src/memory/runtime.ts';

/**
 * The access a step makes, as passed to `Runtime.step` (`url_to_id`, `insert`, `U`), for what
 * reasons about which steps commute (POS, racing pairs). Undefined for a step that makes no
 * shared-memory access of its own: a task resuming after a suspension, or starting.
 */
export interface Access {
  readonly target?: string | undefined;
  readonly op?: string | undefined;
  /** The key; `''` or `'*'` for a call on the whole target (`iter`, `len`, a mutex's `lock`). */
  readonly key?: unknown;
  /** Accesses the step makes inside its guard besides this one (`Runtime.step`'s `nested`). */
  readonly nested?: readonly NestedAccess[] | undefined;
}

/** A task that may run next, waiting before the step `label`. */
export interface Candidate extends Access {
  /** Task index, stable for a run (tasks are numbered in spawn order). */
  readonly task: number;
  readonly name: string;
  readonly label: string;
}

/** What a chooser knows when it picks. */
export interface ChoiceContext {
  /** Steps already taken in this phase. */
  readonly step: number;
  /** The task that ran the previous step, or -1 at the start of a phase. */
  readonly previous: number;
}

/**
 * Picks which runnable task takes the next step. Candidates are sorted by task index; the
 * return value is an index into `candidates`.
 */
export interface Chooser {
  choose(candidates: readonly Candidate[], context: ChoiceContext): number;
}

/** One step of an interleaving: which task ran which atomic operation, and what it saw. */
export interface TraceEvent extends Access {
  readonly task: number;
  readonly label: string;
  /** True when the previous step's task could have gone on but another task was picked. */
  readonly preemption: boolean;
  note?: string;
}

/** How a phase ended. */
export type PhaseStatus =
  /** Every task finished. */
  | 'done'
  /** No task runnable while some are unfinished (all parked on locks or mailboxes). */
  | 'deadlock'
  /** The phase took more steps than allowed. */
  | 'step-limit'
  /** A task awaited a promise the scheduler does not control, so the run could not go on. */
  | 'escaped';

export interface PhaseOutcome {
  readonly status: PhaseStatus;
  readonly steps: number;
  readonly trace: readonly TraceEvent[];
  /** Errors thrown by task bodies, by task name. */
  readonly errors: ReadonlyMap<string, unknown>;
  /** Tasks that had not finished when the phase ended (with the step each was waiting at). */
  readonly unfinished: readonly Candidate[];
}

/** A task to run: a name for tables and scripts, and its body. */
export interface TaskSpec {
  readonly name: string;
  readonly body: () => Promise<void>;
}

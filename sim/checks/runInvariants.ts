/**
 * The invariants a run itself can break, besides the structural ones over the registry's state
 * (`src/invariants/`): what `checkExecution` reports, and what the reports and `regsim list` name.
 */
import type { InvariantId, StructuralInvariantId } from '../../src/invariants/types.ts';

/** A run invariant's id. */
export type RunInvariantId = Exclude<InvariantId, StructuralInvariantId>;

// A record rather than a list, so that the compiler flags an invariant id added to `InvariantId`
// but missing here (reports list passing invariants too, so none may be forgotten).
/** Each run invariant with what it means. */
export const RUN_INVARIANTS: Readonly<Record<RunInvariantId, string>> = {
  'event-order': 'I9 event order; events agree with the state changes and the final state',
  linearizable: 'I6/I7 via the sequential specification',
  'final-state': "the quiescent state is the sequential specification's for the linearization found",
  deadlock: 'no task can run while some are unfinished',
  'step-limit': 'the run did not reach quiescence within the step limit',
  crash: 'a task threw or escaped the scheduler, or create()/inspect() failed',
  hang: 'a schedule did not finish within --schedule-timeout',
};

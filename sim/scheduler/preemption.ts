/**
 * What the strategies mean by a preemption (the context switches CHESS counts): the chosen task
 * differs from the one that ran the previous step while that one is still runnable. Switching
 * away from a task that finished or blocked (or at a phase's first step) is free.
 */
import type { Candidate } from './types.ts';

/** Index into `candidates` of the task that goes on without a preemption: `previous` if runnable, else the lowest. */
export function nonPreemptiveDefault(candidates: readonly Candidate[], previous: number): number {
  const index = candidates.findIndex((c) => c.task === previous);
  return Math.max(index, 0);
}

/** True when running `task` next preempts `previous`. */
export function isPreemption(candidates: readonly Candidate[], previous: number, task: number): boolean {
  return task !== previous && candidates.some((c) => c.task === previous);
}

/**
 * A lenient chooser for shrinking: follows a list of task names, one per step; where the named
 * task cannot run, and after the list, it continues non-preemptively (the previous task while it
 * can, else the lowest-numbered one).
 */
import type { Chooser } from '../scheduler/types.ts';

export function followTasks(names: readonly string[]): Chooser {
  return {
    choose(candidates, { step, previous }) {
      const wanted = names[step];
      if (wanted !== undefined) {
        const index = candidates.findIndex((c) => c.name === wanted);
        if (index >= 0) return index;
      }
      const keep = candidates.findIndex((c) => c.task === previous);
      return Math.max(keep, 0);
    },
  };
}

/**
 * A lenient chooser for shrinking: follows a list of task names, one per step; where the named
 * task cannot run, and after the list, it continues non-preemptively (the previous task while it
 * can, else the lowest-numbered one).
 */

import { nonPreemptiveDefault } from '../scheduler/preemption.ts';
import type { Chooser } from '../scheduler/types.ts';

export function followTasks(names: readonly string[]): Chooser {
  return {
    choose(candidates, { step, previous }) {
      const wanted = names[step];
      const index = wanted === undefined ? -1 : candidates.findIndex((c) => c.name === wanted);
      return index >= 0 ? index : nonPreemptiveDefault(candidates, previous);
    },
  };
}

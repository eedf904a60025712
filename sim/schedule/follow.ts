/**
 * The one schedule follower: a chooser that follows a plan (a scenario's script, a token's
 * recorded steps, or the task names a shrinker tries) and records where it could not. Where the
 * planned task cannot run (finished, parked on a lock a fixed version takes) or is about to take
 * another step than the plan's label, the step is a divergence and a substitute runs: for a
 * script, the next runnable task the script names later; otherwise the non-preemptive default.
 * After the plan, the previous task goes on while it can (no preemption).
 */
import { nonPreemptiveDefault } from '../scheduler/preemption.ts';
import type { Candidate, ChoiceContext, Chooser } from '../scheduler/types.ts';
import { parseScriptEntry } from './codec.ts';
import type { Divergence, PlannedStep } from './types.ts';

/** What runs where the plan cannot be followed. */
export type Substitute = 'later-in-plan' | 'non-preemptive';

export interface Follower extends Chooser {
  /** Divergences so far, in step order. */
  readonly divergences: readonly Divergence[];
}

/**
 * How a divergence reads, from the planned step, the label its task was at (undefined when it
 * could not run) and the task that ran instead.
 */
export type DescribeMiss = (planned: PlannedStep, actual: string | undefined, ran: string) => string;

const describeScriptMiss: DescribeMiss = (planned, _actual, ran) =>
  `the script names ${planned.task}, which cannot run; ran ${ran}`;

export function createFollower(
  plan: readonly PlannedStep[],
  substitute: Substitute,
  describe: DescribeMiss = describeScriptMiss,
): Follower {
  const entries = plan.map((p) => ({ planned: p, remaining: p.count }));
  let position = 0;
  const divergences: Divergence[] = [];
  const laterInPlan = (candidates: readonly Candidate[]): number => {
    for (let i = position + 1; i < entries.length; i++) {
      const index = candidates.findIndex((c) => c.name === entries[i]!.planned.task);
      if (index >= 0) return index;
    }
    return 0;
  };
  return {
    divergences,
    choose(candidates: readonly Candidate[], context: ChoiceContext): number {
      while (position < entries.length) {
        const entry = entries[position]!;
        const { planned } = entry;
        const index = candidates.findIndex((c) => c.name === planned.task);
        const found = candidates[index];
        if (found !== undefined && (planned.label === undefined || found.label === planned.label)) {
          if (--entry.remaining <= 0) position++;
          return index;
        }
        if (entry.remaining === Number.POSITIVE_INFINITY) {
          position++;
          continue;
        }
        const chosen =
          substitute === 'later-in-plan'
            ? laterInPlan(candidates)
            : nonPreemptiveDefault(candidates, context.previous);
        const ran = candidates[chosen]!.name;
        divergences.push({
          step: context.step + 1,
          wanted: planned.task,
          ran,
          text: describe(planned, found?.label, ran),
        });
        if (--entry.remaining <= 0) position++;
        return chosen;
      }
      return nonPreemptiveDefault(candidates, context.previous);
    },
  };
}

/** A follower for a scenario file's `schedule` script (entries already validated by the parser). */
export function followScript(script: readonly string[]): Follower {
  return createFollower(
    script.map((entry) => parseScriptEntry(entry)!),
    'later-in-plan',
  );
}

/**
 * A lenient follower for shrinking: one task name per step; where the named task cannot run,
 * and after the list, it goes on non-preemptively.
 */
export function followTasks(names: readonly string[]): Chooser {
  return createFollower(
    names.map((task) => ({ task, count: 1 })),
    'non-preemptive',
  );
}

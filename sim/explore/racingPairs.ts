/**
 * The racing pairs of a minimal counterexample: conflicting steps of different tasks whose order
 * decides the violation. Candidates are the happens-before edges of the trace — for each step,
 * the next step of every other task that conflicts with it (`scheduler/conflicts.ts`) — and a
 * candidate is a racing pair when flipping it makes the violation disappear: the later task's
 * steps up to its conflicting one move to just before the earlier step, and the rest of the
 * schedule is followed by task name as far as the code allows (the lenient follower). This is
 * the explanation a data-race detector gives, with the violation itself as the oracle.
 */
import type { InvariantId } from '../../src/invariants/index.ts';
import type { Implementation } from '../../src/types.ts';
import type { Scenario } from '../scenario/types.ts';
import { followTasks } from '../schedule/follow.ts';
import { conflicts } from '../scheduler/conflicts.ts';
import { runSchedule, type ScheduleRun } from './runSchedule.ts';

/** One step of a racing pair, as the interleaving table shows it. */
export interface RacingStep {
  readonly task: string;
  /** 1-based, like the rows of the interleaving table. */
  readonly step: number;
  readonly label: string;
  /** What the step saw (`→ false`), when it noted anything. */
  readonly note?: string;
}

/** Two conflicting steps whose order decides the violation: `first` ran before `second`. */
export interface RacingPair {
  readonly first: RacingStep;
  readonly second: RacingStep;
}

/** The task names of `names` with the steps of `names[j]`'s task in (i, j] moved before step i. */
function flipped(names: readonly string[], i: number, j: number): string[] {
  const mover = names[j]!;
  const moved = names.slice(i + 1, j + 1).filter((n) => n === mover);
  const kept = names.slice(i, j + 1).filter((n, k) => k === 0 || n !== mover);
  return [...names.slice(0, i), ...moved, ...kept, ...names.slice(j + 1)];
}

export async function findRacingPairs(
  scenario: Scenario,
  impl: Implementation,
  minimal: ScheduleRun,
  invariant: InvariantId,
): Promise<RacingPair[]> {
  if (minimal.preemptions === 0) return [];
  const trace = minimal.execution.phases.tasks?.trace ?? [];
  const names = minimal.schedule.map((s) => s.task);
  const describe = (k: number): RacingStep => {
    const e = trace[k]!;
    return {
      task: names[k]!,
      step: k + 1,
      label: e.label,
      ...(e.note === undefined ? {} : { note: e.note }),
    };
  };
  const pairs: RacingPair[] = [];
  for (let i = 0; i < trace.length; i++) {
    const seen = new Set<number>();
    for (let j = i + 1; j < trace.length; j++) {
      const task = trace[j]!.task;
      if (task === trace[i]!.task || seen.has(task) || !conflicts(trace[i]!, trace[j]!)) continue;
      seen.add(task);
      const run = await runSchedule(scenario, impl, followTasks(flipped(names, i, j)));
      if (!run.violations.some((v) => v.invariant === invariant))
        pairs.push({ first: describe(i), second: describe(j) });
    }
  }
  return pairs;
}

/** A racing pair on one line: `T1 url_to_id.contains_key(U1) → false  ⟂  T2 url_to_id.insert(U1)`. */
export function describeRacingPair(pair: RacingPair): string {
  const side = (s: RacingStep) => `${s.task} ${s.label}${s.note === undefined ? '' : ` ${s.note}`}`;
  return `${side(pair.first)}  ⟂  ${side(pair.second)}`;
}

/**
 * Replays a recorded schedule (Shuttle's `ReplayScheduler`; the record-and-replay of CHESS,
 * Musuvathi et al., "Finding and Reproducing Heisenbugs in Concurrent Programs", OSDI 2008).
 * Steps are followed by task name and step label, not task index, so a schedule recorded on
 * one version can be tried on another: step s runs the task the recording names at s. When that
 * task cannot run, or is about to take a different step than recorded, the divergence is noted
 * and the non-preemptive default runs instead; the recording then goes on at step s+1. After the
 * recording the non-preemptive default runs. Steps in divergences are numbered from 1, like the
 * rows of an interleaving table.
 */

import { nonPreemptiveDefault } from '../scheduler/preemption.ts';
import type { Candidate, ChoiceContext, Chooser } from '../scheduler/types.ts';
import type { ScheduleEnd, Strategy } from './types.ts';

export interface RecordedStep {
  readonly task: string;
  readonly label: string;
}

export interface ReplayDivergence {
  /** The step (1-based) where the recording could not be followed. */
  readonly step: number;
  readonly expected: RecordedStep;
  /** The step the named task was about to take, or 'not runnable'. */
  readonly actual: string;
}

export interface ReplayStrategy extends Strategy {
  /** Divergences of the last schedule. */
  divergences(): readonly ReplayDivergence[];
}

export function createReplayStrategy(steps: readonly RecordedStep[]): ReplayStrategy {
  const recording = [...steps];
  let given = false;
  let runs = 0;
  let found: ReplayDivergence[] = [];

  const chooser = (): Chooser => ({
    choose(candidates: readonly Candidate[], context: ChoiceContext): number {
      const expected = recording[context.step];
      if (expected === undefined) return nonPreemptiveDefault(candidates, context.previous);
      const index = candidates.findIndex((c) => c.name === expected.task);
      const actual = candidates[index];
      if (actual !== undefined && actual.label === expected.label) return index;
      found.push({ step: context.step + 1, expected, actual: actual?.label ?? 'not runnable' });
      return nonPreemptiveDefault(candidates, context.previous);
    },
  });

  return {
    name: 'replay',
    beginScenario() {
      given = false;
    },
    next(): Chooser | undefined {
      if (given) return undefined;
      given = true;
      runs++;
      found = [];
      return chooser();
    },
    done(end: ScheduleEnd) {
      // A run that ends before the recording does could not take the rest of it.
      const expected = recording[end.steps];
      if (expected !== undefined) found.push({ step: end.steps + 1, expected, actual: 'not runnable' });
    },
    divergences: () => found,
    describe() {
      const of = `replay of ${recording.length} step${recording.length === 1 ? '' : 's'}`;
      if (runs === 0) return `${of}: not run yet`;
      const first = found[0];
      if (first === undefined) return `${of}: followed exactly`;
      const { step, expected, actual } = first;
      return (
        `${of}: ${found.length} divergence${found.length === 1 ? '' : 's'}, first at step ${step} ` +
        `(expected ${expected.task} ${expected.label}, ${expected.task} ${actual === 'not runnable' ? 'was not runnable' : `was about to ${actual}`})`
      );
    },
  };
}

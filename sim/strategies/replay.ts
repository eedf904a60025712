/**
 * Replays a recorded schedule (Shuttle's `ReplayScheduler`; the record-and-replay of CHESS,
 * Musuvathi et al., "Finding and Reproducing Heisenbugs in Concurrent Programs", OSDI 2008).
 * Steps are followed by task name and step label, not task index, so a schedule recorded on
 * one version can be tried on another: step s runs the task the recording names at s. When that
 * task cannot run, or is about to take a different step than recorded, the divergence is noted
 * and the non-preemptive default runs instead; the recording then goes on at step s+1 (the
 * follower in `sim/schedule/follow.ts`). A run that ends before the recording does diverges too.
 */
import { planOf } from '../schedule/codec.ts';
import { createFollower, type DescribeMiss, type Follower } from '../schedule/follow.ts';
import type { Divergence, ScheduleStep } from '../schedule/types.ts';
import type { ScheduleEnd, Strategy } from './types.ts';

export interface ReplayStrategy extends Strategy {
  /** Divergences of the last schedule. */
  divergences(): readonly Divergence[];
}

const describeMiss: DescribeMiss = (planned, actual) =>
  `the token expects ${planned.task} at ${planned.label}, but ${planned.task} ${actual === undefined ? 'cannot run' : `is at ${actual}`}`;

export function createReplayStrategy(steps: readonly ScheduleStep[]): ReplayStrategy {
  const recording = [...steps];
  let given = false;
  let runs = 0;
  let follower: Follower | undefined;
  let ended: Divergence[] = [];
  const found = (): readonly Divergence[] => [...(follower?.divergences ?? []), ...ended];

  return {
    name: 'replay',
    beginScenario() {
      given = false;
    },
    next() {
      if (given) return undefined;
      given = true;
      runs++;
      ended = [];
      follower = createFollower(planOf(recording), 'non-preemptive', describeMiss);
      return follower;
    },
    done(end: ScheduleEnd) {
      // A run that ends before the recording does could not take the rest of it.
      const expected = recording[end.steps];
      if (expected === undefined) return;
      const planned = { task: expected.task, count: 1, label: expected.label };
      ended = [
        { step: end.steps + 1, wanted: expected.task, ran: '?', text: describeMiss(planned, undefined, '?') },
      ];
    },
    divergences: found,
    describe() {
      const of = `replay of ${recording.length} step${recording.length === 1 ? '' : 's'}`;
      if (runs === 0) return `${of}: not run yet`;
      const all = found();
      const first = all[0];
      if (first === undefined) return `${of}: followed exactly`;
      return `${of}: ${all.length} divergence${all.length === 1 ? '' : 's'}, first at step ${first.step} (${first.text})`;
    },
  };
}

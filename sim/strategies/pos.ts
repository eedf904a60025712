/**
 * POS, partial order sampling: Yuan, Yang & Gu, "Partial Order Aware Concurrency Sampling", CAV
 * 2018.
 *
 * A uniform random walk samples interleavings, but many interleavings are the same partial order
 * (they only reorder steps that commute), so orders that need several conflicting steps to line
 * up in a row are rare. POS samples partial orders more evenly. Every pending step (the step a
 * runnable task waits before) has a random priority, and the highest-priority candidate runs.
 * After a step runs, every other pending step that conflicts with it gets a fresh random priority
 * (the paper's reset): whether it goes before or after the *next* conflicting step is decided
 * afresh, as if it had just arrived, instead of being fixed by a priority drawn long before. A
 * task's new pending step (after it ran, or when it is woken) gets a fresh random priority too.
 * The reset is applied when the step is chosen rather than after it ran: the candidates announce
 * their accesses, so the result is the same.
 *
 * It pays off when tasks take many steps that commute: for one task to run k independent steps
 * ahead of another, a random walk needs luck at each of them (2^−k with two tasks), POS only needs
 * the waiting step's priority to stay below k fresh ones (1/(k+1)). It does not when a bug needs a
 * tight order of conflicting steps on one entry (R0's fabricated-id branch: five accesses of
 * `url_to_id[U]` in one order): every reset gives the waiting write a new chance to jump ahead,
 * and a random walk does as well or better.
 *
 * Each schedule draws from `createPrng(start.seed)`, so a schedule replays from its seed as
 * `random`'s do; a finding replays from its token like any other, since tokens record the steps.
 */
import type { Prng } from '../../src/determinism/prng.ts';
import { conflicts } from '../scheduler/conflicts.ts';
import type { Candidate, Chooser } from '../scheduler/types.ts';
import { createSamplingStrategy, type SamplingOptions } from './sampling.ts';
import type { Strategy } from './types.ts';

export type PosOptions = SamplingOptions;

export function createPosStrategy(options: PosOptions = {}): Strategy {
  return createSamplingStrategy('pos', 'POS', options, createPosChooser);
}

/** One schedule's chooser: the priority of each task's pending step, drawn from `prng`. */
export function createPosChooser(prng: Prng): Chooser {
  // By task index; undefined means the task's pending step is new and has no priority yet. A
  // runnable task's pending step changes only when it runs (or, once blocked, is woken), and
  // both start from the choice that picked it, so clearing its priority there is enough.
  const priority: (number | undefined)[] = [];
  return {
    choose(candidates: readonly Candidate[]): number {
      let best = 0;
      let highest = -1;
      for (let i = 0; i < candidates.length; i++) {
        const task = candidates[i]!.task;
        const p = priority[task] ?? prng.nextFloat();
        priority[task] = p;
        if (p > highest) {
          highest = p;
          best = i;
        }
      }
      const chosen = candidates[best]!;
      for (const other of candidates)
        if (other !== chosen && conflicts(chosen, other)) priority[other.task] = prng.nextFloat();
      priority[chosen.task] = undefined;
      return best;
    },
  };
}

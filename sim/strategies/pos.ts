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
import type { Candidate, Chooser } from '../scheduler/types.ts';
import { createSamplingStrategy, type SamplingOptions } from './sampling.ts';
import type { Strategy } from './types.ts';

export type PosOptions = SamplingOptions;

/**
 * Operations that only read their target. A conservative list: an operation not named here
 * counts as a write, so a missing name only costs extra resets, never a missed conflict. From
 * `SharedMap` (`get`, `contains_key`, `iter`, `len`) and the actor registry's `SharedIndex` (its
 * one-step reads).
 */
const READS: ReadonlySet<string> = new Set([
  'get',
  'contains_key',
  'iter',
  'len',
  'ring_lookup',
  'lookup_id',
  'get_by_url',
  'get_by_model',
  'get_by_type',
  'get_by_connection',
]);

/**
 * Operations that touch their whole target whatever key they name. `SharedIndex.commit` is keyed
 * by URL for the trace, but it rewrites model slices, rings and lists that other URLs share, and
 * the index's reads are keyed by id, model, type or mode, so only "everything" is safe.
 */
const WHOLE_TARGET: ReadonlySet<string> = new Set(['commit']);

/**
 * Operations that also write another target, for the same key, under their own target's guard:
 * `rebuild_hash_ring` up to V1113 (`model_index.get+rebuild_hash_ring(m)`) reads the slice and
 * writes `hash_rings[m]` in one step. Not being a read, it also counts as a write of its own target.
 */
const WRITES_UNDER_GUARD: ReadonlyMap<string, string> = new Map([['get+rebuild_hash_ring', 'hash_rings']]);

const isWildcard = (key: unknown) => key === '' || key === '*';

/** Whether two accesses of one target may touch the same entry. */
const sameEntry = (a: Candidate, b: Candidate) =>
  isWildcard(a.key) ||
  isWildcard(b.key) ||
  WHOLE_TARGET.has(a.op!) ||
  WHOLE_TARGET.has(b.op!) ||
  String(a.key) === String(b.key);

/**
 * Whether two pending steps conflict (do not commute): both touch the same entry of a target
 * (the same key, or either is a whole-target call such as `iter`, `len` or a mutex's `lock`) and
 * at least one writes it. A step without an access (a task resuming after a suspension)
 * conflicts with nothing.
 */
export function conflicts(a: Candidate, b: Candidate): boolean {
  if (a.target === undefined || b.target === undefined || a.op === undefined || b.op === undefined)
    return false;
  if (a.target === b.target) return !(READS.has(a.op) && READS.has(b.op)) && sameEntry(a, b);
  return (
    (WRITES_UNDER_GUARD.get(a.op) === b.target || WRITES_UNDER_GUARD.get(b.op) === a.target) &&
    sameEntry(a, b)
  );
}

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

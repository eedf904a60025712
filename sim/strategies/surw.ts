/**
 * SURW, selectively uniform random walk: Zhao, Wolff, Mathur & Roychoudhury, "Selectively Uniform
 * Concurrency Testing", ASPLOS 2025.
 *
 * Why: a random walk picks a runnable task uniformly at each step, which is far from picking an
 * interleaving uniformly. With two tasks of a and b steps, the interleavings where the short task
 * runs last are rare (it gets a coin flip at every one of the long task's steps), so a bug that
 * needs the long task's late step before the short task's is found with probability ~2^−a rather
 * than ~1/(a+1). Running each task with probability proportional to its *remaining* steps (the
 * paper's URW) makes every interleaving equally likely: the chance that task t goes next is then
 * exactly the share of the remaining interleavings that continue with t (a ratio of multinomial
 * coefficients). Most steps, however, cannot race: counting steps on entries no other task
 * touches only dilutes the weights. SURW applies the uniform sampling *selectively*, to the
 * interesting events: here the steps on one shared entry (`sharedSteps.ts`), drawn per schedule
 * with probability proportional to its steps (as the paper's evaluation does for memory
 * addresses), so the order of the accesses of that entry, the order a race on it depends on, is
 * sampled uniformly, whatever the tasks do in between.
 *
 * How, following the paper's scheme and its reference implementation: per scenario, a first run
 * is a plain random walk that profiles the shared entries and each task's steps on them. A later
 * walk draws its entry and starts each task's weight at its count there. Its steps are picked by
 * per-step random priorities (the paper's `pickFrom`): each pending step gets a random priority,
 * kept until it runs, and the highest goes. An uninteresting step so picked runs at once, without
 * being counted. An interesting one runs only if its task is the *intended* one: when none is, it
 * is drawn among the tasks not held back, weighted by remaining count. A task whose interesting
 * step is not the intended one is held back until the intended task has taken its interesting
 * step (its uninteresting steps meanwhile run as picked), and that task's count then drops by
 * one. A task reaching an interesting step with its count at 0 gets weight 1 (the floor), so an
 * underestimate never stops it. Every run refreshes the profile: a newly shared entry joins the
 * draw, and each count becomes the largest seen (an overestimate only delays a task's turn, an
 * underestimate biases against it).
 *
 * Where the model simplifies: the paper moves a child thread's count out of its parent's when it
 * is spawned; here every task is spawned at the start. A task that parks on a lock or finishes
 * while it is the intended one simply stops being intended (the next interesting step draws
 * again), as the reference implementation releases held threads when none can run.
 *
 * `schedulesPerScenario` bounds the schedules per scenario as for the other samplers. With 1 (a
 * campaign over generated scenarios) there is no earlier run to profile from: every schedule is
 * the profiling random walk, and SURW is exactly `random` (the same choices for the same seed).
 * Exploring one fixed scenario (`--scenario`) is where it pays. Each schedule draws from
 * `createPrng(start.seed)` and the runs before it in its scenario, so it replays from its seed
 * given them, and a finding replays from its token like any other.
 */
import { createPrng, type Prng } from '../../src/determinism/prng.ts';
import type { Candidate, Chooser } from '../scheduler/types.ts';
import {
  createSharedStepProfile,
  type SharedEntry,
  type SharedStepProfile,
  type TaskAccess,
} from './sharedSteps.ts';
import type { ScheduleStart, Strategy } from './types.ts';

export interface SurwOptions {
  /** Schedules to run per scenario before `next()` answers undefined (default 1). */
  readonly schedulesPerScenario?: number;
}

export interface SurwStrategy extends Strategy {
  /** The current scenario's shared entries with each task's most steps on them (empty before a profile). */
  shared(): readonly SharedEntry[];
}

export function createSurwStrategy(options: SurwOptions = {}): SurwStrategy {
  const perScenario = options.schedulesPerScenario ?? 1;
  if (!Number.isInteger(perScenario) || perScenario < 1)
    throw new Error(`surw: schedulesPerScenario must be a positive integer (got ${perScenario})`);
  let inScenario = 0;
  let total = 0;
  let profile = createSharedStepProfile();
  let profiled = false;
  /** The executed steps of the last chooser handed out. */
  let recorded: TaskAccess[] = [];

  return {
    name: 'surw',
    beginScenario() {
      inScenario = 0;
      profile = createSharedStepProfile();
      profiled = false;
    },
    next(start: ScheduleStart): Chooser | undefined {
      if (inScenario >= perScenario) return undefined;
      inScenario++;
      total++;
      const steps: TaskAccess[] = [];
      recorded = steps;
      const prng = createPrng(start.seed);
      const pick = profiled ? createSurwPicker(prng, profile) : randomPicker(prng);
      return {
        choose(candidates: readonly Candidate[]) {
          const index = pick(candidates);
          const { task, target, op, key } = candidates[index]!;
          steps.push({ task, target, op, key });
          return index;
        },
      };
    },
    done() {
      profile.add(recorded);
      profiled = true;
    },
    shared: () => (profiled ? profile.shared() : []),
    describe() {
      const runs = `${total} SURW schedule${total === 1 ? '' : 's'}`;
      return profiled ? `${runs}; ${profile.shared().length} shared entries in the last scenario` : runs;
    },
  };
}

type Picker = (candidates: readonly Candidate[]) => number;

/** The profiling walk: `random`'s, draw for draw. */
const randomPicker =
  (prng: Prng): Picker =>
  (candidates) =>
    prng.below(candidates.length);

/** Index of `weights`' entry drawn with probability proportional to it (the sum must be ≥ 1). */
function drawWeighted(prng: Prng, weights: readonly number[]): number {
  let sum = 0;
  for (const w of weights) sum += w;
  let r = prng.below(sum);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * One walk's picker over `profile`: draws the walk's entry, then samples the order of the steps
 * on it uniformly, the other steps by random priorities. Without a shared entry, a walk by
 * random priorities alone.
 */
export function createSurwPicker(prng: Prng, profile: SharedStepProfile): Picker {
  const shared = profile.shared();
  const entry =
    shared.length === 0
      ? undefined
      : shared[
          drawWeighted(
            prng,
            shared.map((e) => e.counts.reduce((a, b) => a + b, 0)),
          )
        ];
  const remaining = entry === undefined ? [] : [...entry.counts];
  // Whether a step is interesting, by its signature.
  const interesting = new Map<string, boolean>();
  const isInteresting = (c: Candidate) => {
    if (entry === undefined) return false;
    const sig = `${c.target}\u0001${c.op}\u0001${String(c.key)}`;
    const known = interesting.get(sig);
    if (known !== undefined) return known;
    const answer = profile.touches(c, entry);
    interesting.set(sig, answer);
    return answer;
  };
  /** The pending step's random priority, by task; undefined once it ran. */
  const priority: (number | undefined)[] = [];
  /** The task whose interesting step goes next, or −1 until one is drawn. */
  let intended = -1;
  /** Tasks held back at an interesting step until the intended task takes its own. */
  const held = new Set<number>();
  const release = () => {
    intended = -1;
    held.clear();
  };

  return (candidates) => {
    // The intended task finished or parked before its interesting step: draw again.
    if (intended >= 0 && !candidates.some((c) => c.task === intended)) release();
    for (;;) {
      let best = -1;
      for (let i = 0; i < candidates.length; i++) {
        const task = candidates[i]!.task;
        if (held.has(task)) continue;
        const p = priority[task] ?? prng.nextFloat();
        priority[task] = p;
        if (best < 0 || p > priority[candidates[best]!.task]!) best = i;
      }
      if (best < 0) {
        release();
        continue;
      }
      const picked = candidates[best]!;
      if (isInteresting(picked)) {
        // The floor: an interesting step always has a chance, whatever the estimate said.
        if ((remaining[picked.task] ?? 0) < 1) remaining[picked.task] = 1;
        if (intended < 0) {
          const eligible = candidates.filter((c) => !held.has(c.task));
          intended =
            eligible[
              drawWeighted(
                prng,
                eligible.map((c) => remaining[c.task] ?? 0),
              )
            ]!.task;
        }
        if (picked.task !== intended) {
          held.add(picked.task);
          continue;
        }
        remaining[picked.task]!--;
        release();
      }
      priority[picked.task] = undefined;
      return best;
    }
  };
}

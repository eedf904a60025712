/**
 * PCT, probabilistic concurrency testing: Burckhardt, Kothari, Musuvathi & Nagarakatte, "A
 * Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010.
 *
 * Each schedule gives the n tasks distinct random priorities d..d+n−1 and picks d−1 distinct
 * change points k_1..k_{d−1} uniformly in [1, k], k being the estimated number of steps. The
 * highest-priority runnable task always runs; when step number k_j is about to be taken (steps
 * are numbered from 1, so step number = `context.step + 1`), the task that would take it drops to
 * priority j−1, below every initial priority, and the highest-priority runnable task runs
 * instead. A bug of depth d is then found by one schedule with probability ≥ 1/(n·k^(d−1))
 * (`pctBound`). The estimate k starts at `initialSteps` and becomes the largest step count seen;
 * it carries over from scenario to scenario, as do the maxima `observed()` reports.
 */
import { createPrng, type Prng } from '../../src/determinism/prng.ts';
import type { Candidate, ChoiceContext, Chooser } from '../scheduler/types.ts';
import type { ScheduleEnd, ScheduleStart, Strategy } from './types.ts';

export interface PctOptions {
  /** The bug depth d to target (≥ 1): d−1 priority change points per schedule. */
  readonly depth: number;
  /** Schedules to run per scenario before `next()` answers undefined. */
  readonly schedulesPerScenario?: number;
  /** The step estimate k before any schedule has reported its length. */
  readonly initialSteps?: number;
}

export interface PctStrategy extends Strategy {
  /** The largest task count n and step count k seen so far (0 before any schedule). */
  observed(): { tasks: number; steps: number };
}

/** The paper's lower bound on the chance that one schedule finds a bug of depth d. */
export function pctBound(n: number, k: number, d: number): number {
  return 1 / (n * k ** (d - 1));
}

export function createPctStrategy(options: PctOptions): PctStrategy {
  const { depth } = options;
  const perScenario = options.schedulesPerScenario ?? 1;
  const initialSteps = options.initialSteps ?? 50;
  if (!Number.isInteger(depth) || depth < 1)
    throw new Error(`pct: depth must be an integer ≥ 1 (got ${depth})`);
  if (!Number.isInteger(perScenario) || perScenario < 1)
    throw new Error(`pct: schedulesPerScenario must be a positive integer (got ${perScenario})`);
  if (!Number.isInteger(initialSteps) || initialSteps < 1)
    throw new Error(`pct: initialSteps must be a positive integer (got ${initialSteps})`);
  let inScenario = 0;
  let total = 0;
  let maxTasks = 0;
  let maxSteps = 0;
  const estimate = () => (maxSteps > 0 ? maxSteps : initialSteps);

  return {
    name: `pct(${depth})`,
    beginScenario() {
      inScenario = 0;
    },
    next(start: ScheduleStart): Chooser | undefined {
      if (inScenario >= perScenario) return undefined;
      inScenario++;
      total++;
      maxTasks = Math.max(maxTasks, start.tasks);
      return createPctChooser(createPrng(start.seed), start.tasks, depth, estimate());
    },
    done(end: ScheduleEnd) {
      maxSteps = Math.max(maxSteps, end.steps);
    },
    observed: () => ({ tasks: maxTasks, steps: maxSteps }),
    describe() {
      const runs = `${total} schedule${total === 1 ? '' : 's'}`;
      if (maxTasks === 0 || maxSteps === 0) return runs;
      const p = pctBound(maxTasks, maxSteps, depth);
      return `${runs}, n ≤ ${maxTasks} tasks, k ≤ ${maxSteps} steps: each finds a depth-${depth} bug with p ≥ ${p.toPrecision(2)}`;
    },
  };
}

function createPctChooser(prng: Prng, tasks: number, depth: number, steps: number): Chooser {
  // Initial priorities: a random permutation of d..d+n−1 (Fisher–Yates).
  const priorities = Array.from({ length: tasks }, (_, i) => depth + i);
  for (let i = tasks - 1; i > 0; i--) {
    const j = prng.below(i + 1);
    [priorities[i], priorities[j]] = [priorities[j]!, priorities[i]!];
  }
  // Change point j (1-based, in drawing order) lowers to priority j−1.
  const changes = new Map<number, number>();
  sampleDistinct(prng, Math.min(depth - 1, steps), steps).forEach((point, j) => {
    changes.set(point, j);
  });
  // A task the start did not announce ranks below everything (never expected).
  const priority = (task: number) => priorities[task] ?? -1 - task;
  const highest = (candidates: readonly Candidate[]) => {
    let best = 0;
    for (let i = 1; i < candidates.length; i++)
      if (priority(candidates[i]!.task) > priority(candidates[best]!.task)) best = i;
    return best;
  };
  return {
    choose(candidates: readonly Candidate[], context: ChoiceContext): number {
      const lowered = changes.get(context.step + 1);
      if (lowered !== undefined) priorities[candidates[highest(candidates)]!.task] = lowered;
      return highest(candidates);
    },
  };
}

/** `count` distinct integers drawn uniformly from [1, range], in drawing order (sparse Fisher–Yates). */
function sampleDistinct(prng: Prng, count: number, range: number): number[] {
  const moved = new Map<number, number>();
  const drawn: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + prng.below(range - i);
    drawn.push((moved.get(j) ?? j) + 1);
    moved.set(j, moved.get(i) ?? i);
  }
  return drawn;
}

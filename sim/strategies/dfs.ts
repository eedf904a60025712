/**
 * Bounded exhaustive search with iterative preemption bounding: Musuvathi & Qadeer, "Iterative
 * Context Bounding for Systematic Testing of Multithreaded Programs", PLDI 2007 (CHESS).
 *
 * Stateless: a schedule is a path of choices from the root of the scenario's schedule tree, and
 * a node is reached again by re-running the scenario along its path (schedules are deterministic
 * given the scenario). Each run replays a recorded prefix, then extends it with the
 * non-preemptive default; afterwards the search backtracks to the deepest choice point with an
 * untried alternative allowed by the bound.
 *
 * Bounds are searched as in the paper's Algorithm 1 (a work queue per bound), so no schedule
 * runs twice: bound b explores only schedules with exactly b preemptions. An alternative that
 * would make the (b+1)-th preemption is not explored at bound b but queued, as its path, for
 * bound b+1, whose search starts from those paths and again queues the next preemption. A
 * schedule with b preemptions is thus reached once, through its b-th preemption. Switching away
 * from a task that finished or blocked costs nothing, so those choices are explored at every
 * bound. When a bound queues nothing, every schedule of the scenario has been run: the tree is
 * exhausted and the search stops early. Queued paths beyond the remaining schedule budget are
 * dropped (the next bound could not finish anyway), which keeps memory within `maxSchedules`.
 */

import { isPreemption, nonPreemptiveDefault } from '../scheduler/preemption.ts';
import type { Candidate, ChoiceContext, Chooser } from '../scheduler/types.ts';
import { PathReplay, runnableTasks } from './pathReplay.ts';
import type { Strategy } from './types.ts';

export interface DfsOptions {
  /** The last bound searched (default 3). */
  readonly maxPreemptions?: number;
  /** Schedules per scenario after which the search stops (default 100 000). */
  readonly maxSchedules?: number;
}

export interface DfsStrategy extends Strategy {
  /** The largest b such that every schedule with ≤ b preemptions ran, or −1. */
  completedBound(): number;
  /** True when every schedule of the scenario ran (some bound pruned nothing). */
  exhausted(): boolean;
  /** The bound being searched (or last searched). */
  bound(): number;
  /** Schedules run for the current scenario. */
  schedules(): number;
}

/** One choice on a path, linked to the choice before it so queued paths share their prefixes. */
interface Choice {
  readonly task: number;
  /** The runnable tasks and their steps when this choice was made, to detect nondeterminism. */
  readonly runnable: string;
  readonly parent: Choice | undefined;
}

/** A subtree to search: the path to its root and the preemptions along it. */
interface Root {
  readonly path: Choice | undefined;
  readonly preemptions: number;
}

/** A choice point inside the current subtree. */
interface Node {
  choice: Choice;
  /** Preemptions up to and including this choice. */
  preemptions: number;
  /** Alternatives within the bound not yet explored, in candidate order. */
  readonly untried: { task: number; preemptions: number }[];
}

export function createDfsStrategy(options: DfsOptions = {}): DfsStrategy {
  const maxPreemptions = options.maxPreemptions ?? 3;
  const maxSchedules = options.maxSchedules ?? 100_000;
  if (!Number.isInteger(maxPreemptions) || maxPreemptions < 0)
    throw new Error(`dfs: maxPreemptions must be an integer ≥ 0 (got ${maxPreemptions})`);
  if (!Number.isInteger(maxSchedules) || maxSchedules < 1)
    throw new Error(`dfs: maxSchedules must be a positive integer (got ${maxSchedules})`);

  let bound = 0;
  let queue: (Root | undefined)[] = [];
  let queued = 0;
  let nextQueue: Root[] = [];
  /** Some alternative of this bound was left out (queued, dropped, or beyond maxPreemptions). */
  let pruned = false;
  /** Paths for the bound being searched were dropped for lack of budget. */
  let queueTruncated = false;
  let nextTruncated = false;
  let root: Root | undefined;
  let stack: Node[] = [];
  let schedules = 0;
  let completed = -1;
  let isExhausted = false;
  let finished = false;
  let stopped = false;
  let started = false;
  /** Choices the chooser of the last schedule replays. */
  let plan: Choice[] = [];
  const replay = new PathReplay('dfs');

  const reset = () => {
    bound = 0;
    queue = [{ path: undefined, preemptions: 0 }];
    queued = 0;
    nextQueue = [];
    pruned = false;
    queueTruncated = false;
    nextTruncated = false;
    root = undefined;
    stack = [];
    schedules = 0;
    completed = -1;
    isExhausted = false;
    finished = false;
    stopped = false;
    plan = [];
    replay.reset();
    settle();
  };

  /** Takes the next queued subtree when the current one is done, closing bounds as their queues empty. */
  function settle(): void {
    while (root === undefined && !finished) {
      const next = queue[queued];
      if (next !== undefined) {
        queue[queued++] = undefined; // let the searched paths go
        root = next;
        stack = [];
        continue;
      }
      if (queueTruncated) {
        stopped = true;
        finished = true;
        return;
      }
      completed = bound;
      if (!pruned) {
        isExhausted = true;
        finished = true;
      } else if (bound >= maxPreemptions) {
        finished = true;
      } else {
        bound++;
        queue = nextQueue;
        queued = 0;
        nextQueue = [];
        queueTruncated = nextTruncated;
        nextTruncated = false;
        pruned = false;
      }
    }
  }

  function pathOf(last: Choice | undefined): Choice[] {
    const path: Choice[] = [];
    for (let c = last; c !== undefined; c = c.parent) path.push(c);
    return path.reverse();
  }

  function choose(candidates: readonly Candidate[], context: ChoiceContext): number {
    if (replay.divergence !== undefined) return nonPreemptiveDefault(candidates, context.previous);
    const step = context.step;
    replay.ask(step);
    const recorded = plan[step];
    if (recorded !== undefined) return replay.replay(candidates, step, recorded.task, recorded.runnable);
    const runnable = runnableTasks(candidates);
    if (step !== plan.length)
      throw new Error(
        `dfs: a chooser drives one phase, step by step (asked for step ${step + 1} after ${plan.length})`,
      );
    const top = stack[stack.length - 1];
    const before = top !== undefined ? top.preemptions : root!.preemptions;
    const parent = plan[step - 1];
    const chosen = nonPreemptiveDefault(candidates, context.previous);
    const untried: Node['untried'] = [];
    for (const c of candidates) {
      if (c.task === candidates[chosen]!.task) continue;
      const preemptions = before + (isPreemption(candidates, context.previous, c.task) ? 1 : 0);
      if (preemptions <= bound) {
        untried.push({ task: c.task, preemptions });
        continue;
      }
      pruned = true;
      if (bound >= maxPreemptions) continue;
      if (nextQueue.length < maxSchedules - schedules - 1) {
        nextQueue.push({ path: { task: c.task, runnable, parent }, preemptions });
      } else nextTruncated = true;
    }
    const choice: Choice = { task: candidates[chosen]!.task, runnable, parent };
    stack.push({ choice, preemptions: before, untried });
    plan.push(choice);
    return chosen;
  }

  return {
    name: 'dfs',
    beginScenario() {
      started = true;
      reset();
    },
    next(): Chooser | undefined {
      if (!started) {
        started = true;
        reset();
      }
      replay.rethrow();
      if (finished) return undefined;
      if (schedules >= maxSchedules) {
        stopped = true;
        finished = true;
        return undefined;
      }
      const last = stack.length > 0 ? stack[stack.length - 1]!.choice : root!.path;
      plan = pathOf(last);
      replay.begin();
      return { choose };
    },
    done() {
      replay.rethrow();
      if (root === undefined) return;
      replay.finish(plan.length);
      schedules++;
      // Backtrack to the deepest choice point with an untried alternative.
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const alternative = top.untried.shift();
        if (alternative !== undefined) {
          top.choice = { task: alternative.task, runnable: top.choice.runnable, parent: top.choice.parent };
          top.preemptions = alternative.preemptions;
          break;
        }
        stack.pop();
      }
      if (stack.length === 0) root = undefined;
      settle();
    },
    completedBound: () => completed,
    exhausted: () => isExhausted,
    bound: () => bound,
    schedules: () => schedules,
    describe() {
      const runs = `${schedules} schedule${schedules === 1 ? '' : 's'}`;
      const checked = `all schedules with ≤ ${completed} preemption${completed === 1 ? '' : 's'} checked`;
      if (replay.divergence !== undefined) return `stopped: ${replay.divergence.message}`;
      if (isExhausted) return `${checked} (${runs}); the tree is exhausted at bound ${completed}`;
      if (finished && !stopped) return `${checked} (${runs})`;
      const state = stopped
        ? `bound ${bound} incomplete: stopped after ${runs}`
        : `bound ${bound} in progress: ${runs}`;
      return completed >= 0 ? `${checked}; ${state}` : state;
    },
  };
}

/**
 * Source-set DPOR with sleep sets: Abdulla, Aronis, Jonsson & Sagonas, "Optimal Dynamic Partial
 * Order Reduction", POPL 2014 (Algorithm 1, Source-DPOR), after Flanagan & Godefroid, "Dynamic
 * Partial-Order Reduction for Model Checking Software", POPL 2005.
 *
 * Two interleavings that only reorder adjacent steps that commute (a Mazurkiewicz trace) reach
 * the same state with the same results, so checking one of them checks all. DPOR explores one
 * interleaving per trace, or close to it, and knows when none is left: the scenario's schedules are
 * then verified, not sampled. Each candidate announces the access its step makes (target, op,
 * key), so the dependency relation is exact: `conflicts` (the same entry with at least one write,
 * a lock's acquisitions, a URL actor's entry in `actors`, the index's whole-target commits).
 *
 * Stateless, as DFS: a schedule is a path of choices from the root, and a node is reached again by
 * re-running the scenario along its path. After each run the trace's happens-before relation is
 * built (program order, dependency, and the step that woke a blocked task), and every race, two
 * dependent steps of different tasks with no step ordered between them, is reversed by adding to
 * the backtrack set of the node before the first step one initial of the interleaving that runs the
 * second step first (its "source set"), unless that node already explores or sleeps one of them.
 * Sleep sets prune the interleavings that would only repeat a trace: a task explored at a node
 * sleeps in its siblings' subtrees until a step dependent with its pending one runs. A run in which
 * every runnable task sleeps is redundant ("sleep-set blocked"): it is finished in the default order
 * to let the scenario end, and is counted apart.
 *
 * Blocking: a task parked on a lock or a mailbox is not a candidate, and the step that woke it
 * happens before its resumption. The resumption itself makes no access, so it commutes with every
 * step, which is sound because the code it runs up to its next step touches only its own state.
 *
 * An optional preemption bound limits the alternatives tried at backtrack points (the default
 * continuation never preempts). Bounded this way the search is a heuristic, as Coons, Musuvathi &
 * McKinley, "Bounded Partial-Order Reduction", OOPSLA 2013, show: it is then never reported
 * complete once a bound pruned an alternative. Iterative bounding (`--strategy dpor` without a
 * bound) runs bounded passes with 0, 1 and 2 preemptions, as iterative context bounding does
 * (Musuvathi & Qadeer, PLDI 2007), then an unbounded one, stopping at the first pass that prunes
 * nothing: that pass did what the unbounded search does, so the scenario is complete. Bugs that need few preemptions come first (measured on the findings
 * catalogue: v1113/C5 at schedule 203 where the unbounded order needs more than 2,000), at the price
 * of running a trace again in each later pass; `regsim verify`, which needs every trace anyway,
 * runs the unbounded search once.
 */
import { conflicts } from '../scheduler/conflicts.ts';
import { isPreemption, nonPreemptiveDefault } from '../scheduler/preemption.ts';
import type { Candidate, ChoiceContext, Chooser } from '../scheduler/types.ts';
import { PathReplay, runnableTasks } from './pathReplay.ts';
import type { Strategy, StrategyCoverage } from './types.ts';

export interface DporOptions {
  /** Traces per scenario after which the search stops incomplete (default 100 000). */
  readonly maxTraces?: number;
  /** Preemptions allowed along a schedule at backtrack points (default: unbounded). */
  readonly maxPreemptions?: number;
  /**
   * Search with bounds of 0, 1 and 2 preemptions, each pass a bounded search, then without one,
   * stopping as soon as a pass prunes nothing (then every trace was explored): shallow bugs come
   * first, as in iterative context bounding, at the price of running a trace again in each later
   * pass.
   */
  readonly iterativeBounding?: boolean;
}

export interface DporStrategy extends Strategy {
  /** True when every trace of the current scenario was explored. */
  complete(): boolean;
  /** Schedules run for the current scenario that were not sleep-set blocked: one per trace explored. */
  traces(): number;
  /** Schedules run for the current scenario that only repeated a trace (sleep-set blocked). */
  sleepBlocked(): number;
  coverage(): StrategyCoverage;
}

/** The state before one step of the current path. */
interface Node {
  /** The runnable tasks and the accesses of their pending steps, by task index. */
  readonly enabled: readonly Candidate[];
  /** `enabled` as text, to see a re-run that differs. */
  readonly runnable: string;
  /** The task that takes this step on the current path. */
  chosen: number;
  /** Preemptions along the path before this step. */
  readonly preemptionsBefore: number;
  /** The task that ran the step before this node (-1 at the root). */
  readonly previous: number;
  /** Tasks to explore from here; `done` those already explored (the chosen one included). */
  readonly backtrack: Set<number>;
  readonly done: Set<number>;
  /** Tasks of `backtrack` the preemption bound left out. */
  readonly pruned: Set<number>;
  /** Tasks asleep on entry: exploring them here would only repeat traces explored elsewhere. */
  readonly sleep: ReadonlySet<number>;
}

/** The step chosen at a node, with its place in the happens-before relation of the current path. */
interface Event {
  readonly task: number;
  readonly access: Candidate;
  /** Steps that happen before this one (a bitset over step indices). */
  readonly before: Uint32Array;
}

const has = (bits: Uint32Array, i: number) => ((bits[i >>> 5]! >>> (i & 31)) & 1) === 1;
const set = (bits: Uint32Array, i: number) => {
  bits[i >>> 5]! |= 1 << (i & 31);
};

/** The last bounded pass of iterative bounding; the pass after it is unbounded. */
const LAST_BOUNDED_PASS = 2;

export function createDporStrategy(options: DporOptions = {}): DporStrategy {
  const maxTraces = options.maxTraces ?? 100_000;
  const maxPreemptions = options.maxPreemptions ?? Number.POSITIVE_INFINITY;
  const iterative = options.iterativeBounding === true;
  if (iterative && options.maxPreemptions !== undefined)
    throw new Error('dpor: iterative bounding chooses its own preemption bounds');
  if (!Number.isInteger(maxTraces) || maxTraces < 1)
    throw new Error(`dpor: maxTraces must be a positive integer (got ${maxTraces})`);
  if (
    !(
      maxPreemptions === Number.POSITIVE_INFINITY ||
      (Number.isInteger(maxPreemptions) && maxPreemptions >= 0)
    )
  )
    throw new Error(`dpor: maxPreemptions must be an integer ≥ 0 (got ${maxPreemptions})`);

  let nodes: Node[] = [];
  let events: Event[] = [];
  /** Steps of the current run replayed from the previous path. */
  let replayed = 0;
  const replay = new PathReplay('dpor');
  let runBlocked = false;
  let traces = 0;
  let blockedRuns = 0;
  let finished = false;
  let exhausted = false;
  let pruned = false;
  /** The preemption bound of the current pass. */
  let bound = iterative ? 0 : maxPreemptions;
  let started = false;
  let scenariosBegun = 0;
  let scenariosComplete = 0;
  let allTraces = 0;

  const reset = () => {
    nodes = [];
    events = [];
    replayed = 0;
    traces = 0;
    blockedRuns = 0;
    finished = false;
    exhausted = false;
    pruned = false;
    bound = iterative ? 0 : maxPreemptions;
    replay.reset();
    scenariosBegun++;
  };

  const accessOf = (node: Node, task: number) => node.enabled.find((c) => c.task === task);

  /** The sleep set of the node after `parent`, whose chosen task just ran. */
  function childSleep(parent: Node): Set<number> {
    const ran = accessOf(parent, parent.chosen)!;
    const sleep = new Set<number>();
    // A task sleeping or explored at the parent sleeps on while the step taken commutes with its own.
    const asleep = (task: number) => {
      const pending = accessOf(parent, task);
      if (task !== parent.chosen && pending !== undefined && !conflicts(pending, ran)) sleep.add(task);
    };
    for (const task of parent.sleep) asleep(task);
    for (const task of parent.done) asleep(task);
    return sleep;
  }

  function choose(candidates: readonly Candidate[], context: ChoiceContext): number {
    if (replay.divergence !== undefined) return nonPreemptiveDefault(candidates, context.previous);
    const step = context.step;
    replay.ask(step);
    if (step < replayed) {
      const node = nodes[step]!;
      return replay.replay(candidates, step, node.chosen, node.runnable);
    }
    if (runBlocked || step !== nodes.length) return nonPreemptiveDefault(candidates, context.previous);
    const parent = nodes[step - 1];
    const sleep = parent === undefined ? new Set<number>() : childSleep(parent);
    const awake = candidates.filter((c) => !sleep.has(c.task));
    if (awake.length === 0) {
      runBlocked = true;
      return nonPreemptiveDefault(candidates, context.previous);
    }
    // The default continuation: the previous task if it is awake (no preemption), else the lowest.
    const chosen = awake.find((c) => c.task === context.previous) ?? awake[0]!;
    const preemptionsBefore =
      parent === undefined
        ? 0
        : parent.preemptionsBefore + (isPreemption(parent.enabled, parent.previous, parent.chosen) ? 1 : 0);
    nodes.push({
      enabled: candidates,
      runnable: runnableTasks(candidates),
      chosen: chosen.task,
      preemptionsBefore,
      previous: context.previous,
      backtrack: new Set([chosen.task]),
      done: new Set([chosen.task]),
      pruned: new Set(),
      sleep,
    });
    return candidates.indexOf(chosen);
  }

  /**
   * The step that woke `task` before it ran at `j` (it happens before that step), or -1: the step
   * before the first node, since the task's previous step, where the task was runnable.
   */
  function wakerOf(task: number, j: number): number {
    for (let m = j; m > 0; m--) {
      const prior = nodes[m - 1]!;
      if (prior.chosen === task) return -1;
      if (!prior.enabled.some((c) => c.task === task)) return m - 1;
    }
    return -1;
  }

  /** Records the happens-before relation of the steps from `from` on, and reverses their races. */
  function analyse(from: number): void {
    events.length = from;
    const words = Math.ceil(nodes.length / 32) || 1;
    for (let j = from; j < nodes.length; j++) {
      const node = nodes[j]!;
      const task = node.chosen;
      const access = accessOf(node, task)!;
      const before = new Uint32Array(words);
      // What reaches j through a predecessor: a dependent step in it is ordered, not racing, with j.
      const through = new Uint32Array(words);
      const inherit = (k: number) => {
        const bits = events[k]!.before;
        for (let w = 0; w < bits.length; w++) {
          before[w]! |= bits[w]!;
          through[w]! |= bits[w]!;
        }
        set(before, k);
      };
      for (let k = j - 1; k >= 0; k--) {
        if (events[k]!.task === task) {
          inherit(k);
          break;
        }
      }
      const waker = wakerOf(task, j);
      if (waker >= 0) inherit(waker);
      const dependent: number[] = [];
      for (let k = 0; k < j; k++) {
        const e = events[k]!;
        if (e.task !== task && conflicts(e.access, access)) {
          dependent.push(k);
          inherit(k);
        }
      }
      events.push({ task, access, before });
      for (const k of dependent) if (!has(through, k)) reverse(k, j);
    }
  }

  /** Schedules the interleaving that runs step `j` before its racing step `k`, from the node before `k`. */
  function reverse(k: number, j: number): void {
    const node = nodes[k]!;
    // The steps after k that do not happen after it, then j: their initials can start the reversal.
    const initials = new Set<number>();
    const kept: number[] = [];
    for (let m = k + 1; m <= j; m++) {
      const e = events[m]!;
      if (m < j && has(e.before, k)) continue;
      if (!kept.some((p) => has(e.before, p))) initials.add(e.task);
      kept.push(m);
    }
    for (const task of initials) if (node.backtrack.has(task) || node.sleep.has(task)) return;
    const enabled = node.enabled.filter((c) => initials.has(c.task));
    const add = enabled.length > 0 ? [enabled[0]!] : node.enabled.filter((c) => !node.sleep.has(c.task));
    for (const c of add) node.backtrack.add(c.task);
  }

  /** The deepest node with a task left to explore, made the end of the path; undefined when none. */
  function backtrack(): number | undefined {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      for (const c of node.enabled) {
        const task = c.task;
        if (!node.backtrack.has(task) || node.done.has(task) || node.pruned.has(task) || node.sleep.has(task))
          continue;
        const preempts = isPreemption(node.enabled, node.previous, task) ? 1 : 0;
        if (node.preemptionsBefore + preempts > bound) {
          node.pruned.add(task);
          pruned = true;
          continue;
        }
        node.done.add(task);
        node.chosen = task;
        nodes.length = i + 1;
        return i;
      }
    }
    return undefined;
  }

  return {
    name: 'dpor',
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
      if (traces >= maxTraces) {
        finished = true;
        return undefined;
      }
      replay.begin();
      runBlocked = false;
      return { choose };
    },
    done() {
      replay.rethrow();
      if (finished) return;
      replay.finish(replayed);
      if (runBlocked) blockedRuns++;
      else {
        traces++;
        allTraces++;
      }
      // The new part of the path starts at the node that was backtracked to (0 on the first run).
      analyse(Math.max(replayed - 1, 0));
      const next = backtrack();
      if (next === undefined && iterative && pruned) {
        // The next pass starts again from the root with one preemption more, or with none after
        // the last bounded pass: most bugs need few preemptions, and passes with many cost nearly
        // as much as the unbounded search, which one pass then does once.
        bound = bound >= LAST_BOUNDED_PASS ? Number.POSITIVE_INFINITY : bound + 1;
        pruned = false;
        nodes = [];
        events = [];
        replayed = 0;
        return;
      }
      if (next === undefined) {
        finished = true;
        exhausted = !pruned;
        if (exhausted) scenariosComplete++;
        return;
      }
      replayed = next + 1;
    },
    complete: () => exhausted,
    traces: () => traces,
    sleepBlocked: () => blockedRuns,
    coverage: () => ({ traces: allTraces, scenarios: scenariosBegun, exhausted: scenariosComplete }),
    describe() {
      if (replay.divergence !== undefined) return `stopped: ${replay.divergence.message}`;
      const runs = `${traces} trace${traces === 1 ? '' : 's'}`;
      const blocked =
        blockedRuns === 0
          ? ''
          : ` and ${blockedRuns} sleep-set-blocked schedule${blockedRuns === 1 ? '' : 's'}`;
      const done =
        scenariosBegun > 1 ? `; ${scenariosComplete} of ${scenariosBegun} scenarios exhausted` : '';
      if (exhausted) return `every trace explored (${runs}${blocked})${done}`;
      if (finished && pruned)
        return `all traces within ${bound} preemptions tried (${runs}${blocked})${done}`;
      const pass =
        iterative && bound !== Number.POSITIVE_INFINITY ? ` (pass with ≤ ${bound} preemptions)` : '';
      return `${runs}${blocked} explored, not exhausted${pass}${done}`;
    },
  };
}

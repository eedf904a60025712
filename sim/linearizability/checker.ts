/**
 * Linearizability checking by Wing & Gong's search with Lowe's memo of explored configurations,
 * as in Porcupine (checker.go): call and return entries form a doubly linked list in time order;
 * linearizing an operation lifts its two entries out of the list, backtracking puts them back.
 * Reaching a return entry means the pending calls before it cannot be ordered any further, so
 * the search backtracks. A history the model partitions is checked one partition at a time
 * (P-compositionality), stopping at the first illegal one. The checker does no I/O.
 */
import { clearBit, createBitset, elementKey, setBit } from './bitset.ts';
import { ConfigCache } from './cache.ts';
import { candidateGroupings, mergeOrders } from './decomposition.ts';
import { type FilledModel, fillDefaults, type Model, type Op } from './model.ts';

/** Limits on one check; a check that hits one reports `unknown`. */
export interface Budget {
  readonly timeoutMs?: number;
  readonly maxSteps?: number;
}

/** A budget plus how to check. */
export interface CheckOptions extends Budget {
  /** Check the model's partitions separately (default true). */
  readonly partition?: boolean;
  /** Milliseconds source for the timeout; injectable so tests control time. */
  readonly clock?: () => number;
}

/** Why an illegal history is illegal, within the first illegal partition. */
export interface IllegalResult<I, O> {
  readonly verdict: 'illegal';
  /** The longest linearization the search found, in linearization order. */
  readonly longestPrefix: readonly Op<I, O>[];
  /** The partition's operations outside that prefix, in call order. */
  readonly unplaced: readonly Op<I, O>[];
  /** The operation whose return the search reached without being able to place it after the prefix. */
  readonly blocked: Op<I, O>;
  /** How many independent partitions the history was checked in (1 when not partitioned). */
  readonly partitions: number;
  readonly steps: number;
}

/**
 * The verdict. The operations in an `illegal` result are the caller's own objects. `steps`
 * counts search steps over all partitions checked.
 */
export type CheckResult<I, O> =
  | { readonly verdict: 'ok'; readonly steps: number; readonly decomposition?: DecompositionUsed }
  | IllegalResult<I, O>
  | {
      readonly verdict: 'unknown';
      readonly reason: 'timeout' | 'steps';
      readonly steps: number;
      readonly suspect?: Suspect;
    };

/**
 * A group of a grouping found from the history (see {@link DecompositionUsed}) that is not
 * linearizable by itself: a lead for an undecided history, not a proof, since only the model
 * knows whether the other groups could have made it legal.
 */
export interface Suspect {
  readonly by: string;
  /** The field's value shared by the group's operations. */
  readonly value: string | number | boolean;
  readonly operations: number;
}

/**
 * How an unpartitioned history was decided `ok` by a grouping found from the history
 * (`decomposition.ts`): each group linearizable alone, and their merged linearization legal
 * for the whole model.
 */
export interface DecompositionUsed {
  /** The input field the operations were grouped by. */
  readonly by: string;
  readonly groups: number;
}

/** Histories shorter than this are searched whole at once: a guessed grouping would not pay. */
const DECOMPOSE_FROM = 64;
/** Search steps a guessed grouping may spend per operation before it is given up. */
const GROUPING_STEPS_PER_OP = 2000;

/**
 * Checks whether `ops` is linearizable with respect to `model`. A history searched whole (no
 * partition function, or `partition: false`) is first tried grouped by its input fields, which
 * can only ever decide it `ok` (see `decomposition.ts`).
 */
export function checkOperations<S, I, O>(
  model: Model<S, I, O>,
  ops: readonly Op<I, O>[],
  options: CheckOptions = {},
): CheckResult<I, O> {
  const filled = fillDefaults(model);
  const meter = new Meter(options);
  const parts = options.partition === false ? [ops] : filled.partition(ops);
  let suspect: Suspect | undefined;
  if (parts.length === 1 && ops.length >= DECOMPOSE_FROM) {
    const tried = decideByGrouping(filled, ops, meter);
    if ('decided' in tried) return { verdict: 'ok', steps: meter.steps, decomposition: tried.decided };
    suspect = tried.suspect;
  }
  const unknown = (): CheckResult<I, O> => ({
    verdict: 'unknown',
    reason: meter.reason,
    steps: meter.steps,
    ...(suspect === undefined ? {} : { suspect }),
  });
  if (meter.spent) return unknown();
  // Small partitions first: an illegal one is found sooner and costs less of the budget.
  const ordered = parts.length === 1 ? parts : [...parts].sort((a, b) => a.length - b.length);
  for (const part of ordered) {
    const outcome = search(filled, part, meter);
    if (outcome === 'unknown') return unknown();
    if (!('order' in outcome)) {
      const placed = new Set(outcome.prefix);
      return {
        verdict: 'illegal',
        longestPrefix: outcome.prefix.map((i) => part[i]!),
        unplaced: part.filter((_, i) => !placed.has(i)),
        blocked: part[outcome.blocked]!,
        partitions: parts.length,
        steps: meter.steps,
      };
    }
  }
  return { verdict: 'ok', steps: meter.steps };
}

/**
 * Tries the history's candidate groupings, finest first, each under its own share of steps:
 * the grouping that decided it `ok`, or else the first group found illegal alone, if any
 * (`meter.spent` says whether the check's budget went too).
 */
function decideByGrouping<S, I, O>(
  model: FilledModel<S, I, O>,
  ops: readonly Op<I, O>[],
  meter: Meter,
): { readonly decided: DecompositionUsed } | { readonly suspect?: Suspect } {
  let suspect: Suspect | undefined;
  for (const grouping of candidateGroupings(ops)) {
    meter.cap(GROUPING_STEPS_PER_OP * ops.length);
    const orders: number[][] = [];
    // Small groups first: a wrong guess most often shows in a group that cannot stand alone.
    const groups = grouping.groups.map((group, g) => ({ group, value: grouping.values[g]! }));
    groups.sort((a, b) => a.group.length - b.group.length);
    for (const { group, value } of groups) {
      const outcome = search(
        model,
        group.map((i) => ops[i]!),
        meter,
      );
      if (outcome === 'unknown') break;
      if (!('order' in outcome)) {
        suspect ??= { by: grouping.by, value, operations: group.length };
        break;
      }
      orders.push(Array.from(outcome.order, (i) => group[i]!));
    }
    meter.uncap();
    if (meter.spent) break;
    if (orders.length < groups.length) continue;
    const merged = mergeOrders(ops, orders);
    if (merged !== undefined && replays(model, ops, merged))
      return { decided: { by: grouping.by, groups: groups.length } };
  }
  return suspect === undefined ? {} : { suspect };
}

/** Whether the operations in `order` are, one after another, legal for the model. */
function replays<S, I, O>(
  model: FilledModel<S, I, O>,
  ops: readonly Op<I, O>[],
  order: readonly number[],
): boolean {
  let state: S | undefined = model.init();
  for (const i of order) {
    state = model.step(state, ops[i]!.input, ops[i]!.output);
    if (state === undefined) return false;
  }
  return true;
}

const defaultClock = (): number => performance.now();

/**
 * Counts search steps against the budget; reads the clock only every 1024 steps. A cap lowers
 * the step limit for a trial (a guessed grouping) without spending the check's budget.
 */
class Meter {
  steps = 0;
  reason: 'timeout' | 'steps' = 'steps';
  /** Whether the check's own budget (not a trial's cap) has run out. */
  spent = false;
  private readonly maxSteps: number;
  private limit: number;
  private readonly deadline: number;
  private readonly clock: () => number;

  constructor({ timeoutMs, maxSteps, clock = defaultClock }: CheckOptions) {
    this.maxSteps = maxSteps ?? Number.POSITIVE_INFINITY;
    this.limit = this.maxSteps;
    this.clock = clock;
    this.deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : clock() + timeoutMs;
  }

  /** Limits what follows to `steps` more steps (or fewer, by the budget) until {@link uncap}. */
  cap(steps: number): void {
    this.limit = Math.min(this.maxSteps, this.steps + steps);
  }

  uncap(): void {
    this.limit = this.maxSteps;
  }

  /** Spends one step; true when the budget (or the cap) has run out. */
  spend(): boolean {
    const steps = ++this.steps;
    if (steps > this.limit) {
      this.reason = 'steps';
      this.spent = steps > this.maxSteps;
      return true;
    }
    if ((steps & 1023) === 0 && this.deadline !== Number.POSITIVE_INFINITY && this.clock() > this.deadline) {
      this.reason = 'timeout';
      this.spent = true;
      return true;
    }
    return false;
  }
}

/** A linearization found (indices into the searched operations), unknown, or why not. */
type SearchOutcome =
  | { readonly order: Int32Array }
  | 'unknown'
  | { readonly prefix: number[]; readonly blocked: number };

/*
 * List nodes: 0 is the head; operation i has its call at 2i + 1 and its return at 2i + 2, so a
 * node's kind, operation and matching return are arithmetic rather than pointers.
 */
const END = -1;

function search<S, I, O>(model: FilledModel<S, I, O>, ops: readonly Op<I, O>[], meter: Meter): SearchOutcome {
  const { next, prev } = linkEntries(ops);
  const inputs: I[] = [];
  const outputs: (O | undefined)[] = [];
  const keys: number[] = [];
  for (const [i, op] of ops.entries()) {
    inputs.push(op.input);
    outputs.push(op.output);
    keys.push(elementKey(i));
  }
  const linearized = createBitset(ops.length);
  const cache = new ConfigCache<S>(linearized.length, model.equal, 4 * ops.length);
  const stackOps = new Int32Array(ops.length);
  const stackStates: S[] = [];
  let depth = 0;
  let setHash = 0;
  let state = model.init();
  const stepPrepared = model.stepPrepared;
  const prepared = stepPrepared && model.prepare ? ops.map((op) => model.prepare!(op.input, op.output)) : [];
  // The longest prefix so far, kept up to date incrementally: below `low`, the lowest depth the
  // stack has been at since the last copy, it still equals the stack, so only the part above is
  // copied (copying it whole at every new depth made a greedy run quadratic).
  const longest = new Int32Array(ops.length);
  let longestLength = 0;
  let low = 0;
  let blocked = END;

  let entry = next[0]!;
  while (next[0] !== END) {
    if (meter.spend()) return 'unknown';
    if ((entry & 1) === 1) {
      const op = entry >>> 1;
      const after =
        stepPrepared === undefined
          ? model.step(state, inputs[op]!, outputs[op])
          : stepPrepared(state, prepared[op], inputs[op]!, outputs[op]);
      if (after !== undefined) {
        const afterHash = setHash ^ keys[op]!;
        setBit(linearized, op);
        if (cache.add(linearized, after, afterHash ^ Math.imul(model.hash(after), 0x27d4eb2d))) {
          stackOps[depth] = op;
          stackStates[depth] = state;
          depth++;
          state = after;
          setHash = afterHash;
          lift(next, prev, entry);
          entry = next[0]!;
          continue;
        }
        clearBit(linearized, op);
      }
      entry = next[entry]!;
    } else {
      // A return entry: its operation cannot be placed after the current prefix.
      if (depth > longestLength || blocked === END) {
        longest.set(stackOps.subarray(low, depth), low);
        longestLength = depth;
        low = depth;
        blocked = (entry >>> 1) - 1;
      }
      if (depth === 0) return { prefix: Array.from(longest.subarray(0, longestLength)), blocked };
      depth--;
      if (depth < low) low = depth;
      const op = stackOps[depth]!;
      state = stackStates[depth]!;
      setHash ^= keys[op]!;
      clearBit(linearized, op);
      const call = 2 * op + 1;
      unlift(next, prev, call);
      entry = next[call]!;
    }
  }
  // Every operation is on the stack: it is the linearization.
  return { order: stackOps };
}

/** Takes an operation's call entry and its return entry out of the list. */
function lift(next: Int32Array, prev: Int32Array, call: number): void {
  const ret = call + 1;
  next[prev[call]!] = next[call]!;
  prev[next[call]!] = prev[call]!;
  next[prev[ret]!] = next[ret]!;
  if (next[ret] !== END) prev[next[ret]!] = prev[ret]!;
}

/** Undoes the latest {@link lift}: lifts are undone in reverse order, so the neighbours are intact. */
function unlift(next: Int32Array, prev: Int32Array, call: number): void {
  const ret = call + 1;
  next[prev[ret]!] = ret;
  if (next[ret] !== END) prev[next[ret]!] = ret;
  next[prev[call]!] = call;
  prev[next[call]!] = call;
}

/** The call and return entries of `ops` as a doubly linked list in time order, calls first on ties. */
function linkEntries(ops: readonly Op<unknown, unknown>[]): { next: Int32Array; prev: Int32Array } {
  const size = 2 * ops.length + 1;
  const time: number[] = [0];
  const order: number[] = [];
  for (const op of ops) {
    // A pending operation returns after everything else.
    time.push(op.call, op.ret ?? Number.POSITIVE_INFINITY);
    order.push(time.length - 2, time.length - 1);
  }
  sortEntries(order, time, size);
  const next = new Int32Array(size);
  const prev = new Int32Array(size);
  let last = 0;
  for (const node of order) {
    next[last] = node;
    prev[node] = last;
    last = node;
  }
  next[last] = END;
  return { next, prev };
}

/**
 * Sorts list nodes by time, calls (odd nodes) before returns on ties. With small non-negative
 * integer times (line numbers, event indices) each node becomes one number — time, then kind,
 * then node — and a typed array sorts those natively, several times faster than a comparator,
 * which is most of a small history's fixed cost; other times take the comparator.
 */
function sortEntries(order: number[], time: readonly number[], size: number): void {
  let latest = 0;
  let integral = true;
  for (let node = 1; node < time.length; node++) {
    const t = time[node]!;
    if (t === Number.POSITIVE_INFINITY) continue;
    if (!Number.isInteger(t) || t < 0) integral = false;
    else if (t > latest) latest = t;
  }
  // Pending returns come after every finite time.
  const end = latest + 1;
  if (!integral || (end + 1) * 2 * size >= Number.MAX_SAFE_INTEGER) {
    // Plain arrays: sorting them is much cheaper than sorting a typed array with a comparator.
    order.sort((a, b) => time[a]! - time[b]! || (b & 1) - (a & 1));
    return;
  }
  const keys = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    const t = time[node]!;
    keys[i] = ((t === Number.POSITIVE_INFINITY ? end : t) * 2 + ((node & 1) ^ 1)) * size + node;
  }
  keys.sort();
  for (let i = 0; i < keys.length; i++) order[i] = keys[i]! % size;
}

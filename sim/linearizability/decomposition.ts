/**
 * Decompositions of a history found from the history itself, for a model that gives no
 * partition function: the operations grouped by the value of one field of their inputs (`key`
 * in a key-value history). A grouping is only a guess, so the checker uses it to decide `ok`
 * alone, and only with a certificate: each group's linearization, merged into one order that
 * keeps real time (which locality, Herlihy & Wing 1990, makes possible when the groups are truly
 * independent), replayed through the whole model. A guess that is wrong fails the replay or a
 * group's search, and the checker falls back to the whole history; nothing here can make a
 * history `illegal`.
 */
import type { Op } from './model.ts';

/** Operations grouped by one input field's value. */
export interface Grouping {
  /** The field, as a dotted path into the input (`key`, `worker.url`). */
  readonly by: string;
  /** Indices into the history, each group in history order; every operation in exactly one. */
  readonly groups: readonly (readonly number[])[];
  /** The field's value in each group. */
  readonly values: readonly Scalar[];
}

type Scalar = string | number | boolean;

/** How deep into an input's nested objects a field is looked for. */
const MAX_DEPTH = 2;
/** Groupings tried per history, finest first. */
const MAX_GROUPINGS = 3;

/**
 * The candidate groupings of `ops`: one per field holding a string, number or boolean in every
 * operation's input, with at least two values and groups of two operations on average, finest
 * first.
 */
export function candidateGroupings<I>(ops: readonly Op<I, unknown>[]): Grouping[] {
  const first = ops[0];
  if (first === undefined) return [];
  const candidates: Grouping[] = [];
  for (const path of scalarPaths(first.input, MAX_DEPTH)) {
    const byValue = new Map<Scalar, number[]>();
    let everywhere = true;
    for (let i = 0; i < ops.length && everywhere; i++) {
      const value = valueAt(ops[i]!.input, path);
      if (!isScalar(value)) everywhere = false;
      else {
        const group = byValue.get(value);
        if (group === undefined) byValue.set(value, [i]);
        else group.push(i);
      }
    }
    if (!everywhere || byValue.size < 2 || 2 * byValue.size > ops.length) continue;
    candidates.push({ by: path.join('.'), groups: [...byValue.values()], values: [...byValue.keys()] });
  }
  return candidates.sort((a, b) => b.groups.length - a.groups.length).slice(0, MAX_GROUPINGS);
}

/**
 * One order of all operations that keeps each group's order and real time (an operation that
 * returned before another was called comes first), or undefined if there is none. Each group's
 * order must itself keep real time, as a linearization does.
 */
export function mergeOrders<I, O>(
  ops: readonly Op<I, O>[],
  orders: readonly (readonly number[])[],
): number[] | undefined {
  const ret = (i: number): number => ops[i]!.ret ?? Number.POSITIVE_INFINITY;
  // Operations by return time: the earliest unplaced return is what holds a later call back.
  const byReturn = ops.map((_, i) => i).sort((a, b) => ret(a) - ret(b));
  const placed = new Uint8Array(ops.length);
  const heads = orders.map(() => 0);
  const merged: number[] = [];
  let earliest = 0;
  while (merged.length < ops.length) {
    while (placed[byReturn[earliest]!] === 1) earliest++;
    const first = byReturn[earliest]!;
    let chosen = -1;
    for (let g = 0; g < orders.length && chosen === -1; g++) {
      const head = orders[g]![heads[g]!];
      if (head === undefined) continue;
      // No unplaced operation may return before the head's call. The earliest return decides:
      // if it is the head's own, every other return comes after it, so after the call too.
      if (head === first || ret(first) >= ops[head]!.call) chosen = g;
    }
    if (chosen === -1) return undefined;
    const op = orders[chosen]![heads[chosen]!]!;
    heads[chosen]!++;
    placed[op] = 1;
    merged.push(op);
  }
  return merged;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The paths to scalar fields of `value`, up to `depth` objects deep. */
function scalarPaths(value: unknown, depth: number): string[][] {
  if (depth === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const paths: string[][] = [];
  for (const [name, field] of Object.entries(value)) {
    if (isScalar(field)) paths.push([name]);
    else for (const path of scalarPaths(field, depth - 1)) paths.push([name, ...path]);
  }
  return paths;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const name of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  return at;
}

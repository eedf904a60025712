/**
 * The order a bound is enumerated in, smaller scenarios first: by total operations, then by task
 * count, then by the tasks' lengths; and, for one shape, the tasks as a multiset (identical
 * clients in another order are the same scenario), each task a sequence over an alphabet.
 */
import type { VerifyBound } from './bound.ts';

/** The tasks' lengths, non-decreasing: one multiset of task lengths. */
export type Shape = readonly number[];

/** Non-decreasing sequences of `count` values from `min` to `max` summing to `total`, lexicographically. */
function* lengthSequences(count: number, min: number, max: number, total: number): Generator<number[]> {
  if (count === 0) {
    if (total === 0) yield [];
    return;
  }
  for (let first = min; first <= max && first * count <= total; first++) {
    for (const rest of lengthSequences(count - 1, first, max, total - first)) yield [first, ...rest];
  }
}

/** Every shape within `bound`, in enumeration order. */
export function* shapes(bound: VerifyBound): Generator<Shape> {
  const { tasks, ops } = bound;
  for (let total = tasks.min * ops.min; total <= tasks.max * ops.max; total++) {
    for (let count = tasks.min; count <= tasks.max; count++) {
      yield* lengthSequences(count, ops.min, ops.max, total);
    }
  }
}

/** Non-decreasing `k`-tuples of indexes below `n`, lexicographically (multisets of size k). */
function* multisets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let first = from; first < n; first++) {
    for (const rest of multisets(n, k - 1, first)) yield [first, ...rest];
  }
}

/** The `length`-th power's `index`-th sequence over an alphabet of `size` letters, first letter most significant. */
function sequence(index: number, size: number, length: number): number[] {
  const letters = new Array<number>(length);
  for (let i = length - 1; i >= 0; i--) {
    letters[i] = index % size;
    index = Math.floor(index / size);
  }
  return letters;
}

/**
 * The tasks of one shape over an alphabet of `size` operations, as a multiset: tasks of equal
 * length in non-decreasing order of their sequences. Each task is a list of alphabet indexes.
 */
export function* taskMultisets(shape: Shape, size: number): Generator<number[][]> {
  const groups: { length: number; count: number }[] = [];
  for (const length of shape) {
    const last = groups.at(-1);
    if (last !== undefined && last.length === length) last.count++;
    else groups.push({ length, count: 1 });
  }
  function* fill(g: number): Generator<number[][]> {
    if (g === groups.length) {
      yield [];
      return;
    }
    const { length, count } = groups[g]!;
    const sequences = size ** length;
    for (const chosen of multisets(sequences, count)) {
      const tasks = chosen.map((i) => sequence(i, size, length));
      for (const rest of fill(g + 1)) yield [...tasks, ...rest];
    }
  }
  if (size === 0) return;
  yield* fill(0);
}

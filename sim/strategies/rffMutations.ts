/**
 * RFF's mutations of a recorded schedule (Wolff et al., ASPLOS 2024: a schedule is mutated by
 * adding a reads-from pair it must show, or one it must not). Each turns a recorded trace into a
 * prefix to follow; the chooser then goes on with a fresh walk. Pure: they reorder the trace's
 * steps and never look at a scheduler, so a prefix may ask for a step that is not runnable when
 * it comes (a task blocked on a lock it no longer gets first); the chooser then stops following.
 *
 * Moving steps keeps each task's own steps in order, so step ids (`readsFrom.ts`) survive the
 * reordering as long as every task takes the same steps.
 */
import type { TracedStep } from './readsFrom.ts';

/** One choice of a prefix: run this task, or any runnable task but this one (a re-drawn choice). */
export type PlannedChoice = { readonly task: number } | { readonly avoid: number };

/** Indices `from < i < to` of the trace whose step belongs to `task`, in order. */
function stepsOfBetween(trace: readonly TracedStep[], task: number, from: number, to: number): number[] {
  const indices: number[] = [];
  for (let i = from + 1; i < to; i++) if (trace[i]!.task === task) indices.push(i);
  return indices;
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * An order of trace steps in which the step at `reader` reads from the write at `writer`: the
 * writer right before the reader. Everything before the earlier of the two stays; the later
 * one's task takes its steps in between first (they precede it in program order), then the
 * writer, then the reader. The other tasks' steps in between are left for the walk.
 */
export function imposeOrder(trace: readonly TracedStep[], writer: number, reader: number): number[] {
  checkPair(trace, writer, reader);
  const first = Math.min(writer, reader);
  const last = Math.max(writer, reader);
  return [...upTo(first), ...stepsOfBetween(trace, trace[last]!.task, first, last), writer, reader];
}

/**
 * An order of trace steps in which the step at `reader` runs before the write at `writer`, so it
 * cannot read from it: everything before the writer stays, the reader's task takes its steps in
 * between and the reader, then the writer.
 */
export function negateOrder(trace: readonly TracedStep[], writer: number, reader: number): number[] {
  checkPair(trace, writer, reader);
  if (reader < writer) return upTo(writer + 1);
  return [...upTo(writer), ...stepsOfBetween(trace, trace[reader]!.task, writer, reader), reader, writer];
}

/** The prefix that runs the trace's steps in `order`. */
export function followOrder(trace: readonly TracedStep[], order: readonly number[]): PlannedChoice[] {
  return order.map((i) => ({ task: trace[i]!.task }));
}

/**
 * The recorded choices up to the last of `positions` (ascending), each of `positions` re-drawn:
 * any runnable task but the one recorded there.
 */
export function redrawPlan(trace: readonly TracedStep[], positions: readonly number[]): PlannedChoice[] {
  const last = positions.length === 0 ? -1 : positions[positions.length - 1]!;
  const redrawn = new Set(positions);
  return upTo(Math.min(last + 1, trace.length)).map((i) =>
    redrawn.has(i) ? { avoid: trace[i]!.task } : { task: trace[i]!.task },
  );
}

function checkPair(trace: readonly TracedStep[], writer: number, reader: number): void {
  const inTrace = (i: number) => Number.isInteger(i) && i >= 0 && i < trace.length;
  if (!inTrace(writer) || !inTrace(reader) || trace[writer]!.task === trace[reader]!.task)
    throw new Error(
      `rff: steps ${writer} and ${reader} are not two tasks' steps of a ${trace.length}-step trace`,
    );
}

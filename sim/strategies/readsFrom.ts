/**
 * The reads-from relation of an executed trace, the coverage RFF fuzzes for (Wolff, Shi, Duck,
 * Mathur & Roychoudhury, "Greybox Fuzzing for Concurrency Testing", ASPLOS 2024): which write each
 * step saw. Every step that touches an entry reads it (a write such as `insert` or `entry` sees
 * what it replaces), and reads from the last earlier step that wrote that entry. Entries follow
 * the conflict relation (`conflicts.ts`): a wildcard key or a whole-target operation touches every
 * entry of its target, so a whole-target read reads from the last writer of each entry back to
 * the last whole-target write, and a whole-target write is seen by a read of any key.
 *
 * As in the paper, only pairs across tasks count (a task reading its own write is program order,
 * the same in every schedule), plus reads of the initial state. Steps are named stably across
 * schedules by task, label and occurrence (`1:workers.insert(U)#0`), so a pair seen in two
 * schedules has one id.
 */
import { conflicts, isWrite, touchesWholeTarget } from '../scheduler/conflicts.ts';
import type { Access } from '../scheduler/types.ts';

/** One executed step: the task that took it, its label and the access it made. */
export interface TracedStep extends Access {
  readonly task: number;
  readonly label: string;
}

/** The writer index of a read of the initial state (no earlier step wrote the entry). */
export const INITIAL = -1;

/** A read and the write it saw, as indices into the trace; `writer` is {@link INITIAL} for the initial state. */
export interface ReadsFromPair {
  readonly writer: number;
  readonly reader: number;
}

/** A name for each step that stays the same across schedules: task, label and occurrence. */
export function stepIds(trace: readonly TracedStep[]): string[] {
  const seen = new Map<string, number>();
  return trace.map((s) => {
    const base = `${s.task}:${s.label}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

const hasAccess = (s: Access) => s.target !== undefined && s.op !== undefined;

/** The entry a write touches, to tell the writers a whole-target read sees apart. */
const entryOf = (s: Access) => (touchesWholeTarget(s) ? `${s.target}` : `${s.target}\u0000${String(s.key)}`);

/** Whether `writer`, a write, hides every earlier write from `reader`. */
const hidesEarlier = (writer: Access, reader: Access) =>
  !touchesWholeTarget(reader) || (touchesWholeTarget(writer) && writer.target === reader.target);

/** The reads-from pairs of a trace across tasks, by reader then writer (latest first). */
export function readsFrom(trace: readonly TracedStep[]): ReadsFromPair[] {
  const pairs: ReadsFromPair[] = [];
  for (let r = 0; r < trace.length; r++) {
    const reader = trace[r]!;
    if (!hasAccess(reader)) continue;
    let seenAny = false;
    const seen = new Set<string>();
    for (let w = r - 1; w >= 0; w--) {
      const writer = trace[w]!;
      if (!isWrite(writer) || !conflicts(writer, reader)) continue;
      seenAny = true;
      const entry = entryOf(writer);
      if (!seen.has(entry)) {
        seen.add(entry);
        if (writer.task !== reader.task) pairs.push({ writer: w, reader: r });
      }
      if (hidesEarlier(writer, reader)) break;
    }
    if (!seenAny) pairs.push({ writer: INITIAL, reader: r });
  }
  return pairs;
}

/**
 * The writes the end of the phase leaves visible: the last write of each entry (back to the last
 * whole-target write of its target). Which write wins is what a lost update changes, and what the
 * checks of the quiescent state read, so it is coverage too.
 */
export function finalWrites(trace: readonly TracedStep[]): number[] {
  const visible: number[] = [];
  const hidden = new Set<string>();
  for (let w = trace.length - 1; w >= 0; w--) {
    const writer = trace[w]!;
    if (!isWrite(writer) || hidden.has(`${writer.target}`)) continue;
    const entry = entryOf(writer);
    if (hidden.has(entry)) continue;
    hidden.add(entry);
    visible.push(w);
  }
  return visible.reverse();
}

/** The id of a pair in coverage: writer and reader step ids (`init` for the initial state). */
export function pairId(ids: readonly string[], pair: ReadsFromPair): string {
  return `${pair.writer === INITIAL ? 'init' : ids[pair.writer]}>${ids[pair.reader]}`;
}

/** Everything a trace covers, without repeats: its reads-from pairs, then its final writes (`…>end`). */
export function coverageOf(trace: readonly TracedStep[]): string[] {
  const ids = stepIds(trace);
  const items = new Set<string>();
  for (const pair of readsFrom(trace)) items.add(pairId(ids, pair));
  for (const w of finalWrites(trace)) items.add(`${ids[w]}>end`);
  return [...items];
}

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
import { conflicts, guardedTarget, isWrite, touchesWholeTarget } from '../scheduler/conflicts.ts';
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
  // Per step, once: this runs after every schedule, over every earlier step of each step.
  const writes = trace.map(isWrite);
  const whole = trace.map(touchesWholeTarget);
  const keys = trace.map((s) => String(s.key));
  const guarded = trace.map(guardedTarget);
  // What `conflicts` says for a write and a later step, without re-deriving it for every pair:
  // within a target it is the same-entry test, across targets only a guarded write can touch.
  const touches = (w: number, r: number) => {
    const writer = trace[w]!;
    const reader = trace[r]!;
    if (writer.target === reader.target) return whole[w]! || whole[r]! || keys[w] === keys[r];
    if (guarded[w] !== reader.target && guarded[r] !== writer.target) return false;
    return conflicts(writer, reader);
  };
  const pairs: ReadsFromPair[] = [];
  for (let r = 0; r < trace.length; r++) {
    const reader = trace[r]!;
    if (!hasAccess(reader)) continue;
    let seenAny = false;
    const seen = new Set<string>();
    for (let w = r - 1; w >= 0; w--) {
      const writer = trace[w]!;
      if (!writes[w] || !touches(w, r)) continue;
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

/** A trace's step ids, reads-from pairs and pair ids, computed once for coverage and mutation. */
export interface TraceAnalysis {
  readonly ids: readonly string[];
  readonly pairs: readonly ReadsFromPair[];
  /** `pairId` of each of `pairs`. */
  readonly pairIds: ReadonlySet<string>;
  /** Everything the trace covers, without repeats: its pair ids, then its final writes (`…>end`). */
  readonly coverage: readonly string[];
}

export function analyseTrace(trace: readonly TracedStep[]): TraceAnalysis {
  const ids = stepIds(trace);
  const pairs = readsFrom(trace);
  const pairIds = new Set(pairs.map((p) => pairId(ids, p)));
  const coverage = new Set(pairIds);
  for (const w of finalWrites(trace)) coverage.add(`${ids[w]}>end`);
  return { ids, pairs, pairIds, coverage: [...coverage] };
}

/** Everything a trace covers (`TraceAnalysis.coverage`). */
export function coverageOf(trace: readonly TracedStep[]): readonly string[] {
  return analyseTrace(trace).coverage;
}

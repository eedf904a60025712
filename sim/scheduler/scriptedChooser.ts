/**
 * Follows a human-written schedule: one task name per step (`"T1*3"` repeats, `"T1*"` runs T1
 * while it is runnable). When the script names a task that cannot run (finished, or parked on a
 * lock a fixed version takes), it runs the next runnable task in the script's order and records
 * the divergence. After the script, the last task goes on while it can (no preemption).
 */
import { nonPreemptiveDefault } from './preemption.ts';
import type { Candidate, ChoiceContext, Chooser } from './types.ts';

export interface Divergence {
  /** The step (1-based) at which the script could not be followed. */
  readonly step: number;
  readonly wanted: string;
  readonly ran: string;
}

interface ScriptEntry {
  readonly task: string;
  /** Steps left for this entry; `Infinity` for `T*` (while runnable). */
  remaining: number;
}

export interface ScriptedChooser extends Chooser {
  readonly divergences: readonly Divergence[];
}

export function parseScriptEntry(entry: string): { task: string; count: number } {
  const star = entry.indexOf('*');
  if (star < 0) return { task: entry, count: 1 };
  const count = entry.slice(star + 1);
  return { task: entry.slice(0, star), count: count === '' ? Number.POSITIVE_INFINITY : Number(count) };
}

/** A chooser that replays `script`, which names tasks by their scenario names. */
export function createScriptedChooser(script: readonly string[]): ScriptedChooser {
  const entries: ScriptEntry[] = script.map((raw) => {
    const { task, count } = parseScriptEntry(raw);
    return { task, remaining: count };
  });
  let position = 0;
  const divergences: Divergence[] = [];
  return {
    divergences,
    choose(candidates: readonly Candidate[], context: ChoiceContext): number {
      while (position < entries.length) {
        const entry = entries[position]!;
        const wanted = candidates.findIndex((c) => c.name === entry.task);
        if (wanted >= 0) {
          if (--entry.remaining <= 0) position++;
          return wanted;
        }
        if (entry.remaining === Number.POSITIVE_INFINITY) {
          position++;
          continue;
        }
        const substitute = nextRunnableInScript(entries, position + 1, candidates);
        divergences.push({ step: context.step + 1, wanted: entry.task, ran: candidates[substitute]!.name });
        if (--entry.remaining <= 0) position++;
        return substitute;
      }
      return nonPreemptiveDefault(candidates, context.previous);
    },
  };
}

function nextRunnableInScript(
  entries: readonly ScriptEntry[],
  from: number,
  candidates: readonly Candidate[],
): number {
  for (let i = from; i < entries.length; i++) {
    const index = candidates.findIndex((c) => c.name === entries[i]!.task);
    if (index >= 0) return index;
  }
  return 0;
}

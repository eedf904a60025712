/**
 * The one encoding of schedules, shared by scenario files and replay tokens: a script entry is
 * `T` (one step), `T*n` (n steps) or `T*` (while T can run); a recorded step is a `[task, label]`
 * pair. Both round-trip (see the property tests).
 */
import type { PlannedStep, ScheduleStep } from './types.ts';

const SCRIPT_ENTRY = /^([^*\s]+)(\*([1-9]\d*)?)?$/;

/** Reads one script entry, or undefined if it is not `T`, `T*n` (n ≥ 1) or `T*`. */
export function parseScriptEntry(text: string): PlannedStep | undefined {
  const match = SCRIPT_ENTRY.exec(text);
  if (match === null) return undefined;
  const count =
    match[2] === undefined ? 1 : match[3] === undefined ? Number.POSITIVE_INFINITY : Number(match[3]);
  return { task: match[1]!, count };
}

/** Writes one script entry (the inverse of {@link parseScriptEntry}). */
export function formatScriptEntry(step: PlannedStep): string {
  if (step.count === 1) return step.task;
  return `${step.task}*${step.count === Number.POSITIVE_INFINITY ? '' : step.count}`;
}

/** A recorded schedule as the pairs a token stores. */
export function encodeSteps(steps: readonly ScheduleStep[]): [string, string][] {
  return steps.map((s) => [s.task, s.label]);
}

/** Reads the pairs of {@link encodeSteps} back, or undefined if `value` is not such a list. */
export function decodeSteps(value: unknown): ScheduleStep[] | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every((s) => Array.isArray(s) && s.length === 2 && s.every((x) => typeof x === 'string')))
    return undefined;
  return (value as [string, string][]).map(([task, label]) => ({ task, label }));
}

/** A recorded schedule as a plan that follows each step by task and label. */
export function planOf(steps: readonly ScheduleStep[]): PlannedStep[] {
  return steps.map((s) => ({ task: s.task, count: 1, label: s.label }));
}

/**
 * An implementation that does not replay: the same scenario under the same choices took other
 * steps, or ended otherwise, than it did before. Every verdict of regsim rests on replaying a
 * schedule (shrinking, tokens), so this is named as what it is, not as an internal error.
 */
import type { ScheduleStep } from './types.ts';

/** Thrown when a re-run of a schedule is seen to differ from its first run. */
export class NondeterminismError extends Error {
  constructor(
    /** 1-based step of the concurrent phase where the runs part; 0 when not known. */
    readonly step: number,
    /** What differed at that step, in words. */
    readonly detail: string,
    message = `replayed differently at step ${step} (${detail})`,
  ) {
    super(message);
  }
}

/** The diagnosis a campaign reports for an implementation that did not replay. */
export interface NondeterminismDiagnosis {
  /** 1-based global index of the schedule whose re-run differed. */
  readonly schedule: number;
  readonly step: number;
  readonly message: string;
}

const show = (s: ScheduleStep | undefined): string => (s === undefined ? 'the end' : `${s.task} ${s.label}`);

/**
 * Where `now` first differs from `before`, the steps of two runs of one schedule; undefined when
 * they took the same steps.
 */
export function firstDifference(
  before: readonly ScheduleStep[],
  now: readonly ScheduleStep[],
): NondeterminismError | undefined {
  const length = Math.max(before.length, now.length);
  for (let i = 0; i < length; i++) {
    const a = before[i];
    const b = now[i];
    if (a?.task === b?.task && a?.label === b?.label) continue;
    return new NondeterminismError(i + 1, `first run: ${show(a)}, re-run: ${show(b)}`);
  }
  return undefined;
}

/** The one-line diagnosis of `error`, seen re-running schedule `schedule` of `impl`. */
export function diagnoseNondeterminism(
  impl: string,
  schedule: number,
  error: NondeterminismError,
): NondeterminismDiagnosis {
  const where =
    error.step > 0
      ? `replayed differently at step ${error.step} (${error.detail})`
      : `did not replay (${error.detail})`;
  return {
    schedule,
    step: error.step,
    message: `implementation ${impl} is not deterministic: schedule ${schedule} ${where}; does it read time, randomness or state kept across runs?`,
  };
}

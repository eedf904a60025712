/**
 * The bound of a verification: how many concurrent tasks a scenario has and how many operations
 * each task runs, as inclusive ranges (`--tasks 2..3`, `--ops 1`).
 */

/** An inclusive range of counts. */
export interface CountRange {
  readonly min: number;
  readonly max: number;
}

/** The scenarios a verification enumerates: task count and operations per task. */
export interface VerifyBound {
  readonly tasks: CountRange;
  readonly ops: CountRange;
}

export type RangeCheck =
  | { readonly ok: true; readonly range: CountRange }
  | { readonly ok: false; readonly error: string };

const RANGE = /^(\d+)(?:\.\.(\d+))?$/;

/**
 * Reads `a..b` or a single `n` (meaning `n..n`) for `--<flag>`, each a plain decimal integer ≥ 1
 * with `a ≤ b`; an error line otherwise.
 */
export function parseRange(flag: string, text: string): RangeCheck {
  const match = RANGE.exec(text);
  const bad = (why: string): RangeCheck => ({
    ok: false,
    error: `--${flag} expects a count or a range a..b of integers from 1 with a ≤ b (${why}), got "${text}"`,
  });
  if (match === null) return bad('like 2 or 1..3');
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return bad('too large');
  if (min < 1) return bad('0 is not a count');
  if (min > max) return bad(`${min} > ${max}`);
  return { ok: true, range: { min, max } };
}

/** `a..b`, or `n` when the range is one count: how results and messages name a range. */
export function describeRange(range: CountRange): string {
  return range.min === range.max ? String(range.min) : `${range.min}..${range.max}`;
}

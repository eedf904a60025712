/**
 * Integer flag values (`--schedules`, `--seed`, `--depth`, `--threads`): plain decimal digits
 * only. `Number()` would also take `1e12`, `0x10`, `" 5"` or `""`, so a typo or a shell quirk
 * would run a different campaign than the one asked for.
 */

export type IntegerFlag =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: string };

/** The allowed range; `max` defaults to the largest integer a JSON result holds exactly. */
export interface IntegerRange {
  readonly min: number;
  readonly max?: number;
}

const DECIMAL = /^-?\d+$/;

/**
 * The value of `--<flag>` given as `text`, or `fallback` when the flag was not given; an error
 * line when `text` is not a plain decimal integer within `range`.
 */
export function parseIntegerFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  range: IntegerRange,
): IntegerFlag {
  if (text === undefined) return { ok: true, value: fallback };
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const expected = `--${flag} expects a decimal integer from ${range.min} to ${max}`;
  if (!DECIMAL.test(text)) return { ok: false, error: `${expected}, got "${text}"` };
  const value = Number(text);
  if (value < range.min || value > max) return { ok: false, error: `${expected}, got ${text}` };
  return { ok: true, value };
}

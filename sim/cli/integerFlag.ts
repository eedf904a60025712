/**
 * Integer flag values (`--schedules`, `--seed`, `--depth`, `--threads`): plain decimal digits
 * only, up to the largest integer a JSON result holds exactly. `Number()` would also take `1e12`,
 * `0x10`, `" 5"` or `2.0`, so a typo or a shell quirk would run another campaign than the one
 * asked for.
 */

export type IntegerFlag =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: string };

const DECIMAL = /^-?\d+$/;

/**
 * The value of `--<flag>` given as `text`, or `fallback` when the flag was not given; an error
 * line when `text` is not a plain decimal integer from `min` to 2^53 − 1.
 */
export function parseIntegerFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
): IntegerFlag {
  if (text === undefined) return { ok: true, value: fallback };
  const value = Number(text);
  if (!DECIMAL.test(text) || value < min || value > Number.MAX_SAFE_INTEGER) {
    return {
      ok: false,
      error: `--${flag} expects a decimal integer from ${min} to ${Number.MAX_SAFE_INTEGER}, got "${text}"`,
    };
  }
  return { ok: true, value };
}

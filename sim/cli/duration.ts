/**
 * Parses durations written on the command line: `500ms`, `10s`, `2m`, `1h`, or bare seconds.
 * A budget of zero would explore nothing, so only durations above zero are accepted.
 */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds (finite and more than zero), or undefined when `text` is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (match === null) return undefined;
  const ms = Number(match[1]) * UNITS[match[2] ?? 's']!;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

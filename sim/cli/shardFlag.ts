/** `--shard i/n` as `fuzz` and `verify` take it: the i-th (1-based) of n slices. */

export type ShardCheck =
  | { readonly ok: true; readonly shard: { readonly index: number; readonly count: number } }
  | { readonly ok: false; readonly error: string };

/** Reads `i/n` with 1 ≤ i ≤ n, or says what is wrong with it in one line. */
export function parseShardFlag(text: string): ShardCheck {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = match === null ? [Number.NaN, Number.NaN] : [Number(match[1]), Number(match[2])];
  if (!(Number.isSafeInteger(count) && count >= 1 && index >= 1 && index <= count))
    return { ok: false, error: `--shard expects i/n with 1 ≤ i ≤ n, got "${text}"` };
  return { ok: true, shard: { index, count } };
}

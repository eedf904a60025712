/** Order statistics for benchmark samples. */

/** The middle sample (upper middle for an even count). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The sample at rank ⌊q·n⌋ of the sorted samples (nearest rank, no interpolation). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new Error('quantile of no samples');
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

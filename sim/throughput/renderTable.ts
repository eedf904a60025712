/** A measured benchmark as text: per cell, a line on its sequence, a table, and latencies. */
import type { BenchCell, BenchMeasured, BenchRow } from './runBench.ts';
import { BENCH_READS, BENCH_WRITES } from './workload.ts';

const KINDS = [...BENCH_READS, ...BENCH_WRITES];

/** `1 round`, `5 rounds`. */
export function rounds(n: number): string {
  return `${n} round${n === 1 ? '' : 's'}`;
}

/** Bytes as KB with two decimals, or `—` when not measured. */
export function formatHeap(bytes: number | null): string {
  return bytes === null ? '—' : `${(bytes / 1024).toFixed(2)} KB`;
}

/** `p50/p99` µs of each kind the row measured. */
export function formatLatency(row: BenchRow): string {
  return KINDS.flatMap((kind) => {
    const l = row.latency[kind];
    return l === undefined ? [] : [`${kind} ${l.p50Us.toFixed(1)}/${l.p99Us.toFixed(1)}`];
  }).join('  ');
}

function cellLines(cell: BenchCell, baseline: string): string[] {
  const width = Math.max(4, ...cell.rows.map((r) => r.impl.length));
  const ratio = `÷${baseline}`;
  const lines = [
    `${cell.workload}, ${cell.mix}: ${cell.sequence}`,
    `  ${'impl'.padEnd(width)} ${'ops/s'.padStart(10)} ${'wall µs/op'.padStart(10)} ${'CPU µs/op'.padStart(10)} ` +
      `${`${ratio} CPU`.padStart(Math.max(10, ratio.length + 4))} ${`${ratio} wall`.padStart(Math.max(11, ratio.length + 5))} ${'heap/URL'.padStart(10)}`,
  ];
  for (const r of cell.rows) {
    lines.push(
      `  ${r.impl.padEnd(width)} ${Math.round(r.opsPerSecond).toString().padStart(10)} ` +
        `${r.wallUsPerOp.toFixed(2).padStart(10)} ${r.cpuUsPerOp.toFixed(2).padStart(10)} ` +
        `${`${r.vsBaseline.cpu.toFixed(2)}x`.padStart(Math.max(10, ratio.length + 4))} ` +
        `${`${r.vsBaseline.wall.toFixed(2)}x`.padStart(Math.max(11, ratio.length + 5))} ${formatHeap(r.heapBytesPerUrl).padStart(10)}`,
    );
  }
  lines.push('  latency µs (p50/p99):');
  for (const r of cell.rows) lines.push(`    ${r.impl.padEnd(width)} ${formatLatency(r)}`);
  return lines;
}

/** The whole result as lines of text. */
export function renderBenchTable(result: BenchMeasured): string[] {
  const { settings, effectiveParallelism: p } = result;
  const lines = [
    `median of ${rounds(settings.rounds)}, ${settings.timeMs} ms of timed passes per cell and round, ` +
      `up to ${settings.concurrency} calls in flight; ratios are throughput ÷ ${result.baseline}'s`,
  ];
  if (p !== null)
    lines.push(
      `effective parallelism ${p.start.toFixed(2)} before, ${p.end.toFixed(2)} after (2 = two free cores)`,
    );
  if (result.gc === 'unavailable') lines.push('heap not measured: the garbage collector is not reachable');
  else if (result.gc === 'v8-flags')
    lines.push(
      'heap measured with the collector switched on through V8 flags (node --expose-gc was not given)',
    );
  for (const cell of result.cells) lines.push('', ...cellLines(cell, result.baseline));
  return lines;
}

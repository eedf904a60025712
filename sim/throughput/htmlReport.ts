/**
 * A measured benchmark as one self-contained HTML page (inline CSS and SVG, no script, nothing
 * fetched): per cell, a bar chart of each registry's throughput with its ratio to the baseline,
 * then the figures as a table. Pure: the command writes it (`--report dir`).
 */
import { escapeHtml as e } from '../report/escape.ts';
import { formatHeap, formatLatency, rounds } from './renderTable.ts';
import type { BenchCell, BenchMeasured } from './runBench.ts';

export interface BenchReportInput {
  readonly result: BenchMeasured;
  /** The command line that produced it. */
  readonly command: string;
  /** When it ran (ISO 8601), passed in so that rendering stays pure. */
  readonly generatedAt: string;
}

const STYLE = `
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2933; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 4px; padding-top: 12px; border-top: 2px solid #d9e2ec; }
p.meta, p.sequence { color: #616e7c; margin: 2px 0; }
code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #d9e2ec; text-align: right; }
th:first-child, td:first-child, td.latency { text-align: left; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2933; }
`;

const BAR_HEIGHT = 22;
const BAR_WIDTH = 420;
/** Room for the bar's value text after it. */
const VALUE_WIDTH = 240;

/** Horizontal bars of ops/s, the baseline's in a darker shade. */
function chart(cell: BenchCell, baseline: string): string {
  const top = Math.max(...cell.rows.map((r) => r.opsPerSecond));
  // Wide enough for the longest name (a plugin's path) at about 7 px a character.
  const labelWidth = Math.max(120, 16 + 7 * Math.max(...cell.rows.map((r) => r.impl.length)));
  const height = cell.rows.length * (BAR_HEIGHT + 6) + 6;
  const bars = cell.rows.map((r, i) => {
    const y = 6 + i * (BAR_HEIGHT + 6);
    const w = top > 0 ? Math.max(1, (r.opsPerSecond / top) * BAR_WIDTH) : 1;
    const fill = r.impl === baseline ? '#1d4ed8' : '#60a5fa';
    const value = `${Math.round(r.opsPerSecond).toLocaleString('en-US')} ops/s · ${r.vsBaseline.cpu.toFixed(2)}× CPU`;
    return (
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${e(r.impl)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${fill}"><title>${e(value)}</title></rect>` +
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}">${e(value)}</text>`
    );
  });
  const width = labelWidth + BAR_WIDTH + VALUE_WIDTH;
  return `<svg role="img" aria-label="${e(`ops/s, ${cell.workload}, ${cell.mix}`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars.join('')}</svg>`;
}

function table(cell: BenchCell, baseline: string): string {
  const head = [
    'impl',
    'ops/s',
    'wall µs/op',
    'CPU µs/op',
    `÷${baseline} CPU`,
    `÷${baseline} wall`,
    'heap/URL',
  ];
  const rows = cell.rows.map(
    (r) =>
      `<tr><td>${e(r.impl)}</td><td>${Math.round(r.opsPerSecond)}</td><td>${r.wallUsPerOp.toFixed(2)}</td>` +
      `<td>${r.cpuUsPerOp.toFixed(2)}</td><td>${r.vsBaseline.cpu.toFixed(2)}×</td><td>${r.vsBaseline.wall.toFixed(2)}×</td>` +
      `<td>${e(formatHeap(r.heapBytesPerUrl))}</td><td class="latency"><code>${e(formatLatency(r))}</code></td></tr>`,
  );
  return (
    `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}<th>latency µs (p50/p99)</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** The page. */
export function renderBenchReport({ result, command, generatedAt }: BenchReportInput): string {
  const { machine, settings, effectiveParallelism: p } = result;
  const meta = [
    `<code>${e(command)}</code> · ${e(generatedAt)}`,
    `${e(machine.cpuModel)}, ${machine.cpus} CPUs, Node ${e(machine.node)}` +
      (p === null ? '' : ` · effective parallelism ${p.start.toFixed(2)} before, ${p.end.toFixed(2)} after`),
    `median of ${rounds(settings.rounds)}, ${settings.timeMs} ms per cell and round, up to ${settings.concurrency} calls in flight, seed ${settings.seed}; ` +
      `ratios are throughput ÷ ${e(result.baseline)}'s` +
      (result.gc === 'unavailable' ? '; heap not measured (no garbage collector)' : ''),
  ];
  const cells = result.cells.map(
    (cell) =>
      `<h2>${e(`${cell.workload}, ${cell.mix}`)}</h2><p class="sequence">${e(cell.sequence)}</p>` +
      chart(cell, result.baseline) +
      table(cell, result.baseline),
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<title>regsim bench</title>',
    `<style>${STYLE}</style></head><body>`,
    '<h1>regsim bench</h1>',
    ...meta.map((m) => `<p class="meta">${m}</p>`),
    ...cells,
    '</body></html>',
    '',
  ].join('\n');
}

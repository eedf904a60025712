import { describe, expect, it } from 'vitest';
import { renderBenchReport } from '../../sim/throughput/htmlReport.ts';
import { renderBenchTable } from '../../sim/throughput/renderTable.ts';
import { type BenchProgress, runBench } from '../../sim/throughput/runBench.ts';
import { targetOf } from '../../sim/throughput/subject.ts';
import { HOT_WORKLOAD, NAMED_MIXES, spreadWorkload } from '../../sim/throughput/workload.ts';
import { findImplementation } from '../../src/catalog.ts';

describe('runBench', () => {
  it('measures every registry in every cell, with ratios to the baseline, and renders them', async () => {
    const v1113 = findImplementation('v1113')!;
    // A name that must be escaped in the page.
    const renamed = targetOf({ ...findImplementation('actor')!, name: 'actor<&>' });
    const progress: BenchProgress[] = [];
    const result = await runBench({
      targets: [renamed, targetOf(v1113)],
      baseline: 'v1113',
      workloads: [HOT_WORKLOAD, spreadWorkload(100)],
      mixes: [NAMED_MIXES[1]!],
      ops: 100,
      rounds: 2,
      timeMs: 5,
      measureParallelism: false,
      onProgress: (p) => progress.push(p),
    });
    if (result.verdict !== 'measured') throw new Error(result.message);
    expect(result.cells.map((c) => c.workload)).toEqual(['hot URL', '100 URLs']);
    // Checks, the warm-up round and two rounds, for 2 registries × 2 cells.
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const cell of result.cells) {
      expect(cell.rows.map((r) => r.impl)).toEqual(['actor<&>', 'v1113']);
      const [actor, lock] = cell.rows;
      expect(lock!.vsBaseline).toEqual({ cpu: 1, wall: 1 });
      expect(actor!.vsBaseline.cpu).toBeCloseTo(lock!.cpuUsPerOp / actor!.cpuUsPerOp, 10);
      for (const row of cell.rows) {
        expect(row.rounds).toHaveLength(2);
        expect(row.wallUsPerOp).toBeGreaterThan(0);
        expect(row.cpuUsPerOp).toBeGreaterThan(0);
        expect(Object.keys(row.latency).sort()).toEqual(['register', 'removeByUrl', 'replace']);
        expect(row.latency.register!.p99Us).toBeGreaterThanOrEqual(row.latency.register!.p50Us);
      }
    }
    expect(result.cells[0]!.rows[0]!.heapBytesPerUrl).toBeNull();
    expect(result.cells[1]!.rows.every((r) => r.heapBytesPerUrl !== null)).toBe(result.gc !== 'unavailable');

    const text = renderBenchTable(result).join('\n');
    expect(text).toContain('÷v1113 CPU');
    expect(text).toContain('100 URLs, churn');
    const html = renderBenchReport({ result, command: 'regsim bench', generatedAt: '2026-01-01T00:00:00Z' });
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/<rect /g)).toHaveLength(4);
    expect(html).toContain('actor&lt;&amp;&gt;');
    expect(html).not.toContain('actor<&>');
  });

  it('rejects a registry that goes wrong only after its checks, with no figures', async () => {
    const actor = findImplementation('actor')!;
    let broken = false;
    // Right through the checks, then every replace is refused.
    const late = targetOf({
      ...actor,
      name: 'late',
      create: (rt) => {
        const registry = actor.create(rt);
        return { ...registry, replace: async (id, w) => !broken && (await registry.replace!(id, w)) };
      },
    });
    const result = await runBench({
      targets: [late],
      workloads: [HOT_WORKLOAD],
      mixes: [NAMED_MIXES[1]!],
      ops: 100,
      rounds: 1,
      timeMs: 5,
      measureParallelism: false,
      onProgress: (p) => {
        if (p.label.startsWith('checked')) broken = true;
      },
    });
    expect(result).toMatchObject({ verdict: 'wrong', impl: 'late', workload: 'hot URL', mix: 'churn' });
    // The first check of the warm-up round sees the refused replace.
    expect(result.verdict === 'wrong' && result.message).toMatch(
      /^late on hot URL, churn: removing http:\/\/w0:8000 returned W0\.\d+$/,
    );
    expect(result).not.toHaveProperty('cells');
  });
});

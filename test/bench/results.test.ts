import { describe, expect, it } from 'vitest';
import { renderResultsMarkdown } from '../../bench/renderResults.ts';
import { type BenchResults, type RawResults, summarise } from '../../bench/results.ts';

const HARD = 'r0/FAB';

/** Raw figures shaped like a real run, with numbers chosen so every ratio is easy to predict. */
function raw(overrides: Partial<RawResults> = {}): RawResults {
  const detectionRow = (finding: string, strategy: string, median: number) => ({
    finding,
    impl: 'r0',
    strategy,
    median,
    p90: median * 2,
    counts: [median],
    censored: median >= 2000 ? 1 : 0,
  });
  const registryRow = (workload: string, mix: string, impl: string, cpuUsPerOp: number) => ({
    workload,
    mix,
    impl,
    cpuUsPerOp,
    wallUsPerOp: cpuUsPerOp,
    opsPerSecond: 1e6 / cpuUsPerOp,
    vsV1113: 0,
  });
  const checkerSet = (label: string, operations: number, regsimMs: number, porcupineMs: number | null) => ({
    label,
    operations,
    rounds: 3,
    repeat: 1,
    regsimMs,
    regsimMinMs: regsimMs,
    regsimFirstMs: regsimMs,
    porcupineMs,
    porcupineMinMs: porcupineMs,
  });
  const rates = (speedup: number) => ({ oneThread: 1000, twoThreads: 1000 * speedup, speedup });
  return {
    simThroughput: {
      schedules: 100,
      rows: [
        { impl: 'r0', driver: 'fc.scheduler()', schedulesPerSecond: 1000, vsFastCheck: 1 },
        { impl: 'r0', driver: 'random', schedulesPerSecond: 6000, vsFastCheck: 6 },
        { impl: 'actor', driver: 'fc.scheduler()', schedulesPerSecond: 1000, vsFastCheck: 1 },
        { impl: 'actor', driver: 'random', schedulesPerSecond: 4000, vsFastCheck: 4 },
      ],
    },
    detection: {
      seeds: 1,
      max: 2000,
      depth: 3,
      rows: [
        detectionRow('r0/R1', 'random', 2),
        detectionRow('r0/R1', 'fc.scheduler()', 1),
        detectionRow(HARD, 'random', 30),
        detectionRow(HARD, 'pct', 2000),
        detectionRow(HARD, 'pos', 4),
        detectionRow(HARD, 'fc.scheduler()', 48),
      ],
    },
    hardestRace: HARD,
    shallowRaces: ['r0/R1'],
    shrinkQuality: [
      {
        race: 'R1',
        seeds: 2,
        regsim: { found: 2, minimal: 2, shapes: ['1+1', '1+1'] },
        fastCheck: { found: 2, minimal: 1, shapes: ['1+1', '1+1+1'] },
      },
      {
        race: 'R2',
        seeds: 2,
        regsim: { found: 2, minimal: 1, shapes: ['1+1', '2+1'] },
        fastCheck: { found: 1, minimal: 0, shapes: ['none', '1+1+1'] },
      },
    ],
    registry: [
      registryRow('hot URL', 'churn', 'actor', 4),
      registryRow('hot URL', 'churn', 'v1113', 1),
      registryRow('1,000 URLs', 'read-heavy', 'actor', 1),
      registryRow('1,000 URLs', 'read-heavy', 'v1113', 2),
    ],
    checker: {
      porcupine: 'measured',
      sets: [
        checkerSet('etcd', 8_523, 200, 410),
        checkerSet('c50-ok.txt', 1_712, 400, 310),
        checkerSet('c50-bad.txt', 2_024, 50, 60),
      ],
      unpartitioned: [],
      registry: { operations: 9, usPerCheck: 30 },
    },
    parallel: {
      schedules: 100,
      reps: 1,
      warmUp: 10,
      parallelismBefore: 1.2,
      parallelismAfter: 1.9,
      rows: [
        {
          impl: 'r0',
          cold: rates(1),
          warm: { ...rates(1.7), oneThreadRange: [1000, 1000], twoThreadsRange: [1700, 1700] },
        },
        {
          impl: 'actor',
          cold: rates(1),
          warm: { ...rates(1.5), oneThreadRange: [1000, 1000], twoThreadsRange: [1500, 1500] },
        },
      ],
    },
    memory: [{ impl: 'actor', urls: 1000, bytesPerUrl: 4000, bytesPerUrlWithRings: 5000 }],
    verify: {
      impl: 'actor',
      universe: 'small',
      bound: { tasks: { min: 2, max: 3 }, ops: { min: 1, max: 1 } },
      scenarios: 10,
      dporTraces: 40,
      dporSleepBlocked: 10,
      dfsInterleavings: 400,
      dporMs: 100,
      dfsMs: 900,
      unfinished: 0,
    },
    ...overrides,
  } as RawResults;
}

describe('summarise', () => {
  const summary = summarise(raw());

  it('takes each headline ratio as the issue defines it', () => {
    expect(summary.ratios.simVsFastCheck).toBe(4); // the slowest row, not the best
    expect(summary.ratios.bugFindingVsFastCheck).toBe(12); // fc 48 ÷ best strategy (pos) 4
    // R1: fc 1 ÷ random 2; FAB: 12 — the geometric mean of 0.5 and 12.
    expect(summary.ratios.bugFindingGeomeanVsFastCheck).toBeCloseTo(Math.sqrt(6), 10);
    expect(summary.ratios.verifyTracesPerInterleaving).toBe(0.1);
    expect(summary.ratios.actorVsLock).toBe(0.25); // worst cell: hot-URL churn, 1 ÷ 4
    expect(summary.ratios.parallelSpeedup).toBe(1.5);
    expect(summary.ratios.checkerVsPorcupineEtcd).toBe(410 / 200);
    expect(summary.ratios.checkerVsPorcupineWorst).toBe(310 / 400); // c50-ok, not the etcd set
    expect(summary.minimalShrinkShare).toEqual({ regsim: 3 / 4, fastCheck: 1 / 4 });
  });

  it('gives each goal a verdict against its target', () => {
    const verdict = Object.fromEntries(summary.goals.map((g) => [g.id, g.met]));
    expect(verdict).toEqual({
      simVsFastCheck: false,
      'parity:r0/R1': false, // random needs 2, fast-check 1
      bugFindingVsFastCheck: true,
      bugFindingGeomeanVsFastCheck: false,
      minimalShrinkShare: false,
      actorVsLock: false,
      parallelSpeedup: false,
      checkerVsPorcupineEtcd: true,
      checkerVsPorcupineWorst: false,
    });
    expect(summary.goals.find((g) => g.id === 'parallelSpeedup')?.caveat).toMatch(/parallelism was 1\.20/);
  });

  it('says when the bug-finding ratio is only a bound', () => {
    const rows = raw().detection.rows.map((r) =>
      r.finding === HARD && r.strategy !== 'fc.scheduler()' ? { ...r, median: 2000 } : r,
    );
    const censored = summarise(raw({ detection: { ...raw().detection, rows } }));
    expect(censored.goals.find((g) => g.id === 'bugFindingVsFastCheck')?.caveat).toMatch(/upper bound/);
  });

  it('marks quoted Porcupine figures and leaves out what was not measured', () => {
    const quoted = summarise(raw({ checker: { ...raw().checker, porcupine: 'quoted' } }));
    expect(quoted.goals.find((g) => g.id === 'checkerVsPorcupineWorst')?.caveat).toMatch(/quoted/);
    const checker = {
      ...raw().checker,
      porcupine: 'quoted',
      sets: raw().checker.sets.map((s) => ({ ...s, porcupineMs: null, porcupineMinMs: null })),
    } as const;
    const absent = summarise(raw({ checker }));
    expect(absent.ratios.checkerVsPorcupineEtcd).toBeNull();
    expect(absent.ratios.checkerVsPorcupineWorst).toBeNull();
    expect(absent.goals.some((g) => g.section === 4)).toBe(false);
  });

  it('refuses figures it cannot pair', () => {
    expect(() => summarise(raw({ hardestRace: 'v9/none' }))).toThrow(/no detection figures for v9\/none/);
    const registry = raw().registry.filter((r) => !(r.impl === 'v1113' && r.mix === 'churn'));
    expect(() => summarise(raw({ registry }))).toThrow(/no registry figure for v1113/);
  });
});

describe('renderResultsMarkdown', () => {
  const r = raw();
  const results: BenchResults = {
    schema: 1,
    generatedAt: '2026-11-27T00:00:00.000Z',
    command: 'npm run bench',
    quick: false,
    durationSeconds: 12,
    machine: {
      cpuModel: 'Test CPU',
      cpus: 2,
      availableParallelism: 2,
      totalMemoryGiB: 24,
      platform: 'linux-x64',
      osRelease: '6',
      node: 'v20.20.0',
      v8: '11',
      loadAverage: [1, 1, 1],
    },
    effectiveParallelism: { start: 1.95, end: 1.9 },
    ...summarise(r),
    raw: r,
  };
  const md = renderResultsMarkdown(results);

  it('lists every unmet goal and points to the analysis', () => {
    expect(md).toContain('7 goals are not met in this run');
    expect(md).toContain(
      '`simVsFastCheck`, `parity:r0/R1`, `bugFindingGeomeanVsFastCheck`, `minimalShrinkShare`, `actorVsLock`, `parallelSpeedup`, `checkerVsPorcupineWorst`',
    );
    expect(md).toContain('docs/PERFORMANCE.md');
    expect(md.match(/\*\*not met\*\*/g)).toHaveLength(7);
  });

  it('shows the machine, the seven sections and censored counts', () => {
    expect(md).toContain('Test CPU × 2');
    expect(md).toContain('1.95 at start, 1.90 at end');
    for (const heading of ['## 1.', '## 2.', '## 3.', '## 4.', '## 5.', '## 6.', '## 7.'])
      expect(md).toContain(heading);
    expect(md).toContain('≥2000 / ≥2000 (1 not found)');
    expect(md).toContain('| dpor | 40 traces + 10 sleep-set-blocked | 0.1 s |');
    expect(md).toContain(
      '`verifyTracesPerInterleaving` = 0.100; with the sleep-set-blocked schedules, DPOR runs 0.125',
    );
    expect(md).toContain('| hot URL | churn | 4.00 | 1.00 | 0.25× |');
    expect(md).toContain(
      '| c50-ok.txt | 1,712 | 3 × 1 | 400.00 | 400.00 | 400.00 | 310.00 | 310.00 | 0.78× |',
    );
  });

  it('is a pure function of the results', () => {
    expect(renderResultsMarkdown(results)).toBe(md);
  });
});

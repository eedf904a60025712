import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function bench(args: readonly string[], nodeFlags: readonly string[] = ['--expose-gc']) {
  return spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', 'bench/run.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 400_000,
  });
}

describe('npm run bench', () => {
  const out = mkdtempSync(join(tmpdir(), 'regsim-bench-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('rejects bad arguments and a missing --expose-gc with exit 2 and a usage line', () => {
    const bad = bench(['--fast']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown argument "--fast"');
    expect(bad.stderr).toContain('usage:');
    const noGc = bench(['--quick'], []);
    expect(noGc.status).toBe(2);
    expect(noGc.stderr).toContain('--expose-gc');
  });

  // One quick run of every section: the command regenerates both files from the committed code.
  it('writes results.json with the contract fields and RESULTS.md from one command', {
    timeout: 420_000,
  }, () => {
    const run = bench(['--quick', '--out', out]);
    expect(run.stderr).toContain('6. memory done');
    expect(run.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    for (const name of ['simVsFastCheck', 'bugFindingVsFastCheck', 'actorVsLock', 'parallelSpeedup']) {
      expect(typeof results.ratios[name], name).toBe('number');
      expect(Number.isFinite(results.ratios[name]), name).toBe(true);
    }
    // The histories are committed, so §4 always runs: beside Porcupine's quoted figures when
    // there is no porcupine.test (PORCUPINE_DIR), and its goals say so.
    for (const name of ['checkerVsPorcupineEtcd', 'checkerVsPorcupineWorst'])
      expect(Number.isFinite(results.ratios[name]), name).toBe(true);
    expect(results.raw.checker.sets.map((s: { label: string }) => s.label)).toContain('c50-bad.txt');
    if (!process.env.PORCUPINE_DIR) expect(results.raw.checker.porcupine).toBe('quoted');
    for (const set of results.raw.checker.sets) expect(set.porcupineMs, set.label).not.toBeNull();
    for (const tool of ['regsim', 'fastCheck']) {
      expect(results.minimalShrinkShare[tool]).toBeGreaterThanOrEqual(0);
      expect(results.minimalShrinkShare[tool]).toBeLessThanOrEqual(1);
    }
    expect(results.machine.node).toBe(process.version);
    expect(typeof results.effectiveParallelism.start).toBe('number');
    expect(results.quick).toBe(true);
    const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
    expect(md).toContain('Quick mode');
    expect(md).toContain(
      `| simVsFastCheck | ${results.ratios.simVsFastCheck >= 10 ? results.ratios.simVsFastCheck.toFixed(1) : results.ratios.simVsFastCheck.toFixed(2)}× |`,
    );
  });
});

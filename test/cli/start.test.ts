import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

describe('regsim start (npm start)', () => {
  it('prints the known-interleavings and campaign tables and writes the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regsim-start-'));
    const run = await runCli('start', '--time-budget', '3s', '--report', dir);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^\| R1 +\| url-unique url-map linearizable +\|/m);
    for (const impl of ['pre714', 'v756', 'r0', 'v836', 'v1113', 'head', 'actor']) {
      expect(run.out).toMatch(new RegExp(`^\\| ${impl} +\\| \\d+ +\\|`, 'm'));
    }
    // The actor registry breaks nothing; r0 breaks at least url-unique within seconds.
    expect(run.out).toMatch(/^\| actor +\| \d+ +(\| · +)+\|$/m);
    expect(run.out).toMatch(/^\| r0 +\| \d+ +\| d\d+ @\d+/m);
    // Bounded verification: the actor registry has no violation in any interleaving; r0 does.
    expect(run.out).toMatch(/^\| actor +\| 226 +\| \d+ +\| verified +\|$/m);
    expect(run.out).toMatch(/^\| r0 +\| \d+ +\| \d+ +\| url-unique at scenario #1 +\|$/m);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('data-lane=');
  });

  it('rejects a bad budget with exit 2', async () => {
    const run = await runCli('start', '--time-budget', 'forever');
    expect(run.code).toBe(2);
  });
});

/** `regsim fuzz --report/--junit`: where the files go, what is printed, and a target that cannot be written. */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.ts';

const R1 = ['--impl', 'r0', '--scenario', 'scenarios/known/R1.json', '--schedules', '50', '--until-first'];

describe('regsim fuzz --report --junit', () => {
  it('creates the directories, writes both files and prints their paths', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'regsim-write-')), 'a', 'b');
    const junit = join(dir, 'c', 'junit.xml');
    const run = await runCli('fuzz', ...R1, '--report', dir, '--junit', junit);
    expect(run.code, run.err).toBe(1);
    expect(run.out).toContain(`report: ${join(dir, 'index.html')}`);
    expect(run.out).toContain(`junit: ${junit}`);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    expect(existsSync(junit)).toBe(true);
  });

  it('exits 2 with a message before the campaign when a report cannot be written', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'regsim-write-')), 'plain-file');
    await writeFile(file, '');
    const run = await runCli('fuzz', ...R1, '--junit', join(file, 'junit.xml'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^regsim fuzz: --junit .*plain-file\/junit\.xml: ENOTDIR/);
    expect(run.out).toBe('');
  });
});

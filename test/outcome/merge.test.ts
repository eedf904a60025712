/** `regsim merge` refuses what is not a set of distinct shards of one campaign, with exit 2. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FuzzResult, MergedResult } from '../../sim/outcome/types.ts';
import { runCli } from '../cli/runCli.ts';

const temp = mkdtempSync(join(tmpdir(), 'regsim-merge-'));
const file = (name: string, content: unknown) => {
  const path = join(temp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('regsim merge', () => {
  let shard: FuzzResult;
  let first: string;
  beforeAll(async () => {
    const run = await runCli(
      'fuzz',
      ...['--impl', 'r0', '--strategy', 'random', '--schedules', '1000', '--seed', '3', '--until-first'],
      ...['--shard', '1/2', '--threads', '1', '--json'],
    );
    shard = JSON.parse(run.out) as FuzzResult;
    first = file('shard-1.json', shard);
  }, 60_000);
  const variant = (name: string, change: Partial<FuzzResult>) => file(name, { ...shard, ...change });

  it('a fuzz shard result carries its slice and campaign', () => {
    expect(shard.shard).toEqual({ index: 1, count: 2 });
    expect(shard.campaign).toEqual({ impls: ['r0'], strategy: 'random', depth: 3, seed: 3, schedules: 1000 });
  });

  it('merges what it has and names the missing shards', async () => {
    const run = await runCli('merge', first, '--json');
    // Shard 2's schedules were never checked, so the merge is not a pass whatever shard 1 found.
    expect(run.code).toBe(1);
    const merged = JSON.parse(run.out) as MergedResult;
    expect(merged.ok).toBe(false);
    expect(merged.shards).toEqual({ count: 2, merged: [1], missing: [2] });
    expect(merged.schedules).toBe(shard.schedules);
    const text = await runCli('merge', first);
    expect(text.out).toMatch(/^merged shard 1 of 2: r0 with random/);
    expect(text.out).toMatch(/missing shard\(s\) 2: their schedules were not explored/);
  });

  it.each<[string, () => string[], RegExp]>([
    [
      'shards of different campaigns',
      () => [
        first,
        variant('seed.json', { shard: { index: 2, count: 2 }, campaign: { ...shard.campaign, seed: 4 } }),
      ],
      /seed\.json and .*shard-1\.json are shards of different campaigns \(seed: 3 vs 4\)/,
    ],
    [
      'different shard counts',
      () => [first, variant('count.json', { shard: { index: 2, count: 3 } })],
      /count\.json is shard 2\/3 but .*shard-1\.json is of 2/,
    ],
    ['the same shard twice', () => [first, first], /shard-1\.json and .*shard-1\.json are both shard 1\/2/],
    [
      'an unsharded result',
      () => [variant('whole.json', { shard: null })],
      /whole\.json is not a shard result/,
    ],
    ['a missing file', () => [first, join(temp, 'absent.json')], /cannot read .*absent\.json: ENOENT/],
    ['a file that is not JSON', () => [file('broken.json', '{ "ok": tru')], /broken\.json: not JSON/],
    [
      'JSON that is not a fuzz result',
      () => [file('other.json', { ok: true })],
      /other\.json: not a regsim fuzz --json result: result\.seed is not a number/,
    ],
    ['no file', () => [], /give the result files to merge/],
  ])('refuses %s with exit 2 and one line', async (_, files, message) => {
    const run = await runCli('merge', ...files());
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.out).toBe('');
  });
});

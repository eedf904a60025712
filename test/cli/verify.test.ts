/**
 * `regsim verify` on the command line: its verdict line and exit codes (0 verified, 1 a
 * counterexample, 2 usage, 3 incomplete), `--json`, and `regsim merge` over its shards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

const dir = mkdtempSync(join(tmpdir(), 'regsim-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regsim verify', () => {
  it('verifies actor on a small bound: exit 0 and the verdict line', async () => {
    const run = await runCli('verify', '--impl', 'actor', '--tasks', '2', '--ops', '1');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(
      /^actor: 226 scenarios of universe small \(tasks 2, ops 1\), \d+ traces in [\d.]+ s$/,
    );
    expect(lines.at(-1)).toBe('verified: no violation in any interleaving of any scenario within the bound');
  });

  it('prints r0’s first failing scenario with a token that replays it: exit 1', async () => {
    const run = await runCli('verify', '--impl', 'r0', '--tasks', '2', '--ops', '1..2');
    expect(run.code).toBe(1);
    expect(run.out).toContain('counterexample: the first failing scenario is #1');
    expect(run.out).toContain('url-unique on r0');
    const token = /replay: npx regsim replay (\S+)/.exec(run.out)![1]!;
    const replayed = await runCli('replay', token);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain('url-unique');
  });

  it('prints the result object with --json', async () => {
    const run = await runCli('verify', '--impl', 'v836', '--tasks', '2', '--ops', '1..2', '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.out);
    expect(result).toMatchObject({
      impl: 'v836',
      universe: 'small',
      tasks: { min: 2, max: 2 },
      ops: { min: 1, max: 2 },
      verified: false,
      complete: true,
      counterexample: { scenario: 1 },
    });
    for (const field of ['scenarios', 'traces', 'elapsedMs']) expect(typeof result[field]).toBe('number');
    expect(result.counterexample.token).toMatch(/^regsim1\./);
  });

  it('says incomplete and exits 3 when a scenario outgrows --max-traces', async () => {
    const run = await runCli('verify', '--impl', 'actor', '--tasks', '2', '--ops', '1', '--max-traces', '2');
    expect(run.code).toBe(3);
    expect(run.out).toMatch(/^incomplete: \d+ scenario\(s\) not explored to the end within 2 traces each/m);
    expect(run.out).not.toContain('verified:');
  });

  it.each([
    [['--tasks', '2'], 'regsim verify: --impl <name> is required'],
    [['--impl', 'nope'], /^regsim verify: unknown implementation "nope"/],
    [
      ['--impl', 'actor', '--tasks', '3..2'],
      /^regsim verify: --tasks expects a count or a range a\.\.b .*got "3\.\.2"$/,
    ],
    [['--impl', 'actor', '--ops', 'x'], /^regsim verify: --ops expects/],
    [
      ['--impl', 'actor', '--universe', 'huge'],
      'regsim verify: unknown universe "huge" (one of small, medium)',
    ],
    [['--impl', 'actor', '--shard', '3/2'], 'regsim verify: --shard expects i/n with 1 ≤ i ≤ n, got "3/2"'],
    [
      ['--impl', 'actor', '--max-traces', '0'],
      /^regsim verify: --max-traces expects a decimal integer from 1/,
    ],
    [['--impl', 'actor,r0'], 'regsim verify: --impl takes one implementation (verify them one at a time)'],
  ])('exits 2 for %j with one line', async (argv, message) => {
    const run = await runCli('verify', ...argv);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    if (typeof message === 'string') expect(run.err).toBe(message);
    else expect(run.err).toMatch(message);
    expect(run.err.split('\n')).toHaveLength(1);
  });
});

describe('regsim merge of verify shards', () => {
  const shardFiles = async (impl: string, ops: string, count: number) => {
    const files: string[] = [];
    for (let i = 1; i <= count; i++) {
      const run = await runCli(
        'verify',
        '--impl',
        impl,
        '--tasks',
        '2',
        '--ops',
        ops,
        '--shard',
        `${i}/${count}`,
        '--json',
      );
      const file = join(dir, `${impl}-${i}-of-${count}.json`);
      writeFileSync(file, run.out);
      files.push(file);
    }
    return files;
  };

  it('equals the unsharded run, and a missing shard never merges into a pass', async () => {
    const whole = JSON.parse(
      (await runCli('verify', '--impl', 'actor', '--tasks', '2', '--ops', '1', '--json')).out,
    );
    const files = await shardFiles('actor', '1', 2);
    const merged = await runCli('merge', ...files, '--json');
    expect(merged.code).toBe(0);
    const value = JSON.parse(merged.out);
    for (const field of ['scenarios', 'traces', 'verified', 'complete', 'incomplete'])
      expect(value[field]).toEqual(whole[field]);
    const text = await runCli('merge', ...files);
    expect(text.out.split('\n').at(-1)).toBe(
      'verified: no violation in any interleaving of any scenario within the bound',
    );
    const missing = await runCli('merge', files[0]!);
    expect(missing.code).toBe(3);
    expect(missing.out).toContain('missing shard(s) 2');
  });

  it('reports the smallest counterexample over the shards: exit 1', async () => {
    const whole = JSON.parse(
      (await runCli('verify', '--impl', 'r0', '--tasks', '2', '--ops', '1..2', '--json')).out,
    );
    const merged = await runCli('merge', ...(await shardFiles('r0', '1..2', 2)), '--json');
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.out).counterexample).toEqual(whole.counterexample);
  });

  it('refuses to mix verify and fuzz results', async () => {
    const [verifyFile] = await shardFiles('actor', '1', 2);
    const fuzzFile = join(dir, 'fuzz.json');
    writeFileSync(
      fuzzFile,
      (
        await runCli(
          'fuzz',
          '--impl',
          'actor',
          '--schedules',
          '5',
          '--shard',
          '1/2',
          '--json',
          '--threads',
          '1',
        )
      ).out,
    );
    const run = await runCli('merge', verifyFile!, fuzzFile);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/is a verify result but .*fuzz\.json is not/);
  });
});

/**
 * The programmatic API (`sim/api/`, the package root): each function returns the object its
 * command prints with `--json`, prints nothing, and rejects misuse with one sentence.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { assertNoViolations, bench, check, fuzz, list, replay } from '../../sim/api/index.ts';
import { runCli } from '../cli/runCli.ts';

/** A fuzz result without its timing fields, which differ from run to run. */
const untimed = (result: object) => {
  const { elapsedMs: _e, schedulesPerSecond: _s, ...rest } = result as Record<string, unknown>;
  return rest;
};

const RACY = 'examples/plugins/racy-registry.ts';
const FIXED = 'examples/plugins/fixed-registry.ts';

describe('fuzz()', () => {
  it('returns what regsim fuzz --json prints, and prints nothing', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const result = await fuzz({
      impl: ['r0', 'actor'],
      strategy: 'random',
      seed: 4,
      schedules: 600,
      threads: 1,
    });
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    const cli = await runCli(
      'fuzz',
      '--impl',
      'r0,actor',
      '--strategy',
      'random',
      '--seed',
      '4',
      '--schedules',
      '600',
      '--threads',
      '1',
      '--json',
    );
    expect(cli.code).toBe(1);
    expect(untimed(result)).toEqual(untimed(JSON.parse(cli.out)));
    expect(result.ok).toBe(false);
    expect(result.violations.every((v) => v.impl === 'r0')).toBe(true);
  });

  it('rejects misuse with one sentence', async () => {
    await expect(fuzz({ impl: 'nope' })).rejects.toThrow(/^fuzz: unknown implementation "nope"/);
    await expect(fuzz({ impl: 'r0', schedules: 0 })).rejects.toThrow(
      'fuzz: schedules must be an integer ≥ 1, got 0',
    );
    await expect(fuzz({ impl: 'r0', depth: 1.5 })).rejects.toThrow(/^fuzz: depth must be an integer/);
    await expect(fuzz({ impl: [] })).rejects.toThrow(/at least one implementation/);
  });
});

describe('replay()', () => {
  it('returns what regsim replay --json prints, for a scenario file and for a token', async () => {
    const fromFile = await replay('scenarios/known/R1.json', { impl: 'r0' });
    const cli = await runCli('replay', 'scenarios/known/R1.json', '--impl', 'r0', '--json');
    expect(fromFile).toEqual(JSON.parse(cli.out));
    expect(fromFile.ok).toBe(false);
    const found = await fuzz({
      impl: 'r0',
      strategy: 'random',
      seed: 2,
      schedules: 500,
      threads: 1,
      untilFirst: true,
    });
    const token = found.violations[0]!.token;
    const fromToken = await replay(token);
    expect(fromToken.diverged).toEqual([]);
    expect(fromToken.violations.map((v) => v.invariant)).toContain(found.violations[0]!.invariant);
  });

  it('rejects what it cannot replay', async () => {
    await expect(replay('scenarios/known/R1.json')).rejects.toThrow(
      'replay: impl is required to replay a scenario',
    );
    await expect(replay('regsim1.x')).rejects.toThrow(/^replay: corrupt replay token/);
  });
});

describe('list()', () => {
  it('returns what regsim list --json prints', async () => {
    expect(list()).toEqual(JSON.parse((await runCli('list', '--json')).out));
  });
});

describe('assertNoViolations()', () => {
  it('throws, as fc.assert does, with each counterexample table and its replay line', async () => {
    const failure = await assertNoViolations({
      impl: RACY,
      schedules: 300,
      threads: 1,
      untilFirst: true,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toMatch(/^regsim found 1 violation\(s\) in \d+ schedules \(strategy pct, seed 1\):/);
    expect(message).toMatch(/\| #\s+\| T1\s+\| T2\s+\|/);
    expect(message).toMatch(/\nreplay: npx regsim replay regsim1\.\S+/);
  });

  it('resolves when nothing breaks', async () => {
    await expect(assertNoViolations({ impl: FIXED, schedules: 300, threads: 1 })).resolves.toBeUndefined();
  });
});

describe('examples/vitest', () => {
  const run = (plugin?: string) =>
    spawnSync('npx', ['vitest', 'run', '--root', 'examples/vitest'], {
      encoding: 'utf8',
      env: { ...process.env, ...(plugin === undefined ? {} : { REGSIM_PLUGIN: plugin }) },
    });

  it('passes on the fixed registry and fails on the racy one with the interleaving table', () => {
    expect(run().status).toBe(0);
    const racy = run('../plugins/racy-registry.ts');
    expect(racy.status).toBe(1);
    expect(racy.stdout + racy.stderr).toMatch(/\| #\s+\| T1\s+\| T2\s+\|/);
    expect(racy.stdout + racy.stderr).toContain('replay: npx regsim replay regsim1.');
  }, 300_000);
});

describe('bench()', () => {
  it('measures side by side and returns the figures, or names the first wrong answer', async () => {
    const small = { workload: 'spread', urls: 100, mix: 'write-only', ops: 200, rounds: 1 } as const;
    const measured = await bench({ impl: ['actor', 'v1113'], ...small });
    expect(measured.verdict).toBe('measured');
    const wrong = await bench({ impl: 'actor,./test/fixtures/plugins/wrong-id-registry.ts', ...small });
    expect(wrong.verdict).toBe('wrong');
    expect(wrong.verdict === 'wrong' && wrong.message).toContain('register(W1.1) returned id1');
  });

  it('rejects misuse with one sentence', async () => {
    await expect(bench({ impl: 'actor', urls: 0 })).rejects.toThrow(
      'bench: urls must be a positive integer, got 0',
    );
    await expect(bench({ impl: 'nope' })).rejects.toThrow(/^bench: unknown implementation "nope"/);
  });
});

describe('check()', () => {
  it('returns per history what regsim check --json prints on its line, for files and for texts', async () => {
    const files = ['test/data/porcupine/jepsen/etcd_000.log', 'test/data/porcupine/kv/c01-ok.txt'];
    const etcd = await check(files[0]!, { model: 'etcd' });
    const cli = await runCli('check', '--model', 'etcd', files[0]!, '--json');
    const { ms: _a, ...fromApi } = etcd[0]! as { ms: number };
    const { ms: _b, ...fromCli } = JSON.parse(cli.out) as { ms: number };
    expect(fromApi).toEqual(fromCli);
    expect(etcd[0]!.verdict).toBe('illegal');
    const kv = await check([{ name: 'c01', text: readFileSync(files[1]!, 'utf8') }, 'missing.txt'], {
      model: 'kv',
    });
    expect(kv.map((v) => v.verdict)).toEqual(['ok', 'error']);
    expect(kv[1]).toMatchObject({ file: 'missing.txt', message: 'cannot read: ENOENT' });
  });

  it('rejects an unknown model', async () => {
    await expect(check('x', { model: 'nope' as never })).rejects.toThrow(/^check: unknown model "nope"/);
  });
});

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { chooseThreadCount, DEFAULT_POOL_MIN_CHUNKS } from '../../sim/parallel/threadCount.ts';
import { runCli } from '../cli/runCli.ts';

const run = { fixedScenario: false, cores: 2 };

describe('chooseThreadCount', () => {
  it('runs a short default campaign on this thread, a long one on every core', () => {
    // 5,000 and 10,000 schedules (fuzz's default): too short to pay for a second thread's warm-up.
    expect(chooseThreadCount({ ...run, requested: undefined, chunks: 10 })).toEqual({ threads: 1 });
    expect(chooseThreadCount({ ...run, requested: undefined, chunks: 20 })).toEqual({ threads: 1 });
    expect(chooseThreadCount({ ...run, requested: undefined, chunks: DEFAULT_POOL_MIN_CHUNKS - 1 })).toEqual({
      threads: 1,
    });
    expect(chooseThreadCount({ ...run, requested: undefined, chunks: DEFAULT_POOL_MIN_CHUNKS })).toEqual({
      threads: 2,
    });
    expect(chooseThreadCount({ ...run, cores: 8, requested: undefined, chunks: 1000 })).toEqual({
      threads: 8,
    });
  });

  it('honours --threads up to one thread per chunk', () => {
    expect(chooseThreadCount({ ...run, requested: 2, chunks: 10 })).toEqual({ threads: 2 });
    expect(chooseThreadCount({ ...run, requested: 1, chunks: 100 })).toEqual({ threads: 1 });
    expect(chooseThreadCount({ ...run, cores: 8, requested: 8, chunks: 3 })).toEqual({ threads: 3 });
  });

  it('warns above the core count, and says when it caps at the chunks', () => {
    const some = chooseThreadCount({ ...run, requested: 4, chunks: 100 });
    expect(some.threads).toBe(4);
    expect(some.warning).toBe(
      '--threads 4 is more than the 2 core(s) here: threads beyond the cores only add start-up time',
    );
    const many = chooseThreadCount({ ...run, requested: 1000, chunks: 10 });
    expect(many.threads).toBe(10);
    expect(many.warning).toMatch(
      /^--threads 1000 is more than the 2 core\(s\) here: .* \(running 10, one per chunk\)$/,
    );
  });

  it('explores a fixed scenario on this thread, whatever was asked', () => {
    expect(chooseThreadCount({ ...run, fixedScenario: true, requested: 2, chunks: 20 })).toEqual({
      threads: 1,
    });
    expect(chooseThreadCount({ ...run, fixedScenario: true, requested: undefined, chunks: 100 })).toEqual({
      threads: 1,
    });
  });

  it('keeps one thread for a shard with no chunk', () => {
    expect(chooseThreadCount({ ...run, requested: 2, chunks: 0 })).toEqual({ threads: 1 });
    expect(chooseThreadCount({ ...run, requested: undefined, chunks: 0 })).toEqual({ threads: 1 });
  });
});

describe('regsim fuzz applies the policy', () => {
  it('runs a short campaign on one thread by default', async () => {
    const run = await runCli('fuzz', '--impl', 'r0', '--schedules', '500', '--until-first', '--json');
    expect(run.err).toBe('');
    expect((JSON.parse(run.out) as { threads: number }).threads).toBe(1);
  });

  it('caps --threads at the chunk count and warns above the cores', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      'r0',
      '--schedules',
      '1000',
      '--threads',
      '64',
      '--until-first',
      '--json',
    );
    expect((JSON.parse(run.out) as { threads: number }).threads).toBe(2);
    if (availableParallelism() < 64) {
      expect(run.err).toMatch(
        /^regsim fuzz: --threads 64 is more than the \d+ core\(s\) here: .* \(running 2, one per chunk\)$/,
      );
    }
  }, 120_000);
});

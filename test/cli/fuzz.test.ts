import { describe, expect, it } from 'vitest';
import type { FuzzResult } from '../../sim/outcome/types.ts';
import { runCli } from './runCli.ts';

type FuzzJson = FuzzResult;

const fuzz = async (...argv: string[]) => {
  const run = await runCli('fuzz', ...argv);
  return {
    code: run.code,
    err: run.err,
    json: run.code === 2 ? undefined : (JSON.parse(run.out) as FuzzJson),
  };
};

const R0_ARGS = [
  '--impl',
  'r0',
  '--strategy',
  'pct',
  '--seed',
  '1',
  '--schedules',
  '5000',
  '--all',
  '--json',
];

describe('regsim fuzz on r0 (the issue contract)', async () => {
  const first = await fuzz(...R0_ARGS);
  const json = first.json!;
  const found = new Set(json.violations.map((v) => v.invariant));

  it('exits 1 and finds R1 (url-unique or url-map), R2/R3 (model-index, type-index or hash-ring) and R4 (linearizable)', () => {
    expect(first.code).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.schedules).toBe(5000);
    expect(['url-unique', 'url-map'].some((i) => found.has(i))).toBe(true);
    expect(['model-index', 'type-index', 'hash-ring'].some((i) => found.has(i))).toBe(true);
    expect(found.has('linearizable')).toBe(true);
  });

  it('shrinks every counterexample to at most 2 tasks of at most 2 operations each', () => {
    for (const v of json.violations) {
      expect(v.tasks).toBeLessThanOrEqual(2);
      expect(v.operations).toBeLessThanOrEqual(4);
    }
  });

  it('every token replays its violation with exit 1', async () => {
    for (const v of json.violations) {
      const replay = await runCli('replay', v.token, '--json');
      expect(replay.code).toBe(1);
      const out = JSON.parse(replay.out) as { violations: { invariant: string }[]; diverged: unknown[] };
      expect(out.violations.map((x) => x.invariant)).toContain(v.invariant);
      expect(out.diverged).toEqual([]);
    }
  });

  it('gives identical JSON for the same seed and arguments, apart from timing', async () => {
    const again = await fuzz(...R0_ARGS);
    const untimed = (j: FuzzJson) => ({ ...j, elapsedMs: 0, schedulesPerSecond: 0 });
    expect(untimed(again.json!)).toEqual(untimed(json));
  });
});

describe('the R1 race (two concurrent registers of one URL)', () => {
  it.each(['pct', 'random', 'pos'])(
    '%s shrinks it to 2 tasks, at most 2 operations, one preemption',
    async (strategy) => {
      const { code, json } = await fuzz(
        '--impl',
        'r0',
        '--strategy',
        strategy,
        '--scenario',
        'scenarios/known/R1.json',
        '--schedules',
        '2000',
        '--all',
        '--json',
      );
      expect(code).toBe(1);
      const r1 = json!.violations.find((v) => v.invariant === 'url-unique')!;
      expect(r1).toMatchObject({ tasks: 2, depth: 1 });
      expect(r1.operations).toBeLessThanOrEqual(2);
    },
  );
});

describe('bounded exhaustive exploration', () => {
  it('terminates on a 2-task scenario and reports its preemption bound', async () => {
    const { code, json } = await fuzz(
      '--impl',
      'v836',
      '--strategy',
      'dfs',
      '--scenario',
      'scenarios/known/R2.json',
      '--json',
    );
    expect(code).toBe(0);
    expect(json!.implementations[0]!.status).toMatch(/all schedules with ≤ \d+ preemptions checked/);
  });

  it('finds R1 on r0 at one preemption', async () => {
    const { code, json } = await fuzz(
      '--impl',
      'r0',
      '--strategy',
      'dfs',
      '--scenario',
      'scenarios/known/R1.json',
      '--until-first',
      '--json',
    );
    expect(code).toBe(1);
    expect(json!.violations[0]).toMatchObject({ depth: 1, tasks: 2 });
  });

  it('dpor finds R4 (linearizable) on fabricated-id at the same schedule whatever the seed', async () => {
    const runs = await Promise.all(
      ['1', '7'].map((seed) =>
        fuzz(
          '--impl',
          'r0',
          '--strategy',
          'dpor',
          '--scenario',
          'known/fabricated-id',
          '--schedules',
          '100',
          '--seed',
          seed,
          '--json',
        ),
      ),
    );
    for (const { code, json } of runs) {
      expect(code).toBe(1);
      const linearizable = json!.violations.find((v) => v.invariant === 'linearizable');
      expect(linearizable?.firstSchedule).toBe(22);
      expect(json!.implementations[0]).toMatchObject({ traces: 100, complete: false });
    }
  });

  it('dpor explores a scenario to completion and says so', async () => {
    const { code, json } = await fuzz(
      '--impl',
      'actor',
      '--strategy',
      'dpor',
      '--scenario',
      'known/R1',
      '--json',
    );
    expect(code).toBe(0);
    expect(json!.implementations[0]).toMatchObject({ complete: true, exhaustedScenarios: 1 });
    expect(json!.implementations[0]!.status).toMatch(/^every trace explored \(\d+ traces/);
  });
});

describe('differential mode', () => {
  it('reports per implementation on identical scenarios', async () => {
    const { json } = await fuzz('--impl', 'r0,v836', '--strategy', 'random', '--schedules', '300', '--json');
    expect(json!.implementations.map((i) => i.impl)).toEqual(['r0', 'v836']);
    expect(json!.implementations.every((i) => i.schedules === 300)).toBe(true);
  });
});

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['--impl', 'nope'], /unknown implementation "nope"/],
    [['--impl', 'r0', '--strategy', 'magic'], /unknown strategy "magic"/],
    [['--impl', 'r0', '--schedules', 'many'], /--schedules expects a decimal integer/],
    [['--impl', 'r0', '--time-budget', 'soon'], /--time-budget expects a duration/],
    [['--impl', 'r0', '--until-first', '--all'], /exclude each other/],
    [['--strategy', 'pct'], /--impl <name\[,name\]> is required/],
    [['--impl', 'r0', '--bogus'], /unknown flag --bogus/],
  ])('%j', async (argv, message) => {
    const run = await runCli('fuzz', ...argv);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err.split('\n')).toHaveLength(1);
  });

  it('a corrupt token', async () => {
    const run = await runCli('replay', 'regsim1.bm90IGEgdG9rZW4');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/corrupt replay token/);
  });
});

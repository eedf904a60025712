/**
 * Faulty plugins, end to end through the CLI: one that hangs, one whose create() or inspect()
 * fails, one that does not replay, and runs that explore nothing. Each must give an honest
 * verdict (exit code, one clear line, no stack trace) and lose nothing it found.
 */
import { describe, expect, it } from 'vitest';
import type { FuzzResult } from '../../sim/outcome/types.ts';
import { type CliRun, runCli } from './runCli.ts';

const plugin = (name: string) => `./test/fixtures/plugins/${name}.ts`;
const GET_BY_URL = 'test/fixtures/scenarios/get-by-url.json';
// Small, so that a hang costs the test little; a schedule of these plugins takes a millisecond.
const TIMEOUT = ['--schedule-timeout', '500ms'];

const json = (run: CliRun) => JSON.parse(run.out) as FuzzResult;

/** Nothing on stderr but single lines, none of them a stack frame. */
function expectNoStackTrace(run: CliRun): void {
  expect(run.err).not.toMatch(/^\s+at /m);
  expect(run.err.split('\n').length).toBeLessThanOrEqual(1);
}

describe('a plugin that spins forever in a step', () => {
  const spins = plugin('spins-in-step');
  let token = '';

  it.each([
    [
      'a campaign on one thread',
      ['--schedules', '1000', '--threads', '1'],
      /T1 ran on from step 1 \(workers\.get\(spin:U2\)\)/,
    ],
    ['--scenario', ['--scenario', GET_BY_URL], /T2 ran on from step \d+ \(workers\.get\(spin:U\)\)/],
  ])('is a hang finding with its step and token in %s', async (_, args, step) => {
    const run = await runCli('fuzz', '--impl', spins, ...args, ...TIMEOUT, '--json');
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    const [hang] = json(run).violations;
    expect(hang).toMatchObject({ invariant: 'hang', firstSchedule: 1 });
    expect(hang!.message).toMatch(/^schedule 1 did not finish within 500 ms: /);
    expect(hang!.message).toMatch(step);
    token = hang!.token;
  });

  it('replays its token as the same hang', async () => {
    const run = await runCli('replay', token, '--impl', spins, ...TIMEOUT);
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    expect(run.out).toMatch(/hang +schedule 1 did not finish within 500 ms: T2 ran on from step/);
  });

  it('goes on after a hang and stops at the time budget', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      spins,
      '--schedules',
      '100000',
      '--time-budget',
      '3s',
      '--threads',
      '2',
      ...TIMEOUT,
    );
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    // Every chunk hangs at once: the campaign took more than one and fewer than all 200.
    const explored = Number(/: (\d+) schedules over/.exec(run.out)?.[1]);
    expect(explored).toBeGreaterThan(1);
    expect(explored).toBeLessThan(200);
    expect(run.out).toContain('hang on');
  });

  it('rejects a schedule timeout of zero', async () => {
    const run = await runCli('fuzz', '--impl', spins, '--schedule-timeout', '0s');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--schedule-timeout expects a duration above zero/);
  });
});

describe('a plugin whose create() or inspect() fails', () => {
  const CREATE = 'create() threw: no registry today';
  const INSPECT = 'inspect() threw: snapshot unavailable';
  const GARBAGE = 'inspect() returned a snapshot whose workers is a plain object, not a map';
  const tokens = new Map<string, string>();

  // Each fault on more than one path, each path with more than one fault (a plugin run costs a
  // worker thread's start-up, seconds on a busy host).
  it.each([
    ['create-throws', '--scenario', CREATE],
    ['inspect-garbage', '--scenario', GARBAGE],
    ['create-throws', 'a campaign', CREATE],
    ['inspect-throws', 'a campaign', INSPECT],
  ])('%s is a crash finding in %s', async (name, path, message) => {
    const args = path === '--scenario' ? ['--scenario', 'scenarios/known/R1.json'] : ['--schedules', '50'];
    const run = await runCli('fuzz', '--impl', plugin(name), ...args, '--json');
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    const result = json(run);
    expect(result.violations[0]).toMatchObject({ invariant: 'crash', message });
    expect(result.implementations[0]!.errors).toEqual([]);
    tokens.set(name, result.violations[0]!.token);
  });

  it.each([
    ['create-throws', 'its token from a campaign', CREATE],
    ['inspect-garbage', 'its token from --scenario', GARBAGE],
    ['inspect-throws', 'a scenario file', INSPECT],
  ])('%s is the same crash when replaying %s', async (name, input, message) => {
    const given = input.startsWith('its token') ? tokens.get(name)! : 'scenarios/known/R1.json';
    const run = await runCli('replay', given, '--impl', plugin(name));
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    expect(run.out).toContain(`crash        ${message}`);
  });
});

describe('a plugin that does not replay', () => {
  it('is named, with the step where it diverged, and the findings that replay are kept', async () => {
    const run = await runCli('fuzz', '--impl', plugin('thread-dependent'), '--schedules', '150', '--all');
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    expect(run.out).toMatch(
      /implementation \.\/test\/fixtures\/plugins\/thread-dependent\.ts is not deterministic: schedule 113 replayed differently at step \d+ \(first run: .*, re-run: .*\); does it read time, randomness or state kept across runs\?/,
    );
    for (const invariant of ['conn-index', 'hash-ring', 'model-index', 'type-index'])
      expect(run.out).toContain(`${invariant} on ./test/fixtures/plugins/thread-dependent.ts`);
    expect(run.out).not.toContain('PCT bound');
  });

  it('reading Math.random is named in JSON, without a confidence', async () => {
    const run = await runCli('fuzz', '--impl', plugin('random-step'), '--schedules', '300', '--json');
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    const [impl] = json(run).implementations;
    expect(impl!.nondeterminism?.message).toMatch(/is not deterministic: schedule \d+ replayed differently/);
    expect(impl!.confidence).toBeUndefined();
  });
});

describe('a run that explores nothing', () => {
  it('says so, claims no confidence and fails', async () => {
    const run = await runCli('fuzz', '--impl', plugin('fails-off-main-thread'), '--schedules', '1000');
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    expect(run.out).toContain('0 schedules explored');
    expect(run.out).not.toContain('PCT bound');
    const asJson = await runCli(
      'fuzz',
      '--impl',
      plugin('fails-off-main-thread'),
      '--schedules',
      '500',
      '--json',
    );
    expect(json(asJson)).toMatchObject({ ok: false, schedules: 0 });
    expect(json(asJson).implementations[0]!.confidence).toBeUndefined();
  });

  it('claims no confidence in JSON', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      plugin('fails-off-main-thread'),
      '--schedules',
      '500',
      '--json',
    );
    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({ ok: false, schedules: 0 });
    expect(json(run).implementations[0]!.confidence).toBeUndefined();
  });

  it('passes for a shard that holds no chunk, and names the shard', async () => {
    const text = await runCli('fuzz', '--impl', 'v836', '--schedules', '500', '--shard', '2/2');
    expect(text.code).toBe(0);
    expect(text.out).toContain("shard 2/2 holds no chunk of this campaign's 500 schedules");
    const run = await runCli('fuzz', '--impl', 'v836', '--schedules', '500', '--shard', '2/2', '--json');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ ok: true, schedules: 0, shard: { index: 2, count: 2 } });
    expect(json(run).implementations[0]!.confidence).toBeUndefined();
  });
});

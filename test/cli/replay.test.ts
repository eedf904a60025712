import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

const temp = mkdtempSync(join(tmpdir(), 'regsim-replay-'));
const file = (name: string, content: string) => {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
};

describe('regsim replay usage errors exit 2 with one line', () => {
  it.each([
    [
      'an unknown implementation',
      ['scenarios/known/R1.json', '--impl', 'nope'],
      /unknown implementation "nope"/,
    ],
    ['a missing --impl', ['scenarios/known/R1.json'], /--impl <name> is required/],
    ['a missing file', ['does/not/exist.json', '--impl', 'r0'], /cannot read does\/not\/exist.json: ENOENT/],
    ['an unknown flag', ['scenarios/known/R1.json', '--impl', 'r0', '--fast'], /unknown flag --fast/],
    ['no file', ['--impl', 'r0'], /expected one scenario file/],
  ])('%s', async (_, argv, message) => {
    const run = await runCli('replay', ...argv);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err.split('\n')).toHaveLength(1);
    expect(run.out).toBe('');
  });

  it('malformed JSON', async () => {
    const run = await runCli('replay', file('bad.json', '{ "name": '), '--impl', 'r0');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/malformed JSON/);
  });

  it('a schedule naming a task that does not exist', async () => {
    const scenario = {
      name: 'x',
      workers: { A: { url: 'U' } },
      tasks: [{ name: 'T1', ops: [{ op: 'register', worker: 'A' }] }],
      schedule: ['T9'],
    };
    const run = await runCli('replay', file('ghost.json', JSON.stringify(scenario)), '--impl', 'r0');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/schedule\[0\]: no task named "T9"/);
  });

  it('an operation the implementation does not have', async () => {
    const run = await runCli('replay', 'scenarios/known/R2.json', '--impl', 'v756');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/v756 has no replace/);
  });

  it('a divergence under --strict', async () => {
    const run = await runCli('replay', 'scenarios/known/R2.json', '--impl', 'v836', '--strict');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/diverged at step \d+: the script names T2/);
  });
});

describe('regsim replay output', () => {
  it('prints the interleaving table with one column per task', async () => {
    const run = await runCli('replay', 'scenarios/known/R1.json', '--impl', 'r0');
    expect(run.code).toBe(1);
    const lines = run.out.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\| #\s+\| T1\s+\| T2\s+\|$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\| 1 +\| url_to_id\.contains_key\(U\) → false/));
    expect(run.out).toMatch(/url-unique +URL U is held by 2 live workers/);
  });
});

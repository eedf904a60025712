import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.ts';

const temp = mkdtempSync(join(tmpdir(), 'regsim-plugin-'));
const module = (name: string, source: string) => {
  const path = join(temp, name);
  writeFileSync(path, source);
  return path;
};

describe('plugin registries (--impl ./module)', () => {
  it('finds the race in the racy example and replays its token', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      './examples/plugins/racy-registry.ts',
      '--schedules',
      '1000',
      '--all',
      '--json',
    );
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as { violations: { invariant: string; token: string }[] };
    expect(json.violations.map((v) => v.invariant)).toContain('url-unique');
    // A token names its plugin but never loads it: --impl does.
    const replay = await runCli(
      'replay',
      json.violations[0]!.token,
      '--impl',
      './examples/plugins/racy-registry.ts',
    );
    expect(replay.code).toBe(1);
  });

  it('finds nothing in the fixed example', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      './examples/plugins/fixed-registry.ts',
      '--schedules',
      '1500',
      '--json',
    );
    expect(JSON.parse(run.out)).toMatchObject({ ok: true, violations: [] });
    expect(run.code).toBe(0);
  });

  it('catches a change stream that publishes events out of revision order', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      './test/plugins/fixtures/outOfOrderEvents.ts',
      '--schedules',
      '300',
      '--threads',
      '1',
      '--json',
    );
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as { violations: { invariant: string; message: string }[] };
    expect(json.violations.map((v) => v.invariant)).toEqual(['event-order']);
    expect(json.violations[0]!.message).toMatch(/revisions must increase/);
  });

  it('catches a releaseReservation that undoes a registration in flight', async () => {
    const run = await runCli(
      'fuzz',
      '--impl',
      './test/plugins/fixtures/eagerRelease.ts',
      '--schedules',
      '500',
      '--threads',
      '1',
      '--all',
      '--json',
    );
    expect(run.code).toBe(1);
    const json = JSON.parse(run.out) as { violations: { invariant: string; message: string }[] };
    const invariants = json.violations.map((v) => v.invariant);
    expect(invariants).toContain('url-map');
    expect(json.violations.find((v) => v.invariant === 'linearizable')?.message).toMatch(
      /releaseReservation\(U\d\) ⇒ true cannot follow \[.*register/,
    );
  });

  it.each([
    ['a missing file', () => join(temp, 'nope.ts'), /cannot load plugin .*nope\.ts/],
    [
      'a module that throws on load',
      () => module('throws.mjs', 'throw new Error("kaboom");'),
      /cannot load plugin .*: kaboom/,
    ],
    [
      'a module without an implementation',
      () => module('empty.mjs', 'export const x = 1;'),
      /is not a regsim implementation: no default export/,
    ],
    [
      'an implementation without create',
      () =>
        module(
          'nocreate.mjs',
          'export default { name: "x", api: "split", operations: new Set(["register"]) };',
        ),
      /has no create\(runtime\) function/,
    ],
  ])('%s exits 2 with one clear line', async (_, path, message) => {
    const run = await runCli('fuzz', '--impl', path(), '--schedules', '10');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err.split('\n')).toHaveLength(1);
  });
});

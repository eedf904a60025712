/**
 * `--seed` beyond 32 bits: every accepted seed runs its own campaign (a seed used to be cut to
 * its low 32 bits, so 2^32 ran the campaign of 0), and its tokens replay exactly.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

interface FuzzJson {
  readonly implementations: readonly { readonly failingSchedules: Record<string, number> }[];
  readonly violations: readonly { readonly token: string }[];
}

const fuzz = async (seed: string): Promise<FuzzJson> => {
  const run = await runCli(
    'fuzz',
    ...['--impl', 'r0', '--schedules', '100', '--threads', '1', '--json', '--until-first', '--seed', seed],
  );
  expect(run.code, run.err).toBe(1);
  return JSON.parse(run.out) as FuzzJson;
};

describe('--seed up to 2^53 − 1', () => {
  it('gives every seed its own campaign, and its tokens replay without divergence', async () => {
    const seeds = ['0', '4294967296', '9007199254740991'];
    const results: FuzzJson[] = [];
    for (const seed of seeds) results.push(await fuzz(seed));
    const campaigns = results.map((r) =>
      JSON.stringify([r.implementations[0]!.failingSchedules, r.violations.map((v) => v.token)]),
    );
    expect(new Set(campaigns).size).toBe(seeds.length);
    for (const { token } of results[1]!.violations) {
      const replay = await runCli('replay', token, '--strict');
      expect(replay.code, replay.err).toBe(1);
      expect(replay.out).not.toMatch(/diverged/);
    }
  });
});

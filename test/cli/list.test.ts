import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

const INVARIANTS = [
  'url-unique',
  'url-map',
  'model-index',
  'hash-ring',
  'type-index',
  'conn-index',
  'no-leak',
  'event-order',
  'linearizable',
  'final-state',
  'deadlock',
  'step-limit',
];

describe('regsim list', () => {
  it('lists the versions, invariants and known scenarios as JSON', async () => {
    const run = await runCli('list', '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out) as {
      implementations: { name: string }[];
      invariants: { id: string }[];
      scenarios: string[];
    };
    const names = json.implementations.map((i) => i.name);
    expect(names).toEqual(['pre714', 'v756', 'r0', 'v836', 'v1113', 'head', 'actor', 'actor-dashmap']);
    expect(json.invariants.map((i) => i.id)).toEqual(expect.arrayContaining(INVARIANTS));
    expect(json.scenarios).toEqual(
      expect.arrayContaining(
        ['R1', 'R2', 'R3', 'R4', 'fabricated-id', 'gap-756'].map((n) => `scenarios/known/${n}.json`),
      ),
    );
  });

  it('rejects stray arguments with exit 2', async () => {
    const run = await runCli('list', 'extra');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/unexpected argument extra/);
  });

  it('works as an installed command (bin/regsim.js)', () => {
    const out = execFileSync(process.execPath, ['bin/regsim.js', 'list', '--json'], { encoding: 'utf8' });
    expect((JSON.parse(out) as { implementations: unknown[] }).implementations.length).toBeGreaterThanOrEqual(
      6,
    );
  });

  it('an unknown command exits 2', async () => {
    const run = await runCli('frobnicate');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/unknown command "frobnicate"/);
  });
});

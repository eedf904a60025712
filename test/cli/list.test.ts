import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './runCli.ts';

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

  it('works as a command from any folder, and its scenario paths resolve there', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'regsim-list-'));
    try {
      const listed = spawnCli(elsewhere, 'list', '--json');
      expect(listed.code, listed.err).toBe(0);
      const { scenarios } = JSON.parse(listed.out) as { scenarios: string[] };
      const r1 = scenarios.find((s) => s.endsWith('known/R1.json'))!;
      const replayed = spawnCli(elsewhere, 'replay', r1, '--impl', 'r0', '--json');
      expect(replayed.code, replayed.err).toBe(1);
      expect((JSON.parse(replayed.out) as { scenario: string }).scenario).toBe('R1');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('an unknown command exits 2', async () => {
    const run = await runCli('frobnicate');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/unknown command "frobnicate"/);
  });

  it('an unknown command names the closest one', async () => {
    const run = await runCli('fuz', '--impl', 'r0');
    expect(run.code).toBe(2);
    expect(run.err).toBe('regsim: unknown command "fuz"; did you mean fuzz? (try regsim help)');
  });
});

/**
 * Parallel campaigns: the failures of a seed range do not depend on the thread count, a batch
 * that throws or hangs is reported with its schedule range while the other batches' results are
 * kept, and shards merge back into the unsharded result.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CampaignOptions,
  type ChunkScanner,
  chunkTask,
  runCampaign,
} from '../../sim/explore/campaign.ts';
import { type ChunkScan, scanChunk } from '../../sim/explore/chunk.ts';
import type { FuzzResult, MergedResult } from '../../sim/outcome/types.ts';
import { createPoolScanner, type PoolScanner } from '../../sim/parallel/pool.ts';
import { findImplementation } from '../../src/catalog.ts';
import { runCli } from '../cli/runCli.ts';

// Six chunks of 500 schedules; head first breaks its invariants in chunks 0, 1 and 4 with this
// seed, so a chunk lost or misread by a worker (or a shard) changes the result.
const CAMPAIGN = ['--impl', 'head', '--strategy', 'random', '--schedules', '3000', '--seed', '6', '--json'];

const fuzz = async (...argv: string[]): Promise<FuzzResult> => {
  const run = await runCli('fuzz', ...CAMPAIGN, ...argv);
  expect(run.err).toBe('');
  expect(run.code).toBe(1);
  return JSON.parse(run.out) as FuzzResult;
};

const found = (r: FuzzResult) =>
  new Set(r.violations.map((v) => `${v.impl} ${v.invariant} ${v.firstSchedule}`));

describe('--threads 1 and --threads 2 on one seed range', () => {
  let one: FuzzResult;
  let two: FuzzResult;
  beforeAll(async () => {
    one = await fuzz('--threads', '1');
    two = await fuzz('--threads', '2');
  }, 120_000);

  it('ran on this thread and on a pool of two', () => {
    expect([one.threads, two.threads]).toEqual([1, 2]);
    expect([one.schedules, two.schedules]).toEqual([3000, 3000]);
    expect(two.implementations[0]).toMatchObject({ chunks: 6, errors: [] });
  });

  it('find the same failing schedule for every invariant', () => {
    const failing = one.implementations[0]!.failingSchedules;
    const chunks = new Set(Object.values(failing).map((schedule) => Math.floor((schedule - 1) / 500)));
    expect(chunks.size).toBeGreaterThan(1);
    expect(two.implementations[0]!.failingSchedules).toEqual(failing);
  });

  it('shrink them to the same counterexamples', () => {
    expect(two.violations.map((v) => [v.invariant, v.token])).toEqual(
      one.violations.map((v) => [v.invariant, v.token]),
    );
  });

  it('merged shards give the unsharded result', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'regsim-shards-'));
    const files: string[] = [];
    const chunks: number[] = [];
    for (const shard of ['1/2', '2/2']) {
      const result = await fuzz('--shard', shard, '--threads', '1');
      chunks.push(result.implementations[0]!.chunks);
      files.push(join(temp, `shard-${files.length + 1}.json`));
      writeFileSync(files.at(-1)!, JSON.stringify(result));
    }
    // Chunks 0, 2, 4 and 1, 3, 5 of the campaign's six.
    expect(chunks).toEqual([3, 3]);
    const run = await runCli('merge', ...files, '--json');
    expect(run.code).toBe(1);
    const merged = JSON.parse(run.out) as MergedResult;
    expect(merged.shards).toEqual({ count: 2, merged: [1, 2], missing: [] });
    expect(merged.schedules).toBe(one.schedules);
    expect(found(merged)).toEqual(found(one));
    expect(merged.implementations[0]!.failingSchedules).toEqual(one.implementations[0]!.failingSchedules);
    expect(merged.implementations[0]!.chunks).toBe(6);
  });
});

describe('a batch that throws and one that hangs', () => {
  const impl = findImplementation('r0')!;
  const options: CampaignOptions = {
    impl,
    strategy: { name: 'random', depth: 3 },
    seed: 11,
    maxSchedules: 600,
    chunkSchedules: 100,
    timeBudgetMs: 60_000,
    untilFirst: false,
    kinds: [...impl.operations],
    clock: () => performance.now(),
  };
  // A batch's time includes its worker's start-up (seconds through tsx on a busy host), so the
  // timeout leaves room for that; a hundred schedules take well under a second.
  const TIMEOUT_MS = 10_000;
  let pool: PoolScanner;
  beforeAll(() => {
    pool = createPoolScanner({ threads: 2, scheduleTimeoutMs: TIMEOUT_MS, batchTimeoutMs: TIMEOUT_MS });
  });
  afterAll(() => pool.close());

  it('are reported with their schedule ranges while the other chunks are kept', async () => {
    const scans = new Map<number, ChunkScan>();
    const faulty: ChunkScanner = {
      concurrency: pool.concurrency,
      scan: async (task) => {
        const fault = task.chunk === 1 ? 'throw' : task.chunk === 3 ? 'hang' : undefined;
        const scan = await pool.scan(fault === undefined ? task : { ...task, fault });
        scans.set(task.chunk, scan);
        return scan;
      },
    };
    const result = await runCampaign({ ...options, scanner: faulty });

    expect(result.errors).toEqual([
      { chunk: 1, firstSchedule: 101, lastSchedule: 200, error: 'injected fault: chunk 1 throws' },
      { chunk: 3, firstSchedule: 301, lastSchedule: 400, error: `batch timed out after ${TIMEOUT_MS} ms` },
    ]);
    expect(result.chunks).toBe(4);
    expect(result.schedules).toBe(400);
    // The surviving chunks scanned on the pool, each as this thread scans it: every failure of
    // theirs (r0 breaks invariants in every chunk with this seed) reached the campaign.
    const expected = new Map<number, ChunkScan>();
    for (const chunk of [0, 2, 4, 5]) expected.set(chunk, await scanChunk(chunkTask(options, chunk), impl));
    expect(scans).toEqual(expected);
    const earliest = new Map<string, number>();
    for (const f of [...expected.values()].flatMap((scan) => scan.failures)) {
      earliest.set(f.invariant, Math.min(f.schedule, earliest.get(f.invariant) ?? Number.POSITIVE_INFINITY));
    }
    expect(new Map(result.failures.map((f) => [f.invariant, f.schedule]))).toEqual(earliest);
    expect(result.findings.map((f) => f.invariant).sort()).toEqual([...earliest.keys()].sort());
  });
});

describe('--threads', () => {
  it.each(['0', 'two', '1.5'])('refuses %s with exit 2', async (threads) => {
    const run = await runCli('fuzz', '--impl', 'r0', '--threads', threads);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `regsim fuzz: --threads expects a decimal integer from 1 to 9007199254740991, got "${threads}"`,
    );
  });
});

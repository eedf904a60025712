/**
 * Linearizability checker timings on Porcupine's test histories, side by side with Porcupine on
 * the same files in the same run when its test binary is there (see `porcupine.ts`), else beside
 * quoted figures. Checking time only, parsing apart, as Porcupine's benchmarks time it. Each
 * figure is the median (and the minimum) of single checks, our checker and Porcupine alternating
 * set by set, round by round; a round of a small set checks it several times on both sides.
 * Run: `node --import tsx bench/checker.bench.ts [--heavy]`, with `PORCUPINE_DIR=…` for Porcupine.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkOperations } from '../sim/linearizability/checker.ts';
import type { Op } from '../sim/linearizability/model.ts';
import { etcdModel } from '../sim/linearizability/models/etcd.ts';
import { createKvModel } from '../sim/linearizability/models/kv.ts';
import { registryModel } from '../sim/linearizability/models/registry.ts';
import { parseJepsenEtcd } from '../sim/linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../sim/linearizability/parsers/kvEdn.ts';
import { createWorker } from '../src/domain/worker.ts';
import type { Operation, OpResult } from '../src/spec/operations.ts';
import { historyPath, knownVerdicts, porcupineDir } from '../test/data/porcupine/porcupineData.ts';
import {
  etcdBenchmark,
  expectSameHistories,
  kvBenchmark,
  porcupineBinary,
  QUOTED_PORCUPINE,
  runPorcupine,
} from './porcupine.ts';
import { median } from './stats.ts';

/** Our checker and Porcupine on one set of histories (ms per check of the whole set). */
export interface SetTiming {
  readonly label: string;
  readonly operations: number;
  readonly rounds: number;
  /** Checks per round on each side, so a round of a small set lasts long enough to time. */
  readonly repeat: number;
  /** The median check. */
  readonly regsimMs: number;
  /** The quickest check: the one least disturbed by other load on the machine. */
  readonly regsimMinMs: number;
  readonly regsimFirstMs: number;
  /** Porcupine's median, measured in this run or quoted (see `CheckerResult.porcupine`); null if neither. */
  readonly porcupineMs: number | null;
  /** Porcupine's quickest check; null unless measured in this run. */
  readonly porcupineMinMs: number | null;
}

/** A history checked without partitioning under a time limit, which it may not be decided within. */
export interface UnpartitionedAttempt {
  readonly file: string;
  readonly operations: number;
  readonly expected: string;
  readonly verdict: string;
  readonly ms: number;
  readonly steps: number;
  readonly limitMs: number;
  /** The input field whose groups decided it (`decomposition.ts`), or null if they did not. */
  readonly decidedBy: string | null;
}

export interface CheckerResult {
  /** Where Porcupine's figures come from: its test binary in this run, or an earlier measurement. */
  readonly porcupine: 'measured' | 'quoted';
  readonly sets: readonly SetTiming[];
  readonly unpartitioned: readonly UnpartitionedAttempt[];
  /** A typical fuzzer history (3 clients × 3 operations on two URLs), checked many times. */
  readonly registry: { readonly operations: number; readonly usPerCheck: number };
}

/** How much of §4 to run. */
export interface CheckerSizes {
  readonly runs: number;
  /** Also the slow sets: c10 unpartitioned (Porcupine takes seconds) and c50 unpartitioned. */
  readonly heavy: boolean;
  /** The limit for each unpartitioned c50 check. */
  readonly unpartitionedLimitMs: number;
}

interface Workload {
  readonly label: string;
  readonly operations: number;
  readonly rounds: number;
  /** Porcupine's benchmarks whose times add up to this set's. */
  readonly benchmarks: readonly string[];
  /** Checks every history of the set once; throws on a verdict other than the known one. */
  readonly check: () => void;
}

/** A round of a set lasts about this long on our side (small sets are checked several times)… */
const ROUND_MS = 50;
/** …within this many checks. */
const MAX_REPEAT = 200;

function timeMs(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function expectVerdict(file: string, got: string, expected: string): void {
  if (got !== expected) throw new Error(`${file}: expected ${expected}, the checker says ${got}`);
}

function parsed<T>(file: string, result: { ok: true; ops: T[] } | { ok: false; message: string }): T[] {
  if (!result.ok) throw new Error(`${file}: ${result.message}`);
  return result.ops;
}

const read = (file: string) => readFileSync(historyPath(file), 'utf8');

function workloads(sizes: CheckerSizes): Workload[] {
  const verdicts = knownVerdicts().filter((v) => v.verdict !== 'no-operations');
  const etcd = verdicts
    .filter((v) => v.file.startsWith('jepsen/'))
    .map((v) => ({ ...v, ops: parsed(v.file, parseJepsenEtcd(read(v.file))) }));
  const kv = verdicts
    .filter((v) => v.file.startsWith('kv/'))
    .map((v) => ({ ...v, name: v.file.slice(3), ops: parsed(v.file, parseKvEdn(read(v.file))) }));
  const kvSet = (h: (typeof kv)[number], partition: boolean, rounds: number): Workload => ({
    label: partition ? h.name : `${h.name} unpartitioned`,
    operations: h.ops.length,
    rounds,
    benchmarks: [kvBenchmark(h.name, partition)],
    check: () =>
      expectVerdict(h.file, checkOperations(createKvModel(), h.ops, { partition }).verdict, h.verdict),
  });
  return [
    {
      label: 'etcd',
      operations: etcd.reduce((n, h) => n + h.ops.length, 0),
      rounds: sizes.runs,
      benchmarks: etcd.map((h) => etcdBenchmark(h.file)),
      check: () => {
        for (const h of etcd) expectVerdict(h.file, checkOperations(etcdModel, h.ops).verdict, h.verdict);
      },
    },
    ...kv.map((h) => kvSet(h, true, sizes.runs)),
    ...kv
      .filter((h) => h.name.startsWith('c01') || (sizes.heavy && h.name.startsWith('c10')))
      .map((h) => kvSet(h, false, Math.min(sizes.runs, 3))),
  ];
}

/**
 * Times the checker on Porcupine's histories (and Porcupine beside it when it can); throws if a
 * known verdict comes out wrong on either side.
 */
export function measureChecker(sizes: CheckerSizes): CheckerResult {
  const registry = registryCheck(sizes.runs);
  const sets = workloads(sizes);
  const dir = porcupineDir();
  const binary = dir === undefined ? undefined : porcupineBinary(dir);
  // Porcupine reads its checkout's copies: they must be the files we check.
  if (dir !== undefined && binary !== undefined) expectSameHistories(dir, knownVerdicts(), historyPath);
  // A second (warm) check of each set sizes its rounds (sized from the cold first one, a
  // sub-millisecond set got a tenth of the checks per round it needs to be timed steadily), and
  // so does a first check by Porcupine: a set one side decides in a millisecond and the other in
  // seconds is timed as often as the slower side allows.
  const firsts = sets.map((set) => timeMs(set.check));
  const warms = sets.map((set) => {
    const ours = timeMs(set.check);
    if (binary === undefined) return ours;
    const theirs = runPorcupine(binary, set.benchmarks, 1);
    return Math.max(
      ours,
      set.benchmarks.reduce((t, b) => t + theirs.get(b)![0]!, 0),
    );
  });
  const repeats = warms.map((ms) => Math.min(MAX_REPEAT, Math.max(1, Math.ceil(ROUND_MS / ms))));
  const ours = sets.map((): number[] => []);
  const theirs = sets.map((): number[] => []);
  const rounds = Math.max(...sets.map((s) => s.rounds));
  for (let round = 0; round < rounds; round++) {
    for (const [i, set] of sets.entries()) {
      if (round >= set.rounds) continue;
      const repeat = repeats[i]!;
      for (let r = 0; r < repeat; r++) ours[i]!.push(timeMs(set.check));
      if (binary === undefined) continue;
      const ms = runPorcupine(binary, set.benchmarks, repeat);
      for (let r = 0; r < repeat; r++)
        theirs[i]!.push(set.benchmarks.reduce((t, b) => t + ms.get(b)![r]!, 0));
    }
  }
  return {
    porcupine: binary === undefined ? 'quoted' : 'measured',
    sets: sets.map((set, i) => ({
      label: set.label,
      operations: set.operations,
      rounds: set.rounds,
      repeat: repeats[i]!,
      regsimMs: median(ours[i]!),
      regsimMinMs: Math.min(...ours[i]!),
      regsimFirstMs: firsts[i]!,
      porcupineMs: binary === undefined ? (QUOTED_PORCUPINE[set.label] ?? null) : median(theirs[i]!),
      porcupineMinMs: binary === undefined ? null : Math.min(...theirs[i]!),
    })),
    unpartitioned: sizes.heavy ? unpartitionedC50(sizes.unpartitionedLimitMs) : [],
    registry,
  };
}

/** The c50 histories without partitioning, each once under `limitMs`. */
function unpartitionedC50(limitMs: number): UnpartitionedAttempt[] {
  return knownVerdicts()
    .filter((v) => v.file.startsWith('kv/c50'))
    .map(({ file, verdict: expected }) => {
      const ops = parsed(file, parseKvEdn(read(file)));
      const start = performance.now();
      const result = checkOperations(createKvModel(), ops, { partition: false, timeoutMs: limitMs });
      const ms = performance.now() - start;
      if (result.verdict !== 'unknown') expectVerdict(file, result.verdict, expected);
      return {
        file,
        operations: ops.length,
        expected,
        verdict: result.verdict,
        ms,
        steps: result.steps,
        limitMs,
        decidedBy:
          result.verdict === 'ok' && result.decomposition !== undefined
            ? `${result.decomposition.by} (${result.decomposition.groups} groups)`
            : null,
      };
    });
}

/** µs per check of a small registry history like the ones the fuzzer produces. */
function registryCheck(runs: number) {
  const A = createWorker('A', { url: 'U', models: ['a'] });
  const A2 = createWorker('A2', { url: 'U', models: ['a'] });
  const B = createWorker('B', { url: 'V', models: ['a'] });
  const op = (client: number, input: Operation, call: number, ret: number, output: OpResult) =>
    ({ client, input, call, ret, output }) satisfies Op<Operation, OpResult>;
  const small = [
    op(0, { kind: 'register', worker: A }, 0, 3, 'id1'),
    op(1, { kind: 'register', worker: B }, 1, 4, 'id2'),
    op(2, { kind: 'getByModel', model: 'a' }, 2, 5, ['A']),
    op(0, { kind: 'registerOrReplace', worker: A2 }, 6, 9, 'id1'),
    op(1, { kind: 'getByUrl', url: 'U' }, 7, 8, 'A'),
    op(2, { kind: 'remove', id: 'id2' }, 10, 12, 'B'),
    op(0, { kind: 'getByModel', model: 'a' }, 11, 13, ['A2']),
    op(1, { kind: 'reserve', url: 'V' }, 14, 15, 'id3'),
    op(2, { kind: 'getByUrl', url: 'V' }, 16, 17, null),
  ];
  const model = registryModel('split');
  if (checkOperations(model, small).verdict !== 'ok')
    throw new Error('the small registry history should be linearizable');
  const checks = 20_000;
  const elapsed: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    for (let i = 0; i < checks; i++) checkOperations(model, small);
    elapsed.push(performance.now() - start);
  }
  return { operations: small.length, usPerCheck: (median(elapsed) * 1000) / checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = measureChecker({
    runs: 5,
    heavy: process.argv.includes('--heavy'),
    unpartitionedLimitMs: 60_000,
  });
  console.log(`Porcupine: ${result.porcupine}`);
  for (const t of result.sets)
    console.log(
      `${t.label.padEnd(28)} ${String(t.operations).padStart(6)} ops  regsim ${t.regsimMs.toFixed(2).padStart(9)} ms (min ${t.regsimMinMs.toFixed(2)})  Porcupine ${t.porcupineMs === null ? '—' : t.porcupineMs.toFixed(2).padStart(9)} ms (min ${t.porcupineMinMs?.toFixed(2) ?? '—'})`,
    );
  for (const u of result.unpartitioned)
    console.log(
      `${u.file} unpartitioned: ${u.verdict} in ${u.ms.toFixed(0)} ms (${u.steps} steps, limit ${u.limitMs} ms${u.decidedBy === null ? '' : `, decided by ${u.decidedBy}`})`,
    );
  console.log(`registry: 3 clients × 3 ops: ${result.registry.usPerCheck.toFixed(1)} µs/check`);
}

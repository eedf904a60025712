/**
 * Linearizability checker timings on the shared Porcupine histories, beside Porcupine's own
 * single-core figures measured on the same kind of machine (`../shared/notes/toolchain.md`).
 * Each figure is the median of several runs in one process, with the first (cold) run kept apart.
 * Run: `node --import tsx bench/checker.bench.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { checkOperations } from '../sim/linearizability/checker.ts';
import type { Op } from '../sim/linearizability/model.ts';
import { etcdModel } from '../sim/linearizability/models/etcd.ts';
import { createKvModel } from '../sim/linearizability/models/kv.ts';
import { registryModel } from '../sim/linearizability/models/registry.ts';
import { parseJepsenEtcd } from '../sim/linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../sim/linearizability/parsers/kvEdn.ts';
import { createWorker } from '../src/domain/worker.ts';
import type { Operation, OpResult } from '../src/spec/operations.ts';
import { median } from './stats.ts';

const DATA = fileURLToPath(new URL('../../shared/data/porcupine/', import.meta.url));

/**
 * Porcupine (Go 1.19, WGL with a state cache and P-compositionality), single core, as quoted in
 * `../shared/notes/toolchain.md`: the ranges are what it measured, not re-run here.
 */
export const PORCUPINE_REFERENCE = {
  etcd: { histories: 103, operations: 8_523, totalMs: [390, 430] },
  etcd_002: { ms: 158 },
  etcd_007: { ms: 108 },
  kvPartitioned: { totalMs: 180 },
  kvC10Unpartitioned: { msEach: [2_000, 2_500] },
} as const;

function load<T>(
  dir: string,
  parse: (text: string) => { ok: true; ops: T[] } | { ok: false; message: string },
) {
  return readdirSync(`${DATA}${dir}`)
    .sort()
    .map((name) => {
      const parsed = parse(readFileSync(`${DATA}${dir}/${name}`, 'utf8'));
      if (!parsed.ok) throw new Error(`${dir}/${name}: ${parsed.message}`);
      return { name, ops: parsed.ops };
    });
}

/** One timed workload: the first (cold) run and the median of `runs`, in ms. */
export interface CheckerTiming {
  readonly label: string;
  readonly operations: number;
  readonly firstMs: number;
  readonly medianMs: number;
  readonly usPerOp: number;
}

function time(label: string, operations: number, runs: number, work: () => void): CheckerTiming {
  const elapsed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    elapsed.push(performance.now() - start);
  }
  const medianMs = median(elapsed);
  return { label, operations, firstMs: elapsed[0]!, medianMs, usPerOp: (medianMs * 1000) / operations };
}

export interface CheckerResult {
  readonly etcd: CheckerTiming;
  readonly etcdHeaviest: readonly CheckerTiming[];
  readonly kvPartitioned: CheckerTiming;
  readonly kvUnpartitioned: readonly CheckerTiming[];
  /** A typical fuzzer history (3 clients × 3 operations on two URLs), checked many times. */
  readonly registry: { readonly operations: number; readonly usPerCheck: number };
}

/** Times the checker on every shared history set; throws if a known verdict comes out wrong. */
export function measureChecker(runs: number): CheckerResult {
  const etcd = load('jepsen', parseJepsenEtcd);
  const etcdOps = etcd.reduce((n, h) => n + h.ops.length, 0);
  const etcdTiming = time(`etcd: ${etcd.length} histories`, etcdOps, runs, () => {
    for (const h of etcd) checkOperations(etcdModel, h.ops);
  });
  const etcdHeaviest = ['etcd_002.log', 'etcd_007.log'].map((name) => {
    const h = etcd.find((x) => x.name === name);
    if (h === undefined) throw new Error(`missing history jepsen/${name}`);
    return time(name, h.ops.length, runs, () => checkOperations(etcdModel, h.ops));
  });

  const kv = load('kv', parseKvEdn);
  const kvOps = kv.reduce((n, h) => n + h.ops.length, 0);
  const kvPartitioned = time(`kv: ${kv.length} histories, partitioned`, kvOps, runs, () => {
    for (const h of kv) checkOperations(createKvModel(), h.ops);
  });
  const kvUnpartitioned = kv
    .filter((x) => x.name.startsWith('c10'))
    .map((h) =>
      time(`${h.name} unpartitioned`, h.ops.length, Math.min(runs, 3), () =>
        checkOperations(createKvModel(), h.ops, { partition: false }),
      ),
    );
  return { etcd: etcdTiming, etcdHeaviest, kvPartitioned, kvUnpartitioned, registry: registryCheck(runs) };
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
  const timing = time('registry', small.length * checks, runs, () => {
    for (let i = 0; i < checks; i++) checkOperations(model, small);
  });
  return { operations: small.length, usPerCheck: (timing.medianMs * 1000) / checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = measureChecker(7);
  for (const t of [result.etcd, ...result.etcdHeaviest, result.kvPartitioned, ...result.kvUnpartitioned])
    console.log(
      `${t.label.padEnd(34)} ${String(t.operations).padStart(6)} ops  median ${t.medianMs.toFixed(1).padStart(7)} ms  (${t.usPerOp.toFixed(1)} µs/op)  first ${t.firstMs.toFixed(1)} ms`,
    );
  console.log(`registry: 3 clients × 3 ops: ${result.registry.usPerCheck.toFixed(1)} µs/check`);
  const ref = PORCUPINE_REFERENCE.etcd;
  console.log(
    `Porcupine etcd reference: ${ref.totalMs.join('–')} ms for ${ref.operations} ops (${((ref.totalMs[0] * 1000) / ref.operations).toFixed(1)}–${((ref.totalMs[1] * 1000) / ref.operations).toFixed(1)} µs/op)`,
  );
}

/**
 * Linearizability checker timings (not a test): `node --import tsx bench/checker.bench.ts`.
 *
 * Porcupine's single-core reference on the same kind of machine: 103 Jepsen etcd histories
 * (8,523 operations) ≈ 0.39–0.43 s in total (etcd_002 ≈ 158 ms, etcd_007 ≈ 108 ms); kv with
 * partitioning ≈ 0.18 s; c10 without partitioning ≈ 2–2.5 s per history. Each figure below
 * is the median of several runs in one process, with the first (cold) run shown apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

const DATA = fileURLToPath(new URL('../../shared/data/porcupine/', import.meta.url));

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

/** Runs `work` `runs` times; the first run's time and the median of all, in ms (timing only). */
function time(runs: number, work: () => void): { first: number; median: number } {
  const elapsed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    elapsed.push(performance.now() - start);
  }
  const first = elapsed[0]!;
  elapsed.sort((a, b) => a - b);
  return { first, median: elapsed[Math.floor(elapsed.length / 2)]! };
}

function report(label: string, ops: number, { first, median }: { first: number; median: number }): void {
  const perOp = ((median * 1000) / ops).toFixed(1);
  console.log(
    `${label.padEnd(34)} ${ops.toString().padStart(6)} ops  median ${median.toFixed(1).padStart(7)} ms  (${perOp} µs/op)  first ${first.toFixed(1)} ms`,
  );
}

const etcd = load('jepsen', parseJepsenEtcd);
const etcdOps = etcd.reduce((n, h) => n + h.ops.length, 0);
report(
  `etcd: ${etcd.length} histories`,
  etcdOps,
  time(7, () => {
    for (const h of etcd) checkOperations(etcdModel, h.ops);
  }),
);
for (const name of ['etcd_002.log', 'etcd_007.log']) {
  const h = etcd.find((x) => x.name === name)!;
  report(
    `  ${name}`,
    h.ops.length,
    time(7, () => checkOperations(etcdModel, h.ops)),
  );
}

const kv = load('kv', parseKvEdn);
const kvOps = kv.reduce((n, h) => n + h.ops.length, 0);
report(
  `kv: ${kv.length} histories, partitioned`,
  kvOps,
  time(7, () => {
    for (const h of kv) checkOperations(createKvModel(), h.ops);
  }),
);
for (const h of kv.filter((x) => x.name.startsWith('c10'))) {
  report(
    `  ${h.name} unpartitioned`,
    h.ops.length,
    time(3, () => checkOperations(createKvModel(), h.ops, { partition: false })),
  );
}

// A typical fuzzer history: 3 clients × 3 overlapping operations on two URLs.
const A = createWorker('A', { url: 'U', models: ['a'] });
const A2 = createWorker('A2', { url: 'U', models: ['a'] });
const B = createWorker('B', { url: 'V', models: ['a'] });
const op = (
  client: number,
  input: Operation,
  call: number,
  ret: number,
  output: OpResult,
): Op<Operation, OpResult> => ({
  client,
  input,
  call,
  ret,
  output,
});
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
const CHECKS = 20_000;
const registry = time(5, () => {
  for (let i = 0; i < CHECKS; i++) checkOperations(model, small);
});
const perCheck = (registry.median * 1000) / CHECKS;
console.log(
  `${'registry: 3 clients × 3 ops'.padEnd(34)} ${small.length.toString().padStart(6)} ops  ${perCheck.toFixed(1)} µs/check  (${Math.round(1e6 / perCheck)} checks/s)`,
);

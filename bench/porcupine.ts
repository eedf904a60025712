/**
 * Porcupine, the Go checker §4 compares against, run on the same files in the same bench run:
 * its own benchmarks (`BenchmarkEtcdJepsenNNN`, `BenchmarkKv…`: checking time, the parse before
 * the timer) from its compiled test binary `porcupine.test` in the checkout `PORCUPINE_DIR`
 * names, on one core (`-test.cpu 1`) as our checker is. This repository neither ships nor builds
 * Porcupine; without the binary the bench falls back to {@link QUOTED_PORCUPINE}.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The compiled test binary in a Porcupine checkout, or undefined if there is none. */
export function porcupineBinary(dir: string): string | undefined {
  const binary = join(dir, 'porcupine.test');
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return undefined;
  }
}

/**
 * Runs the named benchmarks in one process, each `count` times over (`-test.count`, one check
 * each: `-test.benchtime 1x`), and returns each one's check times in ms by name. Throws if the
 * binary fails or a time is missing from its output, so a broken baseline never reads as a fast
 * one.
 */
export function runPorcupine(binary: string, names: readonly string[], count: number): Map<string, number[]> {
  const args = ['-test.run', '^$', '-test.bench', `^(${names.join('|')})$`, '-test.cpu', '1'];
  const run = spawnSync(binary, [...args, '-test.benchtime', '1x', '-test.count', String(count)], {
    // Its benchmarks read `test_data/` relative to the working directory: the checkout's.
    cwd: dirname(binary),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`porcupine.test exited ${run.status}: ${run.stdout}${run.stderr}`);
  const ms = new Map<string, number[]>(names.map((n) => [n, []]));
  for (const m of run.stdout.matchAll(/^(Benchmark\w+)\s+\d+\s+(\d+(?:\.\d+)?) ns\/op/gm))
    ms.get(m[1]!)?.push(Number(m[2]) / 1e6);
  const short = names.filter((n) => ms.get(n)!.length !== count);
  if (short.length > 0)
    throw new Error(`porcupine.test did not report ${count} times for ${short.join(', ')}`);
  return ms;
}

/**
 * Throws unless the checkout's `test_data/` holds byte for byte the histories we check (`files`
 * relative to `test_data/`, `ours` the path of our copy), so both sides time the same input.
 */
export function expectSameHistories(
  dir: string,
  files: readonly { readonly file: string }[],
  ours: (file: string) => string,
): void {
  const differ = files.filter(({ file }) => {
    try {
      return !readFileSync(join(dir, 'test_data', file)).equals(readFileSync(ours(file)));
    } catch {
      return true;
    }
  });
  if (differ.length > 0)
    throw new Error(
      `${dir}/test_data differs from test/data/porcupine (or lacks files): ${differ.map((f) => f.file).join(', ')}`,
    );
}

/** Porcupine's benchmark for an etcd history (`etcd_007.log` → `BenchmarkEtcdJepsen007`). */
export function etcdBenchmark(file: string): string {
  const n = /etcd_(\d+)\.log$/.exec(file)?.[1];
  if (n === undefined) throw new Error(`not an etcd history: ${file}`);
  return `BenchmarkEtcdJepsen${n}`;
}

/** Porcupine's benchmark for a kv history (`c10-ok.txt`, partitioned → `BenchmarkKv10ClientsOk`). */
export function kvBenchmark(file: string, partition: boolean): string {
  const m = /c(\d+)-(ok|bad)\.txt$/.exec(file);
  if (m === null) throw new Error(`not a kv history: ${file}`);
  const clients = Number(m[1]);
  const verdict = m[2] === 'ok' ? 'Ok' : 'Bad';
  return `BenchmarkKv${partition ? '' : 'NoPartition'}${clients}Client${clients === 1 ? '' : 's'}${verdict}`;
}

/**
 * Porcupine's median checking times (ms), set by set, from the full bench run of this repository's
 * commit c3bc7ae (`bench/results.json` there, Go 1.19, its test binary, a 2-core AMD EPYC), for a
 * run without the binary.
 */
export const QUOTED_PORCUPINE: Readonly<Record<string, number>> = {
  etcd: 493.9,
  'c01-ok.txt': 0.136,
  'c01-bad.txt': 0.0413,
  'c10-ok.txt': 0.507,
  'c10-bad.txt': 0.318,
  'c50-ok.txt': 207.7,
  'c50-bad.txt': 38.7,
  'c01-ok.txt unpartitioned': 0.0982,
  'c01-bad.txt unpartitioned': 0.069,
  'c10-ok.txt unpartitioned': 3342.6,
  'c10-bad.txt unpartitioned': 3734.8,
};

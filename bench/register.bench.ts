/**
 * Production-mode cost of one `register` on the v836 port against a plain `Map` insert (the
 * foundation issue's benchmark), side by side in one run; quote the ratios. Two registry sizes:
 * a small one (each register of a fresh URL rebuilds a one-URL ring), where the cost is the step
 * machinery and the index updates, and a large one (1,000 URLs over 10 models), where V836's
 * full ring rebuild per register (O(n log n) in the model's URLs) dominates.
 * Run: `node --import tsx bench/register.bench.ts`.
 */
import { Bench } from 'tinybench';
import { createSequentialIds } from '../src/determinism/ids.ts';
import { createWorker, type Worker } from '../src/domain/worker.ts';
import { createProductionRuntime } from '../src/memory/runtime.ts';
import type { Registry } from '../src/types.ts';
import { v836 } from '../src/versions/v836.ts';

function workload(urls: number, models: number) {
  const workers: Worker[] = Array.from({ length: urls }, (_, i) =>
    createWorker(`W${i}`, { url: `http://w${i}:8000`, models: [`m${i % models}`] }),
  );
  let registry: Registry = v836.create(createProductionRuntime(createSequentialIds()));
  let map = new Map<string, Worker>();
  let r = 0;
  let m = 0;
  return {
    register: async () => {
      if (r % urls === 0) registry = v836.create(createProductionRuntime(createSequentialIds()));
      await registry.register(workers[r++ % urls]!);
    },
    mapSet: () => {
      if (m % urls === 0) map = new Map();
      const w = workers[m++ % urls]!;
      map.set(w.url, w);
    },
  };
}

const small = workload(10, 10);
const large = workload(1_000, 10);
const bench = new Bench({ time: 1_000, warmup: true });
bench
  .add('v836 register, registry of ≤ 10 URLs', small.register)
  .add('Map.set, ≤ 10 URLs', small.mapSet)
  .add('v836 register, registry of ≤ 1,000 URLs / 10 models', large.register)
  .add('Map.set, ≤ 1,000 URLs', large.mapSet);
await bench.run();
console.table(bench.table());
const mean = (i: number) => (bench.tasks[i]!.result as unknown as { latency: { mean: number } }).latency.mean;
console.log(`small: v836 register / Map.set = ${(mean(0) / mean(1)).toFixed(0)}x`);
console.log(`large: v836 register / Map.set = ${(mean(2) / mean(3)).toFixed(0)}x`);

/**
 * What the figures were measured on: the machine, the Node version, and how much parallelism the
 * host really gives right now. The VM is shared and sometimes throttled to about one core, so a
 * parallel speedup is only meaningful next to the effective parallelism measured in the same run.
 */
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';

// A CommonJS snippet (eval workers cannot be ES modules): counts loop rounds for `workerData` ms.
const SPINNER = `
const { parentPort, workerData } = require('node:worker_threads');
const end = Date.now() + workerData;
let rounds = 0;
let sink = 0;
while (Date.now() < end) {
  for (let i = 0; i < 100000; i++) sink += i & 1;
  rounds++;
}
parentPort.postMessage(rounds + (sink < 0 ? 1 : 0));
`;

/** Rounds of busy work `threads` spinning threads get through together in `ms`. */
async function spin(threads: number, ms: number): Promise<number> {
  const counts = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(SPINNER, { eval: true, workerData: ms });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Work two spinning threads do over the work of one in the same time: about 2 when both cores are free. */
export async function measureEffectiveParallelism(ms = 1_500): Promise<number> {
  const two = await spin(2, ms);
  const one = await spin(1, ms);
  return two / one;
}

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly availableParallelism: number;
  readonly totalMemoryGiB: number;
  readonly platform: string;
  readonly osRelease: string;
  readonly node: string;
  readonly v8: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverage: readonly number[];
}

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpus: cores.length,
    availableParallelism: availableParallelism(),
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
    osRelease: release(),
    node: process.version,
    v8: process.versions.v8,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

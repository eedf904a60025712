/**
 * The actor registry's two engines side by side: `actor` runs the table compiled from the URL
 * statechart (the default), `actor-xstate` has XState interpret the chart. Three parts, each with
 * V1113 for scale:
 *
 * - section 3's workloads and mixes (`registryThroughput.ts`, so `regsim bench`'s harness);
 * - a sequential register + removeByUrl cycle on one URL, where every cycle spawns and stops the
 *   URL's actor (a vacant, idle actor is forgotten at once) — the cost section 3's batches
 *   spread over many operations;
 * - heap per live URL (`memory.ts`).
 *
 * Medians of `ROUNDS` interleaved rounds (default 5), wall and process CPU time.
 * Run: `node --expose-gc --import tsx bench/actor.bench.ts` (without `--expose-gc` the heap
 * part is skipped).
 */
import { Bench } from 'tinybench';
import { renderBenchTable } from '../sim/throughput/renderTable.ts';
import { median } from '../sim/throughput/stats.ts';
import { addCpuTimedTask, type Cell, usPerOp } from '../sim/throughput/timing.ts';
import { createWorker } from '../src/domain/worker.ts';
import { formatHeapTable, measureHeapPerUrl } from './memory.ts';
import { measureRegistry } from './registryThroughput.ts';
import { createSubject, type SubjectImpl } from './subjects.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const IMPLS: readonly SubjectImpl[] = ['actor', 'actor-xstate', 'v1113'];
/** Cycles per timed iteration, so that the harness's own cost per iteration is spread thin. */
const CYCLES = 100;

/** One round of the spawn/stop cycle: µs per operation (two per cycle) by implementation. */
async function spawnStopRound(): Promise<Map<string, Cell>> {
  const bench = new Bench({ time: 300, warmupTime: 100 });
  const cpuTotal = new Map<string, number>();
  const worker = createWorker('W', { url: 'http://hot:8000', models: ['m'] });
  for (const impl of IMPLS) {
    const subject = createSubject(impl);
    addCpuTimedTask(
      bench,
      impl,
      async () => {
        for (let i = 0; i < CYCLES; i++) {
          if ((await subject.register(worker)) === null || (await subject.removeByUrl(worker.url)) === null)
            throw new Error(`${impl}: a register + removeByUrl cycle changed nothing`);
        }
      },
      cpuTotal,
    );
  }
  await bench.run();
  return usPerOp(bench, cpuTotal, () => 2 * CYCLES);
}

console.log("section 3's cells");
for (const line of renderBenchTable(await measureRegistry({ rounds: ROUNDS, timeMs: 300, impls: IMPLS })))
  console.log(line);

const rounds: Map<string, Cell>[] = [];
for (let r = 0; r < ROUNDS; r++) rounds.push(await spawnStopRound());
console.log(`\nregister + removeByUrl, one URL, sequential: µs per operation, median of ${ROUNDS} rounds`);
const v1113Cpu = median(rounds.map((cells) => cells.get('v1113')!.cpu));
for (const impl of IMPLS) {
  const wall = median(rounds.map((cells) => cells.get(impl)!.wall));
  const cpu = median(rounds.map((cells) => cells.get(impl)!.cpu));
  console.log(
    `${impl.padEnd(12)} wall ${wall.toFixed(2).padStart(6)}  CPU ${cpu.toFixed(2).padStart(6)}  ` +
      `÷v1113 CPU ${(v1113Cpu / cpu).toFixed(2)}x`,
  );
}

if ((globalThis as { gc?: () => void }).gc === undefined) {
  console.log('\nheap per URL skipped: run with node --expose-gc');
} else {
  console.log('\nheap per live URL (10 URLs per model)');
  console.log(formatHeapTable(await measureHeapPerUrl([1_000, 10_000], ['actor', 'actor-xstate'])));
}

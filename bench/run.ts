/**
 * `npm run bench`: every benchmark section in one process and run, then `bench/results.json`
 * (raw figures, ratios, goal verdicts) and `bench/RESULTS.md` (the same, rendered).
 *
 *   node --expose-gc --import tsx bench/run.ts [--quick] [--out <dir>]
 *
 * `--quick` shrinks every section for a smoke run (its figures are marked as such). Progress goes
 * to stderr. Both files are written only once every section has finished, so a failed run leaves
 * the previous results in place. Exit codes: 0 done (whether or not goals are met), 1 a section
 * failed, 2 usage.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { STRATEGY_NAMES } from '../sim/strategies/parse.ts';
import { machineInfo, measureEffectiveParallelism } from '../sim/throughput/machine.ts';
import { measureChecker } from './checker.bench.ts';
import { measureDetection } from './detection.bench.ts';
import { HARDEST_RACE, SHALLOW_RACES } from './findings.ts';
import { measureHeapPerUrl } from './memory.ts';
import { measureParallelScaling } from './parallel.bench.ts';
import { measureRegistryThroughput } from './registryThroughput.ts';
import { renderResultsMarkdown } from './renderResults.ts';
import { type BenchResults, type RawResults, summarise } from './results.ts';
import { measureShrinkQuality } from './shrinkQuality.bench.ts';
import { measureSimThroughput } from './simThroughput.bench.ts';
import { measureVerifyReduction } from './verify.bench.ts';

/** Sizes of every section; `quick` keeps each one to seconds. */
const SIZES = {
  full: {
    simSchedules: 3_000,
    simWarmUp: 3_000,
    detection: { seeds: 20, max: 2_000 },
    shrink: { seeds: 20, maxSchedules: 2_000 },
    registry: { rounds: 5, timeMs: 300 },
    checker: { runs: 7, heavy: true, unpartitionedLimitMs: 60_000 },
    parallel: { schedules: 20_000, reps: 3, warmUp: 5_000 },
    memoryUrls: [1_000, 10_000, 100_000],
    verify: { tasks: { min: 2, max: 3 }, ops: { min: 1, max: 1 } },
  },
  quick: {
    simSchedules: 200,
    simWarmUp: 200,
    detection: { seeds: 3, max: 300 },
    shrink: { seeds: 2, maxSchedules: 500 },
    registry: { rounds: 1, timeMs: 30 },
    checker: { runs: 1, heavy: false, unpartitionedLimitMs: 0 },
    parallel: { schedules: 1_000, reps: 1, warmUp: 500 },
    memoryUrls: [1_000],
    verify: { tasks: { min: 2, max: 2 }, ops: { min: 1, max: 1 } },
  },
} as const;

const USAGE = 'usage: node --expose-gc --import tsx bench/run.ts [--quick] [--out <dir>]';

function parseArgs(argv: readonly string[]): { quick: boolean; out: string } | string {
  let quick = false;
  let out = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--out') {
      const dir = argv[++i];
      if (dir === undefined || dir.startsWith('--')) return '--out needs a directory';
      out = dir;
    } else return `unknown argument ${JSON.stringify(arg)}`;
  }
  return { quick, out };
}

/** Writes `text` to `path` through a temporary file, so a reader never sees half a file. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(`npm run bench: ${parsed}\n${USAGE}`);
    return 2;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    console.error(`npm run bench: the memory section needs node --expose-gc\n${USAGE}`);
    return 2;
  }
  const size = parsed.quick ? SIZES.quick : SIZES.full;
  const started = performance.now();
  const log = (line: string) =>
    console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const section = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    log(`${name}…`);
    const t = performance.now();
    const result = await work();
    log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  const strategies = STRATEGY_NAMES.filter((s) => s !== 'portfolio');
  const machine = machineInfo();
  const parallelismStart = await section('effective parallelism', () => measureEffectiveParallelism());

  const simThroughput = await section('1. simulator throughput', async () => ({
    schedules: size.simSchedules,
    rows: await measureSimThroughput(size.simSchedules, ['r0', 'actor'], strategies, size.simWarmUp),
  }));
  const detection = await section('2. bug-finding power', () =>
    measureDetection({
      ...size.detection,
      depth: 3,
      strategies,
      onRow: (row) => log(`  ${row.finding} ${row.strategy}: median ${row.median}, p90 ${row.p90}`),
    }),
  );
  const shrinkQuality = await section('2. shrink quality', () =>
    measureShrinkQuality({
      ...size.shrink,
      onRow: (row) =>
        log(
          `  ${row.race}: regsim ${row.regsim.minimal}/${row.seeds}, fast-check ${row.fastCheck.minimal}/${row.seeds}`,
        ),
    }),
  );
  const registry = await section('3. registry throughput', () => measureRegistryThroughput(size.registry));
  const checker = await section('4. checker', () => measureChecker(size.checker));
  const parallel = await section('5. parallel scaling', () =>
    measureParallelScaling({ ...size.parallel, impls: ['r0', 'actor'], log: (line) => log(`  ${line}`) }),
  );
  const memory = await section('6. memory', () => measureHeapPerUrl(size.memoryUrls));
  const verify = await section('7. bounded verification', () =>
    measureVerifyReduction({ impl: 'actor', universe: 'small', bound: size.verify, cap: 1_000_000 }),
  );
  const parallelismEnd = await section('effective parallelism', () => measureEffectiveParallelism());

  const raw: RawResults = {
    simThroughput,
    detection,
    hardestRace: HARDEST_RACE,
    shallowRaces: SHALLOW_RACES,
    shrinkQuality,
    registry,
    checker,
    parallel,
    memory,
    verify,
  };
  const results: BenchResults = {
    schema: 1,
    generatedAt: new Date().toISOString(),
    command: `npm run bench${parsed.quick ? ' -- --quick' : ''}`,
    quick: parsed.quick,
    durationSeconds: (performance.now() - started) / 1000,
    machine,
    effectiveParallelism: { start: parallelismStart, end: parallelismEnd },
    ...summarise(raw),
    raw,
  };
  mkdirSync(parsed.out, { recursive: true });
  writeAtomically(join(parsed.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeAtomically(join(parsed.out, 'RESULTS.md'), renderResultsMarkdown(results));
  for (const goal of results.goals)
    log(
      `${goal.met ? 'met    ' : 'NOT MET'} ${goal.statement}: ${goal.value.toFixed(2)} (target ${goal.target})`,
    );
  log(`wrote ${join(parsed.out, 'results.json')} and RESULTS.md`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    `npm run bench: a section failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
}

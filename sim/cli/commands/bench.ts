/**
 * `regsim bench`: throughput of registries, built-in or plugins, side by side on the same seeded
 * operation sequences (`runBench`). Prints a table per cell (or JSON with `--json`) and writes an
 * HTML page with a bar chart per cell with `--report dir`; progress goes to stderr on a terminal.
 *
 * Exit code: 0 measured, 1 a registry answered wrongly (one line names the first wrong answer,
 * and no figures are printed), 2 bad input.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { prepareBench } from '../../api/bench.ts';
import { checkReportTargets, createDirectories } from '../../report/outputPaths.ts';
import { renderBenchReport } from '../../throughput/htmlReport.ts';
import { renderBenchTable } from '../../throughput/renderTable.ts';
import { type BenchOptions, runBench } from '../../throughput/runBench.ts';
import { parseArgs } from '../args.ts';
import type { CommandIo } from '../io.ts';

const EXIT = { ok: 0, wrong: 1, badInput: 2 } as const;

const positiveInteger = (flag: string, text: string | undefined): number | string | undefined => {
  if (text === undefined) return undefined;
  return /^[1-9]\d*$/.test(text) ? Number(text) : `--${flag} expects a positive integer, got "${text}"`;
};

type Parsed = { readonly options: BenchOptions; readonly json: boolean; readonly reportDir?: string };

async function parse(argv: readonly string[]): Promise<Parsed | string> {
  const parsed = parseArgs(argv, {
    values: [
      'impl',
      'workload',
      'urls',
      'models',
      'mix',
      'ops',
      'rounds',
      'concurrency',
      'baseline',
      'report',
    ],
    booleans: ['json'],
  });
  if (!parsed.ok) return parsed.error;
  const { flags, switches, positional } = parsed.args;
  if (positional.length > 0) return `unexpected argument "${positional[0]}"`;
  const numbers: Record<string, number | undefined> = {};
  for (const flag of ['urls', 'models', 'ops', 'rounds', 'concurrency']) {
    const value = positiveInteger(flag, flags.get(flag));
    if (typeof value === 'string') return value;
    numbers[flag] = value;
  }
  if (numbers.models !== undefined && numbers.models > (numbers.urls ?? 1_000))
    return `--models ${numbers.models} is more than the ${numbers.urls ?? 1_000} URLs`;
  const workload = flags.get('workload');
  if (workload !== undefined && workload !== 'hot' && workload !== 'spread')
    return `--workload expects hot or spread, got "${workload}"`;
  const impl = flags.get('impl');
  if (impl === undefined) return '--impl is required (e.g. --impl actor,v1113)';
  const options = await prepareBench({
    impl,
    ...numbers,
    workload,
    mix: flags.get('mix'),
    baseline: flags.get('baseline'),
  });
  if (typeof options === 'string') return options;
  const reportDir = flags.get('report');
  const unwritable = checkReportTargets({ reportDir });
  if (unwritable !== undefined) return unwritable;
  return { options, json: switches.has('json'), ...(reportDir === undefined ? {} : { reportDir }) };
}

/** Runs `regsim bench` with the arguments after the command name; returns the exit code. */
export async function benchCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = await parse(argv);
  if (typeof parsed === 'string') {
    io.err(`regsim bench: ${parsed} (see regsim bench --help)`);
    return EXIT.badInput;
  }
  const bar =
    process.stderr.isTTY === true
      ? new SingleBar({
          stream: process.stderr,
          format: 'regsim bench [{bar}] {value}/{total} | {label}',
          barsize: 24,
        })
      : undefined;
  let started = false;
  const result = await runBench({
    ...parsed.options,
    onProgress: ({ done, total, label }) => {
      if (bar === undefined) return;
      if (!started) bar.start(total, done, { label });
      else bar.update(done, { label });
      started = true;
    },
  }).finally(() => {
    if (started) bar?.stop();
  });
  if (result.verdict === 'wrong') {
    if (parsed.json) io.out(JSON.stringify(result));
    io.err(`regsim bench: ${result.message}`);
    return EXIT.wrong;
  }
  const command = ['regsim', 'bench', ...argv].join(' ');
  const generatedAt = new Date().toISOString();
  if (parsed.json) io.out(JSON.stringify({ command, generatedAt, ...result }, null, 2));
  else for (const line of renderBenchTable(result)) io.out(line);
  if (parsed.reportDir !== undefined) {
    const dir = resolve(parsed.reportDir);
    createDirectories(dir);
    const file = join(dir, 'index.html');
    await writeFile(file, renderBenchReport({ result, command, generatedAt }));
    if (!parsed.json) io.out(`report: ${file}`);
  }
  return EXIT.ok;
}

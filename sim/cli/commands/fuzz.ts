/**
 * `regsim fuzz --impl <name[,name]> [--strategy random|pct|pos|rff|surw|dfs|portfolio] [--depth d]
 * [--schedules N] [--seed S] [--time-budget 60s] [--schedule-timeout 10s] [--until-first|--all]
 * [--json] [--scenario file.json] [--threads T] [--shard i/n] [--report dir] [--junit file]`:
 * explores generated (or one given) scenario(s) on each implementation with the same seeds, and
 * reports one minimal counterexample per violated invariant with its replay token. Generated
 * campaigns are scanned on T worker threads (default: see parallel/threadCount.ts); `--shard` runs
 * one slice for `regsim merge`. A schedule still running after `--schedule-timeout` (a duration
 * above zero; the time budget if shorter) is a `hang` finding; plugins always run on supervised
 * worker threads so that one can be stopped.
 * `--report` writes an HTML page (`dir/index.html`) and `--junit` JUnit XML for CI systems.
 * Exit 0 without violations, 1 with — or when a batch failed, 0 schedules were explored (but for
 * a shard that holds no chunk) or an implementation is not deterministic — 2 for usage errors,
 * 70 for an internal error.
 */
import { runFuzz } from '../../api/runFuzz.ts';
import { describeFuzz } from '../../outcome/render.ts';
import { createProgressBar } from '../../report/progress.ts';
import { writeReports } from '../../report/writeReports.ts';
import { parseArgs } from '../args.ts';
import { FUZZ_FLAGS, readFuzzOptions } from '../fuzzOptions.ts';
import type { CommandIo } from '../io.ts';

export async function fuzzCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regsim fuzz: ${message}`);
    return 2;
  };
  const parsed = parseArgs(argv, FUZZ_FLAGS);
  if (!parsed.ok) return usage(parsed.error);
  const read = await readFuzzOptions(parsed.args);
  if (!read.ok) return usage(read.error);
  const { run, json, reportDir, junitFile } = read.options;

  const progress = !json && process.stderr.isTTY === true;
  const { result, campaigns } = await runFuzz({
    ...run,
    ...(progress ? { watch: (impl, budgetMs) => createProgressBar(impl.name, budgetMs) } : {}),
    warn: (warning) => io.err(`regsim fuzz: ${warning}`),
  });
  if (json) io.out(JSON.stringify(result, null, 2));
  else for (const line of describeFuzz(result, campaigns, run.strategy)) io.out(line);

  if (reportDir !== undefined || junitFile !== undefined) {
    try {
      const written = await writeReports(
        campaigns.map((c, i) => ({ result: c, impl: run.impls[i]! })),
        { reportDir, junitFile, command: ['regsim', 'fuzz', ...argv].join(' '), now: new Date() },
      );
      // With --json, standard output holds the JSON document alone.
      if (!json && written.html !== undefined) io.out(`report: ${written.html}`);
      if (!json && written.junit !== undefined) io.out(`junit: ${written.junit}`);
    } catch (error) {
      io.err(
        `regsim fuzz: cannot write the reports: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 2;
    }
  }
  return result.ok ? 0 : 1;
}

/** The `regsim` command line: dispatches to one command and returns its exit code. */
import { benchCommand } from './commands/bench.ts';
import { checkCommand } from './commands/check.ts';
import { fuzzCommand } from './commands/fuzz.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { replayCommand } from './commands/replay.ts';
import { startCommand } from './commands/start.ts';
import type { CommandIo } from './io.ts';

const COMMANDS: Record<string, (argv: readonly string[], io: CommandIo) => Promise<number>> = {
  list: listCommand,
  replay: replayCommand,
  check: checkCommand,
  fuzz: fuzzCommand,
  merge: mergeCommand,
  start: startCommand,
  bench: benchCommand,
};

const HELP = [
  'usage: regsim <command> [options]',
  '',
  '  list [--json]                                  implementations, invariants, scenarios',
  '  replay <scenario.json|token> [--impl <name>] [--json] [--strict]',
  "                                                 run a scenario's scripted schedule",
  '  check --model registry|etcd|kv <file...> [--json] [--timeout 10s] [--no-partition]',
  '                                                 check histories for linearizability',
  '  fuzz --impl <name[,name]> [--strategy random|pct|pos|dfs|portfolio] [--depth d]',
  '       [--schedules N] [--seed S] [--time-budget 60s] [--until-first|--all] [--json]',
  '       [--scenario file.json] [--threads T] [--shard i/n]',
  '                                                 explore schedules, shrink counterexamples',
  '  merge <result.json...> [--json]                combine fuzz --shard results of one campaign',
  '  start                                          the default job (npm start)',
  '  bench --impl <name[,name…]|./module.ts> [--workload hot|spread] [--mix …] [--json] [--report dir]',
  '                                                 registry throughput side by side (regsim bench --help)',
];

const consoleIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

// A reader that stops early (`regsim … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    for (const line of HELP) io.out(line);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`regsim: unknown command "${name}" (try regsim help)`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    // A bug in regsim itself: one line, not a stack trace, and a distinct exit code.
    io.err(`regsim ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 70;
  }
}

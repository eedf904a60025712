/**
 * The `regsim` command line: answers `--version` and the help requests (`--help`, `-h`,
 * `help <command>`, from the usage table), dispatches to one command and returns its exit code.
 */

import { PACKAGE_VERSION } from '../installation.ts';
import { closestName } from './closestName.ts';
import type { CommandIo } from './io.ts';
import { COMMAND_NAMES, type CommandName, commandHelp, isCommandName, overviewHelp } from './usage.ts';

type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

// Loaded on demand: a command pays for its own modules only (`list` starts in a fraction of the
// time `fuzz` with its pool and reports would take). Typed by the usage table, so a command
// without help, or help without a command, does not compile.
const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  list: async () => (await import('./commands/list.ts')).listCommand,
  replay: async () => (await import('./commands/replay.ts')).replayCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  fuzz: async () => (await import('./commands/fuzz.ts')).fuzzCommand,
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
  merge: async () => (await import('./commands/merge.ts')).mergeCommand,
  start: async () => (await import('./commands/start.ts')).startCommand,
  bench: async () => (await import('./commands/bench.ts')).benchCommand,
};

const HELP_FLAGS: readonly string[] = ['--help', '-h'];

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
  if (name === '--version') {
    io.out(PACKAGE_VERSION);
    return 0;
  }
  if (name === undefined || name === 'help' || HELP_FLAGS.includes(name)) {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !isCommandName(topic)) return unknownCommand(topic, io);
    for (const line of topic === undefined ? overviewHelp() : commandHelp(topic)) io.out(line);
    return name === undefined ? 2 : 0;
  }
  if (!isCommandName(name)) return unknownCommand(name, io);
  // Help wins over everything else on the line, so `regsim fuzz --impl r0 --help` explains.
  if (rest.some((arg) => HELP_FLAGS.includes(arg))) {
    for (const line of commandHelp(name)) io.out(line);
    return 0;
  }
  try {
    const command = await COMMANDS[name]();
    return await command(rest, io);
  } catch (error) {
    // A bug in regsim itself: one line, not a stack trace, and a distinct exit code.
    io.err(`regsim ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 70;
  }
}

function unknownCommand(name: string, io: CommandIo): number {
  const meant = closestName(name, COMMAND_NAMES);
  io.err(
    `regsim: unknown command "${name}"${meant === undefined ? '' : `; did you mean ${meant}?`} (try regsim help)`,
  );
  return 2;
}

/**
 * CLI conventions: `--help`, `-h` and `help <command>` print the command's usage with every flag
 * its parser accepts (the flag specs are captured from the commands' own `parseArgs` calls),
 * `--version` prints the package's version, and mistyped flags and commands name the closest
 * known one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { FlagSpec } from '../../sim/cli/args.ts';
import { COMMAND_NAMES, USAGE } from '../../sim/cli/usage.ts';
import { runCli } from './runCli.ts';

const captured = vi.hoisted(() => ({ spec: undefined as FlagSpec | undefined }));

vi.mock('../../sim/cli/args.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../sim/cli/args.ts')>();
  return {
    ...actual,
    parseArgs: (argv: readonly string[], spec: FlagSpec) => {
      captured.spec = spec;
      return actual.parseArgs(argv, spec);
    },
  };
});

/** The flags `command` accepts, as its own call to parseArgs declares them. */
async function acceptedFlags(command: string): Promise<FlagSpec> {
  captured.spec = undefined;
  const run = await runCli(command, '--no-such-flag');
  expect(run.code).toBe(2);
  expect(captured.spec, `${command} did not parse its arguments`).toBeDefined();
  return captured.spec!;
}

const documentedFlags = (command: (typeof COMMAND_NAMES)[number]): string[] =>
  USAGE[command].options.map(([flag]) => flag).filter((flag) => flag.startsWith('--'));

describe.each(COMMAND_NAMES)('regsim %s help', (command) => {
  it('documents every flag the command accepts, and no flag it rejects', async () => {
    const spec = await acceptedFlags(command);
    const documented = documentedFlags(command);
    const expected = [
      ...spec.values.map((flag) => expect.stringMatching(new RegExp(`^--${flag} <[^>]+>$`))),
      ...spec.booleans.map((flag) => `--${flag}`),
    ];
    expect(documented).toEqual(expect.arrayContaining(expected));
    expect(documented).toHaveLength(expected.length);
  });

  it.each([
    ['--help', [command, '--help']],
    ['-h', [command, '-h']],
    ['help <command>', ['help', command]],
    ['--help after other flags', [command, '--json', '--help']],
  ])('%s prints the usage with every flag and exits 0', async (_, argv) => {
    const run = await runCli(...argv);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toMatch(new RegExp(`^usage: regsim ${command}`));
    for (const flag of documentedFlags(command)) expect(run.out).toContain(`  ${flag}  `);
    expect(run.out).toContain('exit codes:');
  });
});

describe('regsim help and version', () => {
  it('--help and help list every command and exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['-h']]) {
      const run = await runCli(...argv);
      expect(run.code).toBe(0);
      for (const command of COMMAND_NAMES) expect(run.out).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it('no command prints the overview and exits 2', async () => {
    const run = await runCli();
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/^usage: regsim <command>/);
  });

  it('help for an unknown command exits 2 naming the closest one', async () => {
    const run = await runCli('help', 'replya');
    expect(run.code).toBe(2);
    expect(run.err).toBe('regsim: unknown command "replya"; did you mean replay? (try regsim help)');
  });

  it('--version prints the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const run = await runCli('--version');
    expect(run.code).toBe(0);
    expect(run.out).toBe(version);
  });

  it('start states its exit-code rule', async () => {
    const run = await runCli('start', '--help');
    expect(run.out).toMatch(/0 +the job ran to its end, whatever it found/);
  });
});

describe('an unknown flag', () => {
  it.each([
    [
      ['fuzz', '--impl', 'r0', '--schedule', '10'],
      'regsim fuzz: unknown flag --schedule; did you mean --schedules?',
    ],
    [
      ['fuzz', '--impl', 'r0', '--untl-first'],
      'regsim fuzz: unknown flag --untl-first; did you mean --until-first?',
    ],
    [['check', '--modle', 'kv', 'x.edn'], 'regsim check: unknown flag --modle; did you mean --model?'],
    [['start', '--time'], 'regsim start: unknown flag --time; did you mean --time-budget?'],
    [['replay', 'known/R1', '--impl', 'r0', '--fast'], 'regsim replay: unknown flag --fast'],
  ])('%j', async (argv, message) => {
    const run = await runCli(...argv);
    expect(run.code).toBe(2);
    expect(run.err).toBe(message);
    expect(run.out).toBe('');
  });
});

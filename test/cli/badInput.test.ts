/**
 * Bad input to the CLI: each exits 2 with one line on stderr and no stack trace, before any work
 * starts (nothing on stdout), and leaves the files it was pointed at as they were. Most rows run
 * the CLI in-process; the rows about what the process does (hang, load code, print) run the
 * `regsim` binary.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCliWatched } from './runCli.ts';

const temp = mkdtempSync(join(tmpdir(), 'regsim-bad-input-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
};

const R1 = JSON.parse(readFileSync('scenarios/known/R1.json', 'utf8')) as Record<string, unknown>;
const scenarioFile = (name: string, changes: Record<string, unknown>): string =>
  file(name, JSON.stringify({ ...R1, ...changes }, null, 2));

/** A token as anyone could write one: the format's prefix and deflated JSON. */
const craftToken = (impl: string, schedule: readonly (readonly [string, string])[] = []): string =>
  `regsim1.${deflateRawSync(JSON.stringify({ v: 1, impl, scenario: R1, schedule })).toString('base64url')}`;

// Importing this module leaves a file behind: the proof that a token ran code.
const marker = join(temp, 'imported');
const plugin = file(
  'plugin.mjs',
  `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'loaded');\n`,
);
const validToken = craftToken('r0');
const junitKept = file('kept-junit.xml', '<testsuites/>');
const plainFile = file('plain-file', 'keep me');
const directory = join(temp, 'a-directory');
mkdirSync(directory);

/** A small campaign, so that a run that wrongly goes ahead still ends soon. */
const FUZZ = ['fuzz', '--impl', 'actor', '--schedules', '20', '--threads', '1', '--time-budget', '3s'];

interface BadInput {
  readonly input: string;
  readonly argv: readonly string[];
  readonly message: RegExp;
  /** Paths that must not exist afterwards. */
  readonly absent?: readonly string[];
  /** Files whose content must be unchanged. */
  readonly unchanged?: readonly string[];
  /** Run the binary in a child process rather than the CLI in-process. */
  readonly spawn?: boolean;
}

const ROWS: readonly BadInput[] = [
  {
    input: '--time-budget 0s',
    argv: [...FUZZ, '--time-budget', '0s'],
    message: /--time-budget .*above zero/,
  },
  { input: '--seed 1e30', argv: [...FUZZ, '--seed', '1e30'], message: /--seed expects a decimal integer/ },
  { input: '--seed 2^53', argv: [...FUZZ, '--seed', '2^53'], message: /--seed expects a decimal integer/ },
  {
    input: '--seed 9007199254740992 (2^53)',
    argv: [...FUZZ, '--seed', '9007199254740992'],
    message: /--seed expects a decimal integer from 0 to 9007199254740991/,
  },
  {
    input: '--schedules 1e12',
    argv: [...FUZZ, '--schedules', '1e12'],
    message: /--schedules expects a decimal integer/,
  },
  {
    input: '--schedules 0x10',
    argv: [...FUZZ, '--schedules', '0x10'],
    message: /--schedules expects a decimal integer/,
  },
  {
    input: '--schedules " 5"',
    argv: [...FUZZ, '--schedules', ' 5'],
    message: /--schedules expects a decimal integer/,
  },
  { input: '--depth 2.0', argv: [...FUZZ, '--depth', '2.0'], message: /--depth expects a decimal integer/ },
  {
    input: '--report /proc/x (a recursive mkdir never returns)',
    argv: [...FUZZ, '--report', '/proc/x', '--junit', junitKept],
    message: /--report \/proc\/x: .*ENOENT/,
    unchanged: [junitKept],
    spawn: true,
  },
  {
    input: '--junit under /proc',
    argv: [...FUZZ, '--junit', '/proc/x/junit.xml'],
    message: /--junit \/proc\/x\/junit\.xml: .*ENOENT/,
  },
  {
    input: '--junit naming a directory',
    argv: [...FUZZ, '--junit', directory],
    message: /--junit .*is a directory/,
  },
  {
    input: '--report under a regular file',
    argv: [...FUZZ, '--report', join(plainFile, 'report')],
    message: /--report .*ENOTDIR/,
    unchanged: [plainFile],
  },
  {
    input: 'a crafted token naming a local .mjs plugin',
    argv: ['replay', craftToken(plugin)],
    message: new RegExp(`token names the plugin module ${plugin.replaceAll('.', '\\.')}.*--impl`),
    absent: [marker],
    spawn: true,
  },
  { input: 'an empty token', argv: ['replay', ''], message: /not a replay token/ },
  {
    input: 'a token with a leading space',
    argv: ['replay', ` ${validToken}`],
    message: /not a replay token/,
  },
  {
    input: 'a token with a character slipped in',
    argv: ['replay', `${validToken.slice(0, 40)}!${validToken.slice(40)}`],
    message: /corrupt replay token/,
  },
  {
    input: 'a token of another format',
    argv: ['replay', `regsim2.${validToken.slice('regsim1.'.length)}`],
    message: /replay token format 2 is not supported/,
  },
  {
    input: 'a token whose schedule names a task its scenario lacks',
    argv: ['replay', craftToken('r0', [['T9', 'url_to_id.contains_key(U)']])],
    message: /corrupt replay token: step 1 names "T9"/,
  },
  {
    input: 'a scenario file that never ends (/dev/zero)',
    argv: ['replay', '/dev/zero', '--impl', 'r0'],
    message: /\/dev\/zero: larger than 16 MiB/,
    spawn: true,
  },
  {
    input: 'a scenario with a misspelt field',
    argv: [
      'replay',
      scenarioFile('misspelt.json', { schedule: undefined, shedule: R1.schedule }),
      '--impl',
      'r0',
    ],
    message: /misspelt\.json: shedule: unknown field/,
  },
  {
    input: 'a scenario binding the result of a read',
    argv: [
      'replay',
      scenarioFile('bound-read.json', { post: [{ op: 'getByUrl', url: 'U', as: 'x' }] }),
      '--impl',
      'r0',
    ],
    message: /bound-read\.json: post\[0\]\.as: unknown field/,
  },
  {
    input: 'a scenario with two schedules (JSON would keep the last)',
    argv: [
      ...FUZZ,
      '--impl',
      'r0',
      '--scenario',
      file('twice.json', JSON.stringify(R1, null, 2).replace(/\n}$/, ',\n  "schedule": ["T2*", "T1*"]\n}')),
    ],
    message: /twice\.json: duplicate key at line \d+, column 3: "schedule"/,
  },
  {
    input: 'a scenario file with a JSON error on its third line',
    argv: ['replay', file('broken.json', '{\n  "name": "x",\n  "workers": tru\n}\n'), '--impl', 'r0'],
    message: /broken\.json: malformed JSON at line 3, column 14/,
    spawn: true,
  },
  {
    input: 'a scenario with an infinite priority',
    argv: [
      'replay',
      file('infinite.json', JSON.stringify(R1).replace('"url":"U"', '"url":"U","priority":1e999')),
      '--impl',
      'r0',
    ],
    message: /infinite\.json: workers\.A\.priority: expected a finite number/,
  },
];

describe.concurrent('bad input exits 2 with one line and touches nothing', () => {
  const before = new Map(ROWS.flatMap((row) => row.unchanged ?? []).map((f) => [f, readFileSync(f, 'utf8')]));
  it.each(ROWS)('$input', async ({ argv, message, absent = [], unchanged = [], spawn = false }) => {
    const run = spawn ? await spawnCliWatched(argv) : { ...(await runCli(...argv)), timedOut: false };
    expect(run.timedOut, 'the process did not end').toBe(false);
    expect(run.code, run.err).toBe(2);
    expect(run.err.trimEnd().split('\n'), run.err).toHaveLength(1);
    expect(run.err).toMatch(/^regsim \w+: /);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/^\s+at /m);
    expect(run.out).toBe('');
    for (const path of absent) expect(existsSync(path), `${path} was created`).toBe(false);
    for (const path of unchanged) expect(readFileSync(path, 'utf8')).toBe(before.get(path));
  });
});

/**
 * `regsim check --model registry|etcd|kv <file...> [--json] [--timeout 10s] [--no-partition]`:
 * checks each history for linearizability and prints a verdict per file (with `--json`, one
 * JSON object per line). The timeout applies to each file.
 *
 * Exit code: 2 if any input is bad (usage, an unreadable or malformed file, or one with no
 * operation of the model), else 1 if any history is illegal, else 3 if any check ran out of
 * time, else 0.
 */
import { readFile } from 'node:fs/promises';
import { checkHistoryText, DEFAULT_CHECK_TIMEOUT_MS, type HistoryCheckOptions } from '../../api/check.ts';
import { type HistoryModel, isHistoryModel } from '../../linearizability/histories.ts';
import { parseArgs } from '../args.ts';
import { parseDuration } from '../duration.ts';
import type { CommandIo } from '../io.ts';

const EXIT = { ok: 0, illegal: 1, badInput: 2, unknown: 3 } as const;

/** Runs `regsim check` with the arguments after the command name; returns the exit code. */
export async function checkCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string): number => {
    io.err(`regsim check: ${message}`);
    return EXIT.badInput;
  };
  const parsed = parseArgs(args, { values: ['model', 'timeout'], booleans: ['json', 'no-partition'] });
  if (!parsed.ok) return usage(parsed.error);
  const { flags, switches, positional: files } = parsed.args;
  const modelName = flags.get('model');
  if (modelName === undefined) return usage('--model registry|etcd|kv is required');
  if (!isHistoryModel(modelName))
    return usage(`unknown model "${modelName}" (expected registry, etcd or kv)`);
  const timeoutText = flags.get('timeout');
  // `check` has always wanted the unit written out (`--timeout 10` is refused, not read as 10 s).
  const withUnit = timeoutText !== undefined && /[a-z]$/.test(timeoutText);
  const timeoutMs =
    timeoutText === undefined ? DEFAULT_CHECK_TIMEOUT_MS : withUnit ? parseDuration(timeoutText) : undefined;
  if (timeoutMs === undefined)
    return usage(`--timeout expects a duration above zero like 500ms, 10s or 2m, got "${timeoutText}"`);
  if (files.length === 0) return usage('expected at least one history file');

  const json = switches.has('json');
  const options: HistoryCheckOptions = {
    model: modelName as HistoryModel,
    timeoutMs,
    partition: !switches.has('no-partition'),
  };
  const codes: number[] = [];
  for (const file of files) {
    codes.push(await checkFile(file, options, json, io));
  }
  if (codes.includes(EXIT.badInput)) return EXIT.badInput;
  if (codes.includes(EXIT.illegal)) return EXIT.illegal;
  return codes.includes(EXIT.unknown) ? EXIT.unknown : EXIT.ok;
}

async function checkFile(
  file: string,
  options: HistoryCheckOptions,
  json: boolean,
  io: CommandIo,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    if (json) io.out(JSON.stringify({ file, verdict: 'error', message }));
    io.err(`regsim check: ${file}: ${message}`);
    return EXIT.badInput;
  }
  const verdict = checkHistoryText({ name: file, text }, options);
  if (json) io.out(JSON.stringify(verdict));
  if (verdict.verdict === 'error') {
    io.err(`regsim check: ${describeFault(file, text, verdict)}`);
    return EXIT.badInput;
  }
  if (!json) {
    const why =
      verdict.verdict === 'unknown'
        ? `, ${verdict.reason === 'timeout' ? 'timed out' : 'step budget spent'}`
        : verdict.decomposition !== undefined
          ? `, decided in ${verdict.decomposition.groups} groups by ${verdict.decomposition.by}`
          : '';
    io.out(`${file}: ${verdict.verdict} (${verdict.ms} ms, ${verdict.operations} operations${why})`);
    for (const line of verdict.explanation ?? []) io.out(`  ${line}`);
    const suspect = verdict.suspect;
    if (suspect !== undefined)
      io.out(
        `  a lead, not a proof: the ${suspect.operations} operations with ${suspect.by} ${JSON.stringify(suspect.value)} are not linearizable by themselves`,
      );
  }
  return EXIT[verdict.verdict === 'illegal' ? 'illegal' : verdict.verdict === 'unknown' ? 'unknown' : 'ok'];
}

/** Longest parser message echoed: a binary file's "line" can be megabytes long. */
const MAX_MESSAGE = 160;

/**
 * One line naming the file (and line) of a fault. A fault in the whole file or on its first
 * line most likely means a history of another kind, so the line asks after `--model`.
 */
function describeFault(
  file: string,
  text: string,
  fault: { readonly line?: number; readonly message: string },
): string {
  // Control characters (a binary's bytes, a stray carriage return) would garble the terminal.
  const cleaned = fault.message.replace(/\p{Cc}/gu, '?');
  const message = cleaned.length > MAX_MESSAGE ? `${cleaned.slice(0, MAX_MESSAGE)}…` : cleaned;
  if (fault.line === undefined) return `${message} in ${file}: is --model right?`;
  const firstLine = text.split('\n', fault.line).findIndex((l) => l.trim() !== '') + 1;
  const hint = fault.line === firstLine ? ': is --model right?' : '';
  return `${file}:${fault.line}: ${message}${hint}`;
}

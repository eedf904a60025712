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
import { type CheckOptions, type CheckResult, checkOperations } from '../../linearizability/checker.ts';
import { explainIllegal } from '../../linearizability/explain.ts';
import type { HistoryFault, Model, Op } from '../../linearizability/model.ts';
import { etcdModel } from '../../linearizability/models/etcd.ts';
import { createKvModel } from '../../linearizability/models/kv.ts';
import { registryModel } from '../../linearizability/models/registry.ts';
import { parseJepsenEtcd } from '../../linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../../linearizability/parsers/kvEdn.ts';
import { parseRegistryJsonl } from '../../linearizability/parsers/registryJsonl.ts';
import { parseArgs } from '../args.ts';
import type { CommandIo } from '../io.ts';

const DEFAULT_TIMEOUT_MS = 10_000;
const EXIT = { ok: 0, illegal: 1, badInput: 2, unknown: 3 } as const;

/** A parsed history with its model, its types erased so that every model is handled alike. */
interface Checkable {
  readonly operations: number;
  check(options: CheckOptions): {
    readonly result: CheckResult<unknown, unknown>;
    readonly explanation: string[];
  };
}

type Load = (text: string) => { ok: true; history: Checkable } | HistoryFault;

function checkable<S, I, O>(model: Model<S, I, O>, ops: readonly Op<I, O>[]): Checkable {
  return {
    operations: ops.length,
    check: (options) => {
      const result = checkOperations(model, ops, options);
      return { result, explanation: result.verdict === 'illegal' ? explainIllegal(model, result) : [] };
    },
  };
}

const LOADERS: Readonly<Record<string, Load>> = {
  etcd: (text) => {
    const parsed = parseJepsenEtcd(text);
    return parsed.ok ? { ok: true, history: checkable(etcdModel, parsed.ops) } : parsed;
  },
  kv: (text) => {
    const parsed = parseKvEdn(text);
    return parsed.ok ? { ok: true, history: checkable(createKvModel(), parsed.ops) } : parsed;
  },
  registry: (text) => {
    const parsed = parseRegistryJsonl(text);
    return parsed.ok ? { ok: true, history: checkable(registryModel(parsed.variant), parsed.ops) } : parsed;
  },
};

/** Milliseconds source for the reported times and the timeout. */
const clock = (): number => performance.now();

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
  const load = Object.hasOwn(LOADERS, modelName) ? LOADERS[modelName] : undefined;
  if (load === undefined) return usage(`unknown model "${modelName}" (expected registry, etcd or kv)`);
  const timeoutText = flags.get('timeout');
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeoutText);
  if (timeoutMs === undefined)
    return usage(`--timeout expects a duration like 500ms, 10s or 2m, got "${timeoutText}"`);
  if (files.length === 0) return usage('expected at least one history file');

  const json = switches.has('json');
  const options: CheckOptions = { timeoutMs, partition: !switches.has('no-partition'), clock };
  const codes: number[] = [];
  for (const file of files) {
    codes.push(await checkFile(file, load, options, json, io));
  }
  if (codes.includes(EXIT.badInput)) return EXIT.badInput;
  if (codes.includes(EXIT.illegal)) return EXIT.illegal;
  return codes.includes(EXIT.unknown) ? EXIT.unknown : EXIT.ok;
}

async function checkFile(
  file: string,
  load: Load,
  options: CheckOptions,
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
  const loaded = load(text);
  if (!loaded.ok) {
    if (json) io.out(JSON.stringify({ file, verdict: 'error', line: loaded.line, message: loaded.message }));
    io.err(`regsim check: ${describeFault(file, text, loaded)}`);
    return EXIT.badInput;
  }
  const { history } = loaded;
  const started = clock();
  const { result, explanation } = history.check(options);
  const ms = Math.round((clock() - started) * 10) / 10;
  const operations = history.operations;
  if (json) {
    const reason = result.verdict === 'unknown' ? { reason: result.reason } : {};
    const explained = result.verdict === 'illegal' ? { explanation } : {};
    io.out(
      JSON.stringify({
        file,
        verdict: result.verdict,
        ms,
        operations,
        steps: result.steps,
        ...reason,
        ...explained,
      }),
    );
  } else {
    const why =
      result.verdict === 'unknown'
        ? `, ${result.reason === 'timeout' ? 'timed out' : 'step budget spent'}`
        : '';
    io.out(`${file}: ${result.verdict} (${ms} ms, ${operations} operations${why})`);
    for (const line of explanation) io.out(`  ${line}`);
  }
  return EXIT[result.verdict === 'illegal' ? 'illegal' : result.verdict === 'unknown' ? 'unknown' : 'ok'];
}

/** Longest parser message echoed: a binary file's "line" can be megabytes long. */
const MAX_MESSAGE = 160;

/**
 * One line naming the file (and line) of a fault. A fault in the whole file or on its first
 * line most likely means a history of another kind, so the line asks after `--model`.
 */
function describeFault(file: string, text: string, fault: HistoryFault): string {
  // Control characters (a binary's bytes, a stray carriage return) would garble the terminal.
  const cleaned = fault.message.replace(/\p{Cc}/gu, '?');
  const message = cleaned.length > MAX_MESSAGE ? `${cleaned.slice(0, MAX_MESSAGE)}…` : cleaned;
  if (fault.line === undefined) return `${message} in ${file}: is --model right?`;
  const firstLine = text.split('\n', fault.line).findIndex((l) => l.trim() !== '') + 1;
  const hint = fault.line === firstLine ? ': is --model right?' : '';
  return `${file}:${fault.line}: ${message}${hint}`;
}

/** `500ms`, `10s`, `1.5s` or `2m` in milliseconds; undefined if malformed. */
function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (m === null) return undefined;
  const unit = m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000;
  return Number(m[1]) * unit;
}

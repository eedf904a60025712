/**
 * `check(histories, options)`: linearizability of recorded histories from code, returning per
 * history the object `regsim check --json` prints on its line. Prints nothing and never exits.
 */
import { readFile } from 'node:fs/promises';
import type { CheckOptions } from '../linearizability/checker.ts';
import { type HistoryModel, isHistoryModel, loadHistory } from '../linearizability/histories.ts';

/** A history given as text, named as reports should name it. */
export interface HistoryText {
  readonly name: string;
  readonly text: string;
}

export interface HistoryCheckOptions {
  readonly model: HistoryModel;
  /** Per history; default 10 s. */
  readonly timeoutMs?: number;
  /** Check keys apart where the model partitions (default true). */
  readonly partition?: boolean;
}

/** One history's verdict, or why it could not be checked. */
export type HistoryVerdict =
  | {
      readonly file: string;
      readonly verdict: 'ok' | 'illegal' | 'unknown';
      readonly ms: number;
      readonly operations: number;
      readonly steps: number;
      /** Why the check did not decide (`timeout`, or a spent step budget). */
      readonly reason?: string;
      /** For an illegal history: the smallest prefix with no linearization, in words. */
      readonly explanation?: readonly string[];
      /**
       * For an ok history searched whole: the input field whose groups decided it, each
       * linearizable alone and their merged linearization legal for the whole model.
       */
      readonly decomposition?: { readonly by: string; readonly groups: number };
      /**
       * For an undecided history searched whole: a group of operations sharing one input
       * field's value that is not linearizable by itself (a lead, not a proof).
       */
      readonly suspect?: {
        readonly by: string;
        readonly value: string | number | boolean;
        readonly operations: number;
      };
    }
  | { readonly file: string; readonly verdict: 'error'; readonly line?: number; readonly message: string };

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

const clock = (): number => performance.now();

/** Checks one history's text (no I/O). */
export function checkHistoryText(history: HistoryText, options: HistoryCheckOptions): HistoryVerdict {
  const loaded = loadHistory(options.model, history.text);
  if (!loaded.ok) {
    return {
      file: history.name,
      verdict: 'error',
      ...(loaded.line === undefined ? {} : { line: loaded.line }),
      message: loaded.message,
    };
  }
  const checkOptions: CheckOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
    partition: options.partition ?? true,
    clock,
  };
  const started = clock();
  const { result, explanation } = loaded.history.check(checkOptions);
  return {
    file: history.name,
    verdict: result.verdict,
    ms: Math.round((clock() - started) * 10) / 10,
    operations: loaded.history.operations,
    steps: result.steps,
    ...(result.verdict === 'unknown' ? { reason: result.reason } : {}),
    ...(result.verdict === 'unknown' && result.suspect !== undefined ? { suspect: result.suspect } : {}),
    ...(result.verdict === 'illegal' ? { explanation } : {}),
    ...(result.verdict === 'ok' && result.decomposition !== undefined
      ? { decomposition: result.decomposition }
      : {}),
  };
}

/** Checks each history: a file path, or a history given as text. */
export async function check(
  histories: string | HistoryText | readonly (string | HistoryText)[],
  options: HistoryCheckOptions,
): Promise<HistoryVerdict[]> {
  if (!isHistoryModel(options.model))
    throw new Error(`check: unknown model "${String(options.model)}" (expected registry, etcd or kv)`);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0))
    throw new Error('check: timeoutMs must be above zero');
  const list = Array.isArray(histories) ? histories : [histories];
  const verdicts: HistoryVerdict[] = [];
  for (const history of list as readonly (string | HistoryText)[]) {
    if (typeof history !== 'string') {
      verdicts.push(checkHistoryText(history, options));
      continue;
    }
    let text: string;
    try {
      text = await readFile(history, 'utf8');
    } catch (error) {
      verdicts.push({
        file: history,
        verdict: 'error',
        message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
      continue;
    }
    verdicts.push(checkHistoryText({ name: history, text }, options));
  }
  return verdicts;
}

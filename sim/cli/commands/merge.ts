/**
 * `regsim merge <result.json…> [--json]`: combines the `regsim fuzz --shard i/n --json` outputs
 * of one campaign (e.g. the jobs of a CI matrix) into one summary, in fuzz's JSON shape plus
 * `shards`, or likewise the `regsim verify --shard i/n --json` outputs of one verification.
 * Exit 0 without violations, 1 with, 2 for usage errors: an unreadable or malformed file, or
 * results that are not distinct shards of one run; for verify shards, 3 when a shard is missing
 * or incomplete (so a merge verifies only what every shard verified).
 */
import { readFileSync } from 'node:fs';
import { mergeShardResults } from '../../outcome/merge.ts';
import { describeMerge } from '../../outcome/render.ts';
import { describeVerifyMerge } from '../../outcome/renderVerify.ts';
import type { ShardInput } from '../../outcome/types.ts';
import { parseFuzzResult } from '../../outcome/validate.ts';
import { looksLikeVerifyResult, mergeVerifyResults, parseVerifyResult } from '../../outcome/verifyMerge.ts';
import { type VerifyResult, verifyExitCode } from '../../outcome/verifyResult.ts';
import { parseArgs } from '../args.ts';
import type { CommandIo } from '../io.ts';

export async function mergeCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regsim merge: ${message}`);
    return 2;
  };
  const parsed = parseArgs(argv, { values: [], booleans: ['json'] });
  if (!parsed.ok) return usage(parsed.error);
  const { switches, positional } = parsed.args;
  if (positional.length === 0) return usage('give the result files to merge: regsim merge <result.json…>');
  const texts: { file: string; text: string }[] = [];
  for (const file of positional) {
    try {
      texts.push({ file, text: readFileSync(file, 'utf8') });
    } catch (error) {
      return usage(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const verifies = texts.filter(({ text }) => looksLikeVerifyResult(parsedOrUndefined(text)));
  if (verifies.length > 0) {
    if (verifies.length < texts.length)
      return usage(
        `${verifies[0]!.file} is a verify result but ${texts.find((t) => !verifies.includes(t))!.file} is not`,
      );
    return mergeVerify(texts, switches.has('json'), io, usage);
  }
  const inputs: ShardInput[] = [];
  for (const { file, text } of texts) {
    const result = parseFuzzResult(text);
    if (!result.ok) return usage(`${file}: ${result.error}`);
    inputs.push({ file, result: result.value });
  }
  const merged = mergeShardResults(inputs);
  if (!merged.ok) return usage(merged.error);
  if (switches.has('json')) io.out(JSON.stringify(merged.value, null, 2));
  else for (const line of describeMerge(merged.value)) io.out(line);
  return merged.value.ok ? 0 : 1;
}

/** JSON, or undefined when the text is not JSON (the fuzz parser then says why). */
function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Merges the shards of one `regsim verify` run. */
function mergeVerify(
  texts: readonly { file: string; text: string }[],
  json: boolean,
  io: CommandIo,
  usage: (message: string) => number,
): number {
  const inputs: { file: string; result: VerifyResult }[] = [];
  for (const { file, text } of texts) {
    const result = parseVerifyResult(parsedOrUndefined(text));
    if (!result.ok) return usage(`${file}: ${result.error}`);
    inputs.push({ file, result: result.value });
  }
  const merged = mergeVerifyResults(inputs);
  if (!merged.ok) return usage(merged.error);
  if (json) io.out(JSON.stringify(merged.value, null, 2));
  else for (const line of describeVerifyMerge(merged.value)) io.out(line);
  return verifyExitCode(merged.value);
}

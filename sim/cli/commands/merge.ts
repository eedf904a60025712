/**
 * `regsim merge <result.json…> [--json]`: combines the `regsim fuzz --shard i/n --json` outputs
 * of one campaign (e.g. the jobs of a CI matrix) into one summary, in fuzz's JSON shape plus
 * `shards`. Exit 0 without violations, 1 with, 2 for usage errors: an unreadable or malformed
 * file, or results that are not distinct shards of one campaign.
 */
import { readFileSync } from 'node:fs';
import { mergeShardResults } from '../../outcome/merge.ts';
import { describeMerge } from '../../outcome/render.ts';
import type { ShardInput } from '../../outcome/types.ts';
import { parseFuzzResult } from '../../outcome/validate.ts';
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
  const inputs: ShardInput[] = [];
  for (const file of positional) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return usage(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
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

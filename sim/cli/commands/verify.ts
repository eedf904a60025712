/**
 * `regsim verify --impl <name> [--universe small|medium] [--tasks 2..3] [--ops 1] [--max-traces N]
 * [--shard i/n] [--json]`: bounded verification. Every scenario of the universe within the bound
 * (up to symmetry) is explored in every interleaving; prints the scenarios, traces and time, and
 * either that no interleaving of any scenario breaks anything, or the first failing scenario with
 * its shrunk schedule and replay token. Exit 0 verified, 1 a counterexample (or an implementation
 * that is not deterministic), 2 usage errors, 3 incomplete: some scenario's exploration hit
 * `--max-traces`, so nothing is verified.
 */
import { prepareVerify, runPreparedVerify } from '../../api/verify.ts';
import { describeVerify } from '../../outcome/renderVerify.ts';
import { verifyExitCode } from '../../outcome/verifyResult.ts';
import { createVerifyProgressBar } from '../../report/verifyProgress.ts';
import { VERIFY_DEFAULTS } from '../../verify/defaults.ts';
import { countUniverse } from '../../verify/universe.ts';
import { isUniverseName, UNIVERSE_NAMES } from '../../verify/universes.ts';
import { parseArgs } from '../args.ts';
import { parseIntegerFlag } from '../integerFlag.ts';
import type { CommandIo } from '../io.ts';
import { parseShardFlag } from '../shardFlag.ts';

export const VERIFY_FLAGS = {
  values: ['impl', 'universe', 'tasks', 'ops', 'max-traces', 'shard'],
  booleans: ['json'],
} as const;

export async function verifyCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regsim verify: ${message}`);
    return 2;
  };
  const parsed = parseArgs(argv, VERIFY_FLAGS);
  if (!parsed.ok) return usage(parsed.error);
  const { flags, switches, positional } = parsed.args;
  if (positional.length > 0) return usage(`unexpected argument ${positional[0]}`);
  const impl = flags.get('impl');
  if (impl === undefined || impl === '') return usage('--impl <name> is required');
  if (impl.includes(',')) return usage('--impl takes one implementation (verify them one at a time)');
  const universe = flags.get('universe');
  if (universe !== undefined && !isUniverseName(universe))
    return usage(`unknown universe "${universe}" (one of ${UNIVERSE_NAMES.join(', ')})`);
  const maxTraces = parseIntegerFlag('max-traces', flags.get('max-traces'), VERIFY_DEFAULTS.maxTraces, 1);
  if (!maxTraces.ok) return usage(maxTraces.error);
  const shardText = flags.get('shard');
  let shard: { index: number; count: number } | undefined;
  if (shardText !== undefined) {
    const read = parseShardFlag(shardText);
    if (!read.ok) return usage(read.error);
    shard = read.shard;
  }
  const prepared = await prepareVerify({
    impl,
    ...(universe === undefined ? {} : { universe }),
    ...(flags.has('tasks') ? { tasks: flags.get('tasks')! } : {}),
    ...(flags.has('ops') ? { ops: flags.get('ops')! } : {}),
    maxTraces: maxTraces.value,
    ...(shard === undefined ? {} : { shard }),
  });
  if (!prepared.ok) return usage(prepared.error);
  const json = switches.has('json');

  const options = prepared.value;
  let bar: ReturnType<typeof createVerifyProgressBar> | undefined;
  if (!json && process.stderr.isTTY === true) {
    const all = countUniverse(options.universe, options.impl.operations, options.bound);
    const s = options.shard;
    const mine = s === undefined ? all : all > s.index ? Math.floor((all - s.index - 1) / s.count) + 1 : 0;
    bar = createVerifyProgressBar(options.impl.name, mine);
  }
  const { result, run } = await runPreparedVerify(
    options,
    bar === undefined ? undefined : (p) => bar.update(p),
  );
  bar?.stop();
  if (json) io.out(JSON.stringify(result, null, 2));
  else for (const line of describeVerify(result, run.counterexample?.finding)) io.out(line);
  return verifyExitCode(result);
}

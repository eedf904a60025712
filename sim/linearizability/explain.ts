/**
 * A readable account of an `illegal` verdict: the longest linearization the search found, the
 * state it leads to, and the operation that could not follow it.
 */
import type { IllegalResult } from './checker.ts';
import { fillDefaults, type Model, type Op } from './model.ts';

export interface ExplainOptions {
  /** How many operations of the prefix to print, the latest ones (default 20). */
  readonly maxPrefix?: number;
}

/** The explanation as lines of text. */
export function explainIllegal<S, I, O>(
  model: Model<S, I, O>,
  result: IllegalResult<I, O>,
  { maxPrefix = 20 }: ExplainOptions = {},
): string[] {
  const m = fillDefaults(model);
  const describe = (op: Op<I, O>): string =>
    `[client ${op.client}] ${m.describeOperation(op.input, op.output)}  (called ${op.call}, ${op.ret === undefined ? 'pending' : `returned ${op.ret}`})`;
  const { longestPrefix: prefix, blocked } = result;
  const total = prefix.length + result.unplaced.length;
  const scope = result.partitions > 1 ? ` (in one of ${result.partitions} independent partitions)` : '';
  const lines = [`longest linearizable prefix: ${prefix.length} of ${total} operations${scope}`];
  if (prefix.length > maxPrefix) lines.push(`  … ${prefix.length - maxPrefix} earlier operations`);
  for (const op of prefix.slice(-maxPrefix)) lines.push(`  ${describe(op)}`);

  // Replaying the prefix recovers the state the search was in (the search took these steps).
  let state = m.init();
  for (const op of prefix) state = m.step(state, op.input, op.output)!;
  lines.push(`state after it: ${m.describeState(state)}`);
  const legalNext = m.step(state, blocked.input, blocked.output) !== undefined;
  lines.push(
    `cannot follow it: ${describe(blocked)}`,
    legalNext
      ? '  (legal in that state, but no order of the remaining operations continues from there)'
      : '  (its result is illegal in that state)',
  );
  return lines;
}

/**
 * Parses Jepsen's etcd logs (`INFO  jepsen.util - <process> :<type> :<f> <value>`), the format
 * of Porcupine's and Horn's test data. Line numbers are the operations' times.
 * - `:ok`/`:fail` close the process's open call; `:fail :cas` is a cas that returned false and
 *   `:fail :read :timed-out` a read with an unknown result;
 * - `:info` closes nothing: the call stays pending (it may or may not have taken effect);
 * - blank lines and the nemesis's events are skipped; any other line is an error, and so is a
 *   log without one operation: skipping what it cannot read would pass any file as linearizable.
 */
import type { Op, ParsedHistory } from '../model.ts';
import type { EtcdInput, EtcdOutput } from '../models/etcd.ts';

type EtcdOp = Op<EtcdInput, EtcdOutput>;

const EVENT = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(\S+)\s+:(\S+)\s+(.*?)\s*$/;
const NEMESIS = /^INFO\s+jepsen\.util\s+-\s+:nemesis\s/;
const INT = /^-?\d+$/;
const PAIR = /^\[(-?\d+)\s+(-?\d+)\]$/;

/** Parses one log; a line it cannot read is reported with its 1-based line number. */
export function parseJepsenEtcd(text: string): ParsedHistory<EtcdInput, EtcdOutput> {
  const ops: EtcdOp[] = [];
  const open = new Map<number, number>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = index + 1;
    if (raw.trim() === '' || NEMESIS.test(raw)) continue;
    const m = EVENT.exec(raw);
    if (m === null) return fail(line, 'not a Jepsen etcd event');
    const process = Number(m[1]);
    const [type, f, value] = [m[2]!, m[3]!, m[4]!];
    const current = open.get(process);
    if (type === 'invoke') {
      if (current !== undefined)
        return fail(line, `process ${process} invokes while its last call is still open`);
      const input = parseInput(f, value);
      if (typeof input === 'string') return fail(line, input);
      open.set(process, ops.length);
      ops.push({ client: process, input, call: line });
    } else if (type === 'ok' || type === 'fail') {
      if (current === undefined) return fail(line, `process ${process} completes without an open call`);
      const { client, input, call } = ops[current]!;
      if (input.kind !== f) return fail(line, `:${f} completes process ${process}'s :${input.kind}`);
      const output = parseOutput(input, type === 'ok', value);
      if (typeof output === 'string') return fail(line, output);
      open.delete(process);
      ops[current] =
        'unknown' in output
          ? { client, input, call, ret: line }
          : { client, input, call, output: output.value, ret: line };
    } else if (type !== 'info') {
      return fail(line, `unknown event type :${type}`);
    }
  }
  return ops.length === 0 ? { ok: false, message: 'no etcd operations' } : { ok: true, ops };
}

function fail(line: number, message: string): ParsedHistory<EtcdInput, EtcdOutput> {
  return { ok: false, line, message };
}

/** The call's input, or an error message. */
function parseInput(f: string, value: string): EtcdInput | string {
  if (f === 'read') return value === 'nil' ? { kind: 'read' } : `:read takes nil, got ${value}`;
  if (f === 'write')
    return INT.test(value)
      ? { kind: 'write', value: Number(value) }
      : `:write takes an integer, got ${value}`;
  if (f === 'cas') {
    const pair = PAIR.exec(value);
    return pair
      ? { kind: 'cas', from: Number(pair[1]), to: Number(pair[2]) }
      : `:cas takes [from to], got ${value}`;
  }
  return `unknown operation :${f}`;
}

/** The completion's output (`unknown` for a timed-out read), or an error message. */
function parseOutput(
  input: EtcdInput,
  ok: boolean,
  value: string,
): { value: EtcdOutput } | { unknown: true } | string {
  switch (input.kind) {
    case 'read':
      if (!ok)
        return value === ':timed-out' ? { unknown: true } : `a failed :read must be :timed-out, got ${value}`;
      if (value === 'nil') return { value: null };
      return INT.test(value) ? { value: Number(value) } : `:read returns nil or an integer, got ${value}`;
    case 'write':
      return ok && value === String(input.value)
        ? { value: true }
        : `expected :ok :write ${input.value}, got ${value}`;
    case 'cas': {
      const pair = PAIR.exec(value);
      return pair && Number(pair[1]) === input.from && Number(pair[2]) === input.to
        ? { value: ok }
        : `expected :cas [${input.from} ${input.to}], got ${value}`;
    }
  }
}

/**
 * Parses Porcupine's kv histories: one EDN map per line,
 * `{:process P, :type :invoke|:ok, :f :get|:put|:append, :key "K", :value V}`. Line numbers are
 * the operations' times. As in Jepsen, `:info` leaves the call pending and `:fail` means the
 * operation did not happen.
 */
import type { Op, ParsedHistory } from '../model.ts';
import type { KvInput, KvOutput } from '../models/kv.ts';

type KvOp = Op<KvInput, KvOutput>;
type Edn = string | number | null | { readonly keyword: string };

/** Parses one history; a malformed line is reported with its 1-based line number. */
export function parseKvEdn(text: string): ParsedHistory<KvInput, KvOutput> {
  const ops: (KvOp | undefined)[] = [];
  const open = new Map<number, number>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const event = parseEvent(raw);
    if (typeof event === 'string') return { ok: false, line, message: event };
    const current = open.get(event.process);
    if (event.type === 'invoke') {
      if (current !== undefined)
        return {
          ok: false,
          line,
          message: `process ${event.process} invokes while its last call is still open`,
        };
      const input = toInput(event);
      if (typeof input === 'string') return { ok: false, line, message: input };
      open.set(event.process, ops.length);
      ops.push({ client: event.process, input, call: line });
      continue;
    }
    const op = current === undefined ? undefined : ops[current];
    if (current === undefined || op === undefined)
      return { ok: false, line, message: `process ${event.process} completes without an open call` };
    if (op.input.kind !== event.f || op.input.key !== event.key)
      return { ok: false, line, message: `the completion does not match process ${event.process}'s call` };
    if (event.type === 'info') continue;
    open.delete(event.process);
    if (event.type === 'fail') {
      ops[current] = undefined;
      continue;
    }
    const output = event.f === 'get' ? event.value : null;
    if (output === undefined) return { ok: false, line, message: ':ok :get needs a string :value' };
    ops[current] = { ...op, output, ret: line };
  }
  const done = ops.filter((op) => op !== undefined);
  // An empty file, or one of failed calls only, has nothing to check: say so rather than pass it.
  return done.length === 0 ? { ok: false, message: 'no kv operations' } : { ok: true, ops: done };
}

function toInput({ f, key, value }: KvEvent): KvInput | string {
  if (f === 'get') return { kind: f, key };
  return value === undefined ? `:${f} needs a string :value` : { kind: f, key, value };
}

interface KvEvent {
  readonly process: number;
  readonly type: 'invoke' | 'ok' | 'fail' | 'info';
  readonly f: 'get' | 'put' | 'append';
  readonly key: string;
  /** `undefined` for nil. */
  readonly value: string | undefined;
}

const TYPES = ['invoke', 'ok', 'fail', 'info'] as const;
const FUNCTIONS = ['get', 'put', 'append'] as const;

/** One line's event, or an error message. */
function parseEvent(line: string): KvEvent | string {
  const map = parseEdnMap(line);
  if (typeof map === 'string') return map;
  const process = map.get('process');
  const type = keywordIn(map.get('type'), TYPES);
  const f = keywordIn(map.get('f'), FUNCTIONS);
  const key = map.get('key');
  const value = map.get('value') ?? undefined;
  if (typeof process !== 'number') return ':process must be an integer';
  if (type === undefined) return `:type must be one of ${TYPES.map((t) => `:${t}`).join(' ')}`;
  if (f === undefined) return `:f must be one of ${FUNCTIONS.map((t) => `:${t}`).join(' ')}`;
  if (typeof key !== 'string') return ':key must be a string';
  if (value !== undefined && typeof value !== 'string') return ':value must be a string or nil';
  return { process, type, f, key, value };
}

function keywordIn<T extends string>(value: Edn | undefined, names: readonly T[]): T | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  return names.find((n) => n === value.keyword);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };
const TOKEN = /\s*,?\s*(?:(\{)|(\})|:([^\s,{}[\]"]+)|"((?:[^"\\]|\\.)*)"|(-?\d+)(?=[\s,}])|(nil)(?=[\s,}]))/y;

/**
 * The keyword-keyed map on one line, limited to the values these histories use (keywords,
 * strings, integers, nil), or an error message.
 */
function parseEdnMap(line: string): Map<string, Edn> | string {
  const values: Edn[] = [];
  TOKEN.lastIndex = 0;
  const first = TOKEN.exec(line);
  if (first?.[1] === undefined) return 'expected an EDN map starting with {';
  for (;;) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(line);
    if (m === null) return `unexpected text at column ${at + 1}`;
    if (m[2] !== undefined) break;
    if (m[1] !== undefined) return 'nested maps are not supported';
    if (m[3] !== undefined) values.push({ keyword: m[3] });
    else if (m[4] !== undefined) values.push(m[4].replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c));
    else if (m[5] !== undefined) values.push(Number(m[5]));
    else values.push(null);
  }
  if (line.slice(TOKEN.lastIndex).trim() !== '') return 'text after the closing }';
  if (values.length % 2 !== 0) return 'a map needs an even number of forms';
  const map = new Map<string, Edn>();
  for (let i = 0; i < values.length; i += 2) {
    const key = values[i];
    if (key === null || typeof key !== 'object') return 'map keys must be keywords';
    map.set(key.keyword, values[i + 1]!);
  }
  return map;
}

/**
 * A key-value store with `get`, `put` and `append` (Porcupine's kv test model). Keys are
 * independent, so the model partitions a history by key.
 *
 * Keys and values are interned to small integers once per operation (`prepare`), and values are
 * built without building strings (`kvValues.ts`): a step compares, copies and hashes a few
 * integers, and an append already seen on the same value is a table lookup.
 */
import type { Model, Op } from '../model.ts';
import { KvValues } from './kvValues.ts';

/** A get, put or append on one key. */
export type KvInput =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put' | 'append'; readonly key: string; readonly value: string };

/** A get's value (`''` when absent); `null` acknowledges a put or an append. */
export type KvOutput = string | null;

/**
 * The non-empty keys' (key id, value id) pairs in key order, with a hash kept up to date on
 * every write. A state holds only the keys it has written, so in a partition of one key it is a
 * single pair, whatever the key's id. Ids belong to the model instance that made the state.
 */
export interface KvState {
  readonly entries: readonly number[];
  readonly hash: number;
}

const EMPTY: KvState = { entries: [], hash: 0 };

/** An operation with its key and value interned once per check. */
interface Prepared {
  readonly key: number;
  readonly kind: KvInput['kind'];
  /** A put's value id, an append's suffix id, a get's expected value id (-1: any, -2: none). */
  readonly value: number;
}

const ANY = -1;
const NO_VALUE = -2;

/**
 * A fresh kv model. Its intern tables grow with the values it meets, so use one per history
 * (or per batch of histories).
 */
export function createKvModel(): Model<KvState, KvInput, KvOutput> {
  const keyIds = new Map<string, number>();
  const keyNames: string[] = [];
  const values = new KvValues();
  const keyId = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keyNames.push(key) - 1;
      keyIds.set(key, id);
    }
    return id;
  };
  const prepare = (input: KvInput, output: KvOutput | undefined): Prepared => {
    const key = keyId(input.key);
    if (input.kind === 'put') return { key, kind: 'put', value: values.idOf(input.value) };
    if (input.kind === 'append') return { key, kind: 'append', value: values.suffixId(input.value) };
    // A get acknowledged like a write (null) matches no value.
    const value = output === undefined ? ANY : output === null ? NO_VALUE : values.idOf(output);
    return { key, kind: 'get', value };
  };
  const stepPrepared = (state: KvState, { key, kind, value }: Prepared): KvState | undefined => {
    const current = valueAt(state, key);
    if (kind === 'get') return value === ANY || value === current ? state : undefined;
    return withValue(state, key, kind === 'put' ? value : values.append(current, value));
  };

  return {
    init: () => EMPTY,
    step: (state, input, output) => stepPrepared(state, prepare(input, output)),
    prepare,
    stepPrepared: (state, prepared) => stepPrepared(state, prepared as Prepared),
    partition: (ops) => {
      const byKey = new Map<string, Op<KvInput, KvOutput>[]>();
      for (const op of ops) {
        const group = byKey.get(op.input.key);
        if (group === undefined) byKey.set(op.input.key, [op]);
        else group.push(op);
      }
      return [...byKey.values()];
    },
    hash: (state) => state.hash,
    equal: (a, b) => a.hash === b.hash && sameEntries(a.entries, b.entries),
    describeOperation: (input, output) => {
      const key = JSON.stringify(input.key);
      if (input.kind === 'get') return `get(${key}) → ${output === undefined ? '?' : JSON.stringify(output)}`;
      return `${input.kind}(${key}, ${JSON.stringify(input.value)})`;
    },
    describeState: (state) => {
      const entries: string[] = [];
      for (let i = 0; i < state.entries.length; i += 2)
        entries.push(
          `${JSON.stringify(keyNames[state.entries[i]!])}: ${JSON.stringify(values.text(state.entries[i + 1]!))}`,
        );
      return `{${entries.join(', ')}}`;
    },
  };
}

function valueAt(state: KvState, k: number): number {
  const e = state.entries;
  for (let i = 0; i < e.length && e[i]! <= k; i += 2) if (e[i] === k) return e[i + 1]!;
  return 0;
}

/** The state with key `k` set to value `v` (0, the empty value, drops the key). */
function withValue(state: KvState, k: number, v: number): KvState {
  const old = valueAt(state, k);
  if (old === v) return state;
  const entries: number[] = [];
  const e = state.entries;
  let i = 0;
  for (; i < e.length && e[i]! < k; i += 2) entries.push(e[i]!, e[i + 1]!);
  if (i < e.length && e[i] === k) i += 2;
  if (v !== 0) entries.push(k, v);
  for (; i < e.length; i++) entries.push(e[i]!);
  return { entries, hash: (state.hash - entryHash(k, old) + entryHash(k, v)) | 0 };
}

function sameEntries(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A mix of key and value ids; 0 for the empty value, so absent keys contribute nothing. */
function entryHash(k: number, v: number): number {
  if (v === 0) return 0;
  let z = Math.imul(v, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 15), 0xc2b2ae35);
  return z ^ (z >>> 13);
}

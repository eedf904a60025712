/**
 * A key-value store with `get`, `put` and `append` (Porcupine's kv test model). Keys are
 * independent, so the model partitions a history by key.
 *
 * Keys and values are interned to small integers, so a state is an array of value ids by key id:
 * copying, hashing and comparing states costs no string work, and an append already seen on the
 * same value is a table lookup.
 */
import type { Model, Op } from '../model.ts';

/** A get, put or append on one key. */
export type KvInput =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put' | 'append'; readonly key: string; readonly value: string };

/** A get's value (`''` when absent); `null` acknowledges a put or an append. */
export type KvOutput = string | null;

/**
 * Value ids by key id (missing trailing keys and id 0 are the empty value), with the hash kept
 * up to date on every write. Ids belong to the model instance that made the state.
 */
export interface KvState {
  readonly values: readonly number[];
  readonly hash: number;
}

const EMPTY: KvState = { values: [], hash: 0 };

/**
 * A fresh kv model. Its intern tables grow with the values it meets, so use one per history
 * (or per batch of histories).
 */
export function createKvModel(): Model<KvState, KvInput, KvOutput> {
  const keyIds = new Map<string, number>();
  const keyNames: string[] = [];
  const values = new ValueTable();
  const keyId = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keyNames.push(key) - 1;
      keyIds.set(key, id);
    }
    return id;
  };

  return {
    init: () => EMPTY,
    step: (state, input, output) => {
      const k = keyId(input.key);
      const current = state.values[k] ?? 0;
      if (input.kind === 'get')
        return output === undefined || output === values.text(current) ? state : undefined;
      return withValue(
        state,
        k,
        input.kind === 'put' ? values.idOf(input.value) : values.append(current, input.value),
      );
    },
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
    equal: (a, b) => {
      if (a.hash !== b.hash) return false;
      const n = Math.max(a.values.length, b.values.length);
      for (let k = 0; k < n; k++) if ((a.values[k] ?? 0) !== (b.values[k] ?? 0)) return false;
      return true;
    },
    describeOperation: (input, output) => {
      const key = JSON.stringify(input.key);
      if (input.kind === 'get') return `get(${key}) → ${output === undefined ? '?' : JSON.stringify(output)}`;
      return `${input.kind}(${key}, ${JSON.stringify(input.value)})`;
    },
    describeState: (state) => {
      const entries: string[] = [];
      for (const [k, v] of state.values.entries()) {
        if (v !== 0) entries.push(`${JSON.stringify(keyNames[k])}: ${JSON.stringify(values.text(v))}`);
      }
      return `{${entries.join(', ')}}`;
    },
  };
}

/** The strings met so far, one id each (0 is `''`), with appends memoised per (id, suffix). */
class ValueTable {
  private readonly ids = new Map<string, number>([['', 0]]);
  private readonly texts: string[] = [''];
  private readonly appends: (Map<string, number> | undefined)[] = [];

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.push(text) - 1;
      this.ids.set(text, id);
    }
    return id;
  }

  text(id: number): string {
    return this.texts[id]!;
  }

  append(id: number, suffix: string): number {
    let memo = this.appends[id];
    if (memo === undefined) {
      memo = new Map();
      this.appends[id] = memo;
    }
    let result = memo.get(suffix);
    if (result === undefined) {
      result = this.idOf(this.texts[id] + suffix);
      memo.set(suffix, result);
    }
    return result;
  }
}

function withValue(state: KvState, k: number, v: number): KvState {
  const old = state.values[k] ?? 0;
  if (old === v) return state;
  const values = state.values.slice();
  while (values.length < k) values.push(0);
  values[k] = v;
  return { values, hash: (state.hash - entryHash(k, old) + entryHash(k, v)) | 0 };
}

/** A mix of key and value ids; 0 for the empty value, so absent keys contribute nothing. */
function entryHash(k: number, v: number): number {
  if (v === 0) return 0;
  let z = Math.imul(v, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 15), 0xc2b2ae35);
  return z ^ (z >>> 13);
}

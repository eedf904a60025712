/**
 * A key-value store with `get`, `put` and `append` (Porcupine's kv test model). Keys are
 * independent, so the model partitions a history by key.
 *
 * Keys are interned to small integers once per operation (`prepare`), values are built without
 * building strings (`kvValues.ts`) and states are integers too (`kvStates.ts`): a step compares
 * and copies a few integers and allocates nothing.
 */
import type { Model, Op } from '../model.ts';
import { EMPTY, KvStates } from './kvStates.ts';
import { KvValues } from './kvValues.ts';

/** A get, put or append on one key. */
export type KvInput =
  | { readonly kind: 'get'; readonly key: string }
  | { readonly kind: 'put' | 'append'; readonly key: string; readonly value: string };

/** A get's value (`''` when absent); `null` acknowledges a put or an append. */
export type KvOutput = string | null;

/**
 * A state as an integer of its model's table of states (`kvStates.ts`). Ids belong to the model
 * instance that made the state.
 */
export type KvState = number;

/** An operation with its key and value interned once per check. */
interface Prepared {
  readonly key: number;
  readonly kind: KvInput['kind'];
  /** A put's value, an append's suffix id, a get's expected value (-1: any, -2: none). */
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
  const states = new KvStates(values);
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
    if (input.kind === 'put') return { key, kind: 'put', value: values.whole(key, input.value) };
    if (input.kind === 'append') return { key, kind: 'append', value: values.suffixId(input.value) };
    // A get acknowledged like a write (null) matches no value.
    const value = output === undefined ? ANY : output === null ? NO_VALUE : values.whole(key, output);
    return { key, kind: 'get', value };
  };
  const stepPrepared = (state: KvState, { key, kind, value }: Prepared): KvState | undefined => {
    const current = states.valueAt(state, key);
    if (kind === 'get')
      return value === ANY || (value !== NO_VALUE && values.same(value, current)) ? state : undefined;
    return states.withValue(state, key, kind === 'put' ? value : values.append(current, value));
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
    hash: (state) => states.hash(state),
    equal: (a, b) => states.equal(a, b),
    describeOperation: (input, output) => {
      const key = JSON.stringify(input.key);
      if (input.kind === 'get') return `get(${key}) → ${output === undefined ? '?' : JSON.stringify(output)}`;
      return `${input.kind}(${key}, ${JSON.stringify(input.value)})`;
    },
    describeState: (state) => {
      const pairs = states.entries(state);
      const entries: string[] = [];
      for (let i = 0; i < pairs.length; i += 2)
        entries.push(`${JSON.stringify(keyNames[pairs[i]!])}: ${JSON.stringify(values.text(pairs[i + 1]!))}`);
      return `{${entries.join(', ')}}`;
    },
  };
}

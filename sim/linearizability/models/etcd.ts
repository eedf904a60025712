/**
 * The compare-and-set register Jepsen tested etcd against: it starts as nil, `write` sets it,
 * `cas(from, to)` sets it to `to` iff it holds `from`.
 */
import type { Model } from '../model.ts';

/** A read, a write, or a compare-and-set. */
export type EtcdInput =
  | { readonly kind: 'read' }
  | { readonly kind: 'write'; readonly value: number }
  | { readonly kind: 'cas'; readonly from: number; readonly to: number };

/** A read's value (`null` for nil), `true` for a write's acknowledgement, a cas's success. */
export type EtcdOutput = number | null | boolean;

/** The register's value; `null` is nil. */
export type EtcdState = number | null;

/** The etcd register model (Porcupine's `etcdModel`). */
export const etcdModel: Model<EtcdState, EtcdInput, EtcdOutput> = {
  init: () => null,
  step: (state, input, output) => {
    switch (input.kind) {
      case 'read':
        return output === undefined || output === state ? state : undefined;
      case 'write':
        return input.value;
      case 'cas': {
        const swaps = state === input.from;
        if (output !== undefined && output !== swaps) return undefined;
        return swaps ? input.to : state;
      }
    }
  },
  hash: (state) => (state === null ? -1 : state | 0),
  describeOperation: (input, output) => {
    switch (input.kind) {
      case 'read':
        return `read() → ${output === undefined ? '?' : output === null ? 'nil' : String(output)}`;
      case 'write':
        return `write(${input.value})`;
      case 'cas':
        return `cas(${input.from}, ${input.to}) → ${output === undefined ? '?' : output ? 'ok' : 'fail'}`;
    }
  },
  describeState: (state) => (state === null ? 'nil' : String(state)),
};

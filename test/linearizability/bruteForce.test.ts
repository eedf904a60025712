/**
 * The search against a brute-force definition of linearizability on random small histories:
 * try every order that respects real time, with pending operations placed anywhere or dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import type { Model, Op } from '../../sim/linearizability/model.ts';
import { type EtcdInput, type EtcdOutput, etcdModel } from '../../sim/linearizability/models/etcd.ts';
import { createKvModel, type KvInput, type KvOutput } from '../../sim/linearizability/models/kv.ts';

function bruteForce<S, I, O>(model: Model<S, I, O>, ops: readonly Op<I, O>[]): boolean {
  const place = (state: S, remaining: readonly Op<I, O>[]): boolean => {
    if (remaining.every((op) => op.ret === undefined)) return true;
    // The next operation must not start after some remaining operation has returned.
    const deadline = Math.min(...remaining.map((op) => op.ret ?? Number.POSITIVE_INFINITY));
    return remaining.some((op, i) => {
      if (op.call > deadline) return false;
      const after = model.step(state, op.input, op.output);
      return (
        after !== undefined &&
        place(
          after,
          remaining.filter((_, j) => j !== i),
        )
      );
    });
  };
  return place(model.init(), ops);
}

const value = fc.integer({ min: 0, max: 2 });
const input: fc.Arbitrary<EtcdInput> = fc.oneof(
  fc.constant({ kind: 'read' as const }),
  value.map((v) => ({ kind: 'write' as const, value: v })),
  fc.tuple(value, value).map(([from, to]) => ({ kind: 'cas' as const, from, to })),
);
/** An operation without its client (each gets its own, assigned below). */
const op: fc.Arbitrary<Omit<Op<EtcdInput, EtcdOutput>, 'client'>> = fc
  .record({
    input,
    call: fc.integer({ min: 0, max: 12 }),
    duration: fc.integer({ min: 0, max: 4 }),
    pending: fc.integer({ min: 0, max: 99 }).map((n) => n < 15),
    readValue: fc.option(value, { nil: null }),
    swapped: fc.boolean(),
  })
  .map(({ input, call, duration, pending, readValue, swapped }) => {
    if (pending) return { input, call };
    const output = input.kind === 'read' ? readValue : input.kind === 'cas' ? swapped : true;
    return { input, call, ret: call + duration, output };
  });

describe('checkOperations agrees with brute force', () => {
  it('on random etcd histories of up to 7 operations', () => {
    let illegal = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 7 }), (history) => {
        const ops = history.map((o, client) => ({ ...o, client }));
        const expected = bruteForce(etcdModel, ops) ? 'ok' : 'illegal';
        if (expected === 'illegal') illegal++;
        expect(checkOperations(etcdModel, ops).verdict).toBe(expected);
      }),
      { seed: 20240611, numRuns: 3000 },
    );
    // Both verdicts were exercised.
    expect(illegal).toBeGreaterThan(300);
    expect(illegal).toBeLessThan(2700);
  });
});

/** The kv store spelt out: a state is its map as JSON, so equal stores are equal strings. */
const referenceKv: Model<string, KvInput, KvOutput> = {
  init: () => '{}',
  step: (state, input, output) => {
    const store = JSON.parse(state) as Record<string, string>;
    const current = store[input.key] ?? '';
    if (input.kind === 'get') return output === undefined || output === current ? state : undefined;
    const next = input.kind === 'put' ? input.value : current + input.value;
    if (next === '') delete store[input.key];
    else store[input.key] = next;
    return JSON.stringify(Object.fromEntries(Object.entries(store).sort(([a], [b]) => (a < b ? -1 : 1))));
  },
};

const kvKey = fc.constantFrom('x', 'y', 'z');
const kvPiece = fc.constantFrom('', 'a', 'b', 'ab');
/** A kv operation without its client; a get reads a value built from the same pieces. */
const kvOp: fc.Arbitrary<Omit<Op<KvInput, KvOutput>, 'client'>> = fc
  .record({
    kind: fc.constantFrom('get' as const, 'put' as const, 'append' as const),
    key: kvKey,
    value: kvPiece,
    read: fc.array(kvPiece, { maxLength: 3 }).map((p) => p.join('')),
    call: fc.integer({ min: 0, max: 12 }),
    duration: fc.integer({ min: 0, max: 4 }),
    pending: fc.integer({ min: 0, max: 99 }).map((n) => n < 15),
  })
  .map(({ kind, key, value, read, call, duration, pending }) => {
    const input: KvInput = kind === 'get' ? { kind, key } : { kind, key, value };
    if (pending) return { input, call };
    return { input, call, ret: call + duration, output: kind === 'get' ? read : null };
  });

describe('the kv model agrees with a kv store spelt out in strings', () => {
  it('on random histories of up to 7 operations over three keys, partitioned or not', () => {
    let illegal = 0;
    fc.assert(
      fc.property(fc.array(kvOp, { minLength: 1, maxLength: 7 }), (history) => {
        const ops = history.map((o, client) => ({ ...o, client }));
        const expected = bruteForce(referenceKv, ops) ? 'ok' : 'illegal';
        if (expected === 'illegal') illegal++;
        expect(checkOperations(createKvModel(), ops).verdict).toBe(expected);
        expect(checkOperations(createKvModel(), ops, { partition: false }).verdict).toBe(expected);
      }),
      { seed: 20240612, numRuns: 2000 },
    );
    expect(illegal).toBeGreaterThan(200);
    expect(illegal).toBeLessThan(1800);
  });
});

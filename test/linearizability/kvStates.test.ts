/** The kv model's integer states: equal exactly when the stores are, however they were reached. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY, KvStates } from '../../sim/linearizability/models/kvStates.ts';
import { KvValues } from '../../sim/linearizability/models/kvValues.ts';

describe('KvStates', () => {
  it('keeps one key as its value and several keys as one interned entry', () => {
    const values = new KvValues();
    const states = new KvStates(values);
    const a = states.withValue(EMPTY, 0, values.whole(0, 'a'));
    expect(a).toBeGreaterThanOrEqual(0);
    const ab = states.withValue(a, 1, values.whole(1, 'b'));
    expect(ab).toBeLessThan(EMPTY);
    const ba = states.withValue(states.withValue(EMPTY, 1, values.whole(1, 'b')), 0, values.whole(0, 'a'));
    expect(ba).toBe(ab);
    expect(states.withValue(ab, 1, values.whole(1, ''))).toBe(a);
    // Values are nodes, not interned: compare them as values.
    expect(values.same(states.valueAt(ab, 1), values.whole(1, 'b'))).toBe(true);
    expect(states.entries(ab)).toHaveLength(4);
  });

  it('matches a map of strings on random writes over three keys', () => {
    const piece = fc.constantFrom('', 'a', 'b', 'ab');
    const write = fc.tuple(fc.nat(7), fc.nat(2), fc.boolean(), piece);
    fc.assert(
      fc.property(fc.array(write, { maxLength: 30 }), (writes) => {
        const values = new KvValues();
        const states = new KvStates(values);
        const built: { state: number; store: Map<number, string> }[] = [{ state: EMPTY, store: new Map() }];
        for (const [from, key, put, text] of writes) {
          const base = built[from % built.length]!;
          const current = states.valueAt(base.state, key);
          const value = put ? values.whole(key, text) : values.append(current, values.suffixId(text));
          const store = new Map(base.store);
          const next = put ? text : (store.get(key) ?? '') + text;
          if (next === '') store.delete(key);
          else store.set(key, next);
          built.push({ state: states.withValue(base.state, key, value), store });
        }
        const spelt = (store: Map<number, string>): string =>
          JSON.stringify([...store].sort(([a], [b]) => a - b));
        for (const x of built) {
          for (const [key, text] of x.store) expect(values.text(states.valueAt(x.state, key))).toBe(text);
          for (const y of built) {
            const same = spelt(x.store) === spelt(y.store);
            expect(states.equal(x.state, y.state)).toBe(same);
            if (same) expect(states.hash(x.state)).toBe(states.hash(y.state));
          }
        }
      }),
    );
  });
});

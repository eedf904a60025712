/** The kv model's value table: `same` exactly for the same key's equal strings, however they were built. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KvValues } from '../../sim/linearizability/models/kvValues.ts';

describe('KvValues', () => {
  it('takes a string built by appends for the same whole string of the same key', () => {
    const values = new KvValues();
    const abc = values.append(
      values.append(values.whole(0, 'a'), values.suffixId('b')),
      values.suffixId('c'),
    );
    expect(values.same(abc, values.whole(0, 'abc'))).toBe(true);
    expect(values.same(values.append(values.root(0), values.suffixId('abc')), abc)).toBe(true);
    expect(values.hash(abc)).toBe(values.hash(values.whole(0, 'abc')));
    expect(values.text(abc)).toBe('abc');
    expect(values.isEmpty(values.whole(0, ''))).toBe(true);
    expect(values.same(values.whole(0, 'abd'), abc)).toBe(false);
    expect(values.same(values.whole(1, 'abc'), abc)).toBe(false);
    expect(values.keyOf(abc)).toBe(0);
    // Memoised: the same append on the same node is the same node.
    expect(values.append(abc, values.suffixId('d'))).toBe(values.append(abc, values.suffixId('d')));
  });

  it('matches plain strings on random puts and appends', () => {
    const piece = fc.constantFrom('', 'a', 'b', 'ab', 'x 1 y', 'é');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.nat(7), fc.nat(1), piece), { maxLength: 40 }),
        (steps) => {
          const values = new KvValues();
          const built: { id: number; key: number; text: string }[] = [
            { id: values.root(0), key: 0, text: '' },
          ];
          for (const [put, from, key, text] of steps) {
            const base = built[from % built.length]!;
            built.push(
              put
                ? { id: values.whole(key, text), key, text }
                : {
                    id: values.append(base.id, values.suffixId(text)),
                    key: base.key,
                    text: base.text + text,
                  },
            );
          }
          for (const a of built) {
            expect(values.text(a.id)).toBe(a.text);
            expect(values.keyOf(a.id)).toBe(a.key);
            for (const b of built) {
              const same = a.text === b.text && a.key === b.key;
              expect(values.same(a.id, b.id)).toBe(same);
              if (same) expect(values.hash(a.id)).toBe(values.hash(b.id));
            }
          }
        },
      ),
    );
  });
});

/** The kv model's value table: equal ids exactly for equal strings, however they were built. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KvValues } from '../../sim/linearizability/models/kvValues.ts';

describe('KvValues', () => {
  it('gives a string built by appends the id of the same whole string', () => {
    const values = new KvValues();
    const ab = values.append(values.append(values.idOf('a'), values.suffixId('b')), values.suffixId('c'));
    expect(ab).toBe(values.idOf('abc'));
    expect(values.append(values.idOf(''), values.suffixId('abc'))).toBe(ab);
    expect(values.text(ab)).toBe('abc');
    expect(values.idOf('')).toBe(0);
    expect(values.idOf('abd')).not.toBe(ab);
  });

  it('matches plain strings on random puts and appends', () => {
    const piece = fc.constantFrom('', 'a', 'b', 'ab', 'x 1 y', 'é');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(7), piece), { maxLength: 40 }), (steps) => {
        const values = new KvValues();
        const built: { id: number; text: string }[] = [{ id: 0, text: '' }];
        for (const [put, from, text] of steps) {
          const base = built[from % built.length]!;
          built.push(
            put
              ? { id: values.idOf(text), text }
              : { id: values.append(base.id, values.suffixId(text)), text: base.text + text },
          );
        }
        for (const a of built) {
          expect(values.text(a.id)).toBe(a.text);
          for (const b of built) expect(a.id === b.id).toBe(a.text === b.text);
        }
      }),
    );
  });
});

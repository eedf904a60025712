/**
 * Every history listed in Porcupine's `verdicts.tsv` gets exactly its known verdict: the Jepsen
 * etcd logs with the etcd model, the kv histories with the kv model, partitioned and (for these
 * sizes, unlike the 50-client ones) unpartitioned.
 */
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import { etcdModel } from '../../sim/linearizability/models/etcd.ts';
import { createKvModel } from '../../sim/linearizability/models/kv.ts';
import { parseJepsenEtcd } from '../../sim/linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../../sim/linearizability/parsers/kvEdn.ts';
import { knownVerdicts, readData } from './porcupineData.ts';

const TIMEOUT_MS = 20_000;
const MAX_CLIENTS_UNPARTITIONED = 10;
const verdicts = knownVerdicts();

describe('Porcupine test histories', () => {
  it('lists both kinds of history', () => {
    expect(verdicts.some((v) => v.file.startsWith('jepsen/'))).toBe(true);
    expect(verdicts.some((v) => v.file.startsWith('kv/'))).toBe(true);
  });

  for (const { file, linearizable } of verdicts) {
    const expected = linearizable ? 'ok' : 'illegal';
    if (file.startsWith('jepsen/')) {
      it(`${file} is ${expected}`, () => {
        const parsed = parseJepsenEtcd(readData(file));
        if (!parsed.ok) throw new Error(`${file}:${parsed.line}: ${parsed.message}`);
        expect(checkOperations(etcdModel, parsed.ops, { timeoutMs: TIMEOUT_MS }).verdict).toBe(expected);
      });
    } else if (file.startsWith('kv/')) {
      const clients = Number(/c(\d+)-/.exec(file)?.[1]);
      const modes = clients <= MAX_CLIENTS_UNPARTITIONED ? [true, false] : [true];
      it.each(modes)(`${file} is ${expected} (partition: %s)`, (partition) => {
        const parsed = parseKvEdn(readData(file));
        if (!parsed.ok) throw new Error(`${file}:${parsed.line}: ${parsed.message}`);
        const result = checkOperations(createKvModel(), parsed.ops, { partition, timeoutMs: TIMEOUT_MS });
        expect(result.verdict).toBe(expected);
      });
    } else {
      it(`${file} has a known format`, () => {
        expect.fail(`no parser for ${file}`);
      });
    }
  }
});

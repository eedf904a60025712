/**
 * Every history in Porcupine's test data gets exactly its known verdict: the Jepsen etcd logs
 * with the etcd model, the kv histories with the kv model, partitioned and unpartitioned (all but
 * c50-bad, which no checker decides unpartitioned: it belongs to the bench). Unpartitioned, the ok
 * ones of 10 and 50 clients are decided by grouping by key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import type { ParsedHistory } from '../../sim/linearizability/model.ts';
import { etcdModel } from '../../sim/linearizability/models/etcd.ts';
import { createKvModel } from '../../sim/linearizability/models/kv.ts';
import { parseJepsenEtcd } from '../../sim/linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../../sim/linearizability/parsers/kvEdn.ts';
import { historyPath, knownVerdicts } from '../data/porcupine/porcupineData.ts';

const TIMEOUT_MS = 20_000;
const MAX_CLIENTS_UNPARTITIONED = 10;
const BUDGET_STEPS = 1_000_000;
const verdicts = knownVerdicts();

describe('the verdict table', () => {
  it('lists all 103 etcd histories and the kv c01, c10 and c50 files', () => {
    const etcd = Array.from({ length: 103 }, (_, i) => `jepsen/etcd_${String(i).padStart(3, '0')}.log`);
    const kv = ['c01', 'c10', 'c50'].flatMap((c) => [`kv/${c}-ok.txt`, `kv/${c}-bad.txt`]);
    expect(verdicts.map((v) => v.file).sort()).toEqual([...etcd, ...kv].sort());
  });

  it('has every listed history committed beside it, and no history it does not list', () => {
    const dir = dirname(historyPath(verdicts[0]!.file));
    const committed = ['jepsen', 'kv'].flatMap((sub) =>
      readdirSync(join(dir, '..', sub)).map((name) => `${sub}/${name}`),
    );
    expect(committed.sort()).toEqual(verdicts.map((v) => v.file).sort());
  });
});

function parsed<I, O>(result: ParsedHistory<I, O>, file: string) {
  if (!result.ok) throw new Error(`${file}:${result.line ?? '-'}: ${result.message}`);
  return result.ops;
}

describe('Porcupine test histories', () => {
  for (const { file, verdict } of verdicts) {
    const read = (): string => readFileSync(historyPath(file), 'utf8');
    if (file.startsWith('jepsen/')) {
      it(`${file} is ${verdict}`, () => {
        const history = parseJepsenEtcd(read());
        if (verdict === 'no-operations') {
          expect(history).toEqual({ ok: false, message: 'no etcd operations' });
          return;
        }
        const ops = parsed(history, file);
        expect(checkOperations(etcdModel, ops, { timeoutMs: TIMEOUT_MS }).verdict).toBe(verdict);
      });
    } else {
      const clients = Number(/c(\d+)-/.exec(file)?.[1]);
      const modes = clients <= MAX_CLIENTS_UNPARTITIONED || verdict === 'ok' ? [true, false] : [true];
      it.each(modes)(`${file} is ${verdict} (partition: %s)`, (partition) => {
        const ops = parsed(parseKvEdn(read()), file);
        const result = checkOperations(createKvModel(), ops, { partition, timeoutMs: TIMEOUT_MS });
        expect(result.verdict).toBe(verdict);
        if (!partition && verdict === 'ok' && clients > 1)
          expect(result).toMatchObject({ decomposition: { by: 'key' } });
      });
      // Too big to decide whole: under a step budget it must stay undecided, never pass, and its
      // lead must be the key whose partition the partitioned check finds illegal.
      if (!modes.includes(false))
        it(`${file} unpartitioned, within ${BUDGET_STEPS} steps, is unknown with the illegal key as its lead`, () => {
          const ops = parsed(parseKvEdn(read()), file);
          const partitioned = checkOperations(createKvModel(), ops, { timeoutMs: TIMEOUT_MS });
          if (partitioned.verdict !== 'illegal') throw new Error(`${file} should be illegal`);
          const whole = checkOperations(createKvModel(), ops, { partition: false, maxSteps: BUDGET_STEPS });
          expect(whole).toMatchObject({
            verdict: 'unknown',
            reason: 'steps',
            suspect: { by: 'key', value: partitioned.blocked.input.key },
          });
        });
    }
  }
});

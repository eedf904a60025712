/**
 * Every history in Porcupine's test data gets exactly its known verdict: the Jepsen etcd logs
 * with the etcd model, the kv histories with the kv model, partitioned and unpartitioned (all but
 * c50-bad, which no checker decides unpartitioned: it belongs to the bench). Unpartitioned, the ok
 * ones of 10 and 50 clients are decided by grouping by key. The verdict table itself is checked
 * even without the data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../sim/linearizability/checker.ts';
import type { ParsedHistory } from '../../sim/linearizability/model.ts';
import { etcdModel } from '../../sim/linearizability/models/etcd.ts';
import { createKvModel } from '../../sim/linearizability/models/kv.ts';
import { parseJepsenEtcd } from '../../sim/linearizability/parsers/jepsenEtcd.ts';
import { parseKvEdn } from '../../sim/linearizability/parsers/kvEdn.ts';
import { historyPath, knownVerdicts, NO_PORCUPINE } from '../data/porcupine/porcupineData.ts';

const TIMEOUT_MS = 20_000;
const MAX_CLIENTS_UNPARTITIONED = 10;
const verdicts = knownVerdicts();

describe('the verdict table', () => {
  it('lists all 103 etcd histories and the kv c01, c10 and c50 files', () => {
    const etcd = Array.from({ length: 103 }, (_, i) => `jepsen/etcd_${String(i).padStart(3, '0')}.log`);
    const kv = ['c01', 'c10', 'c50'].flatMap((c) => [`kv/${c}-ok.txt`, `kv/${c}-bad.txt`]);
    expect(verdicts.map((v) => v.file).sort()).toEqual([...etcd, ...kv].sort());
  });
});

function parsed<I, O>(result: ParsedHistory<I, O>, file: string) {
  if (!result.ok) throw new Error(`${file}:${result.line ?? '-'}: ${result.message}`);
  return result.ops;
}

// The histories committed here always run; the rest run when PORCUPINE_DIR names a checkout.
describe('Porcupine test histories', () => {
  for (const { file, verdict } of verdicts) {
    const path = historyPath(file);
    const read = (): string => readFileSync(path!, 'utf8');
    const missing = path === undefined;
    const where = missing ? ` (skipped: not in the repository, and ${NO_PORCUPINE})` : '';
    if (file.startsWith('jepsen/')) {
      it.skipIf(missing)(`${file} is ${verdict}${where}`, () => {
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
      it.skipIf(missing).each(modes)(`${file} is ${verdict} (partition: %s)${where}`, (partition) => {
        const ops = parsed(parseKvEdn(read()), file);
        const result = checkOperations(createKvModel(), ops, { partition, timeoutMs: TIMEOUT_MS });
        expect(result.verdict).toBe(verdict);
        if (!partition && verdict === 'ok' && clients > 1)
          expect(result).toMatchObject({ decomposition: { by: 'key' } });
      });
    }
  }

  it('has the copies committed here for every history the workplace gave it', () => {
    const committed = verdicts.filter((v) => historyPath(v.file)?.includes('test/data/porcupine'));
    expect(committed.filter((v) => v.file.startsWith('jepsen/'))).toHaveLength(50);
    expect(committed.filter((v) => v.file.startsWith('kv/')).map((v) => v.file)).toEqual([
      'kv/c01-ok.txt',
      'kv/c01-bad.txt',
      'kv/c10-ok.txt',
      'kv/c10-bad.txt',
    ]);
  });
});

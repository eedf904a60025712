/**
 * The history formats `regsim check` reads, by model name: each parses a file's text with its
 * strict parser and pairs the operations with their model, its types erased so that every
 * model is checked alike.
 */
import { type CheckOptions, type CheckResult, checkOperations } from './checker.ts';
import { explainIllegal } from './explain.ts';
import type { HistoryFault, Model, Op } from './model.ts';
import { etcdModel } from './models/etcd.ts';
import { createKvModel } from './models/kv.ts';
import { registryModel } from './models/registry.ts';
import { parseJepsenEtcd } from './parsers/jepsenEtcd.ts';
import { parseKvEdn } from './parsers/kvEdn.ts';
import { parseRegistryJsonl } from './parsers/registryJsonl.ts';

/** A parsed history with its model. */
export interface Checkable {
  readonly operations: number;
  check(options: CheckOptions): {
    readonly result: CheckResult<unknown, unknown>;
    readonly explanation: string[];
  };
}

type Load = (text: string) => { ok: true; history: Checkable } | HistoryFault;

function checkable<S, I, O>(model: Model<S, I, O>, ops: readonly Op<I, O>[]): Checkable {
  return {
    operations: ops.length,
    check: (options) => {
      const result = checkOperations(model, ops, options);
      return { result, explanation: result.verdict === 'illegal' ? explainIllegal(model, result) : [] };
    },
  };
}

export const HISTORY_MODELS = ['registry', 'etcd', 'kv'] as const;

export type HistoryModel = (typeof HISTORY_MODELS)[number];

const LOADERS: Readonly<Record<HistoryModel, Load>> = {
  etcd: (text) => {
    const parsed = parseJepsenEtcd(text);
    return parsed.ok ? { ok: true, history: checkable(etcdModel, parsed.ops) } : parsed;
  },
  kv: (text) => {
    const parsed = parseKvEdn(text);
    return parsed.ok ? { ok: true, history: checkable(createKvModel(), parsed.ops) } : parsed;
  },
  registry: (text) => {
    const parsed = parseRegistryJsonl(text);
    return parsed.ok ? { ok: true, history: checkable(registryModel(parsed.variant), parsed.ops) } : parsed;
  },
};

export function isHistoryModel(name: string): name is HistoryModel {
  return (HISTORY_MODELS as readonly string[]).includes(name);
}

/** Parses `text` as a history of `model`, or says which line it cannot read. */
export function loadHistory(
  model: HistoryModel,
  text: string,
): { ok: true; history: Checkable } | HistoryFault {
  return LOADERS[model](text);
}

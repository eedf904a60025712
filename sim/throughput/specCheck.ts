/**
 * The exact check of a registry's answers: one pass of the cycle made sequentially (each call
 * awaited before the next), every answer and the final state compared with the sequential
 * specification of the registry's API. Outside the timed part; a registry that fails it gets no
 * figures.
 */
import type { WorkerId } from '../../src/determinism/ids.ts';
import {
  describeOperation,
  describeResult,
  type Operation,
  type OpResult,
} from '../../src/spec/operations.ts';
import { applyOperation, EMPTY_SPEC_STATE, type SpecState, specStep } from '../../src/spec/sequentialSpec.ts';
import { issue, recordStores } from './pass.ts';
import type { BenchOp, Cycle } from './sequence.ts';
import type { BenchSubject, BenchTarget } from './subject.ts';

/** The first answer that differs from the specification's. */
export interface WrongAnswer {
  readonly impl: string;
  /** 1-based position of the call in the sequential pass (the initial registers come first). */
  readonly call: number;
  /** The call as histories print it, e.g. `register(W1.2)`, or `final state`. */
  readonly operation: string;
  readonly answered: string;
  readonly expected: string;
}

/** The wrong answer as one line. */
export function describeWrongAnswer(wrong: WrongAnswer, cell: string): string {
  return (
    `${wrong.impl}: ${wrong.operation} returned ${wrong.answered}, the sequential specification says ` +
    `${wrong.expected} (call ${wrong.call} of the ${cell} sequence, run one call at a time)`
  );
}

const isWorker = (v: unknown): v is { label: string } =>
  typeof v === 'object' && v !== null && typeof (v as { label?: unknown }).label === 'string';

/** An answer as the specification encodes it, or undefined when its type is not the call's. */
function encode(op: BenchOp, raw: unknown): OpResult | undefined {
  switch (op.kind) {
    case 'register':
    case 'ringLookup':
      return raw === null || typeof raw === 'string' ? raw : undefined;
    case 'replace':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'removeByUrl':
    case 'getByUrl':
      return raw === null ? null : isWorker(raw) ? raw.label : undefined;
    case 'getByModel':
      return Array.isArray(raw) && raw.every(isWorker) ? raw.map((w) => w.label).sort() : undefined;
  }
}

function operationOf(op: BenchOp, ids: readonly (WorkerId | null)[]): Operation {
  return op.kind === 'replace' ? { kind: 'replace', id: ids[op.slot] as WorkerId, worker: op.worker } : op;
}

/** What the specification answers in `state`, as text ("a fresh id" where it mints one). */
function expectedText(target: BenchTarget, state: SpecState, op: Operation): string {
  const FRESH = '\u0000fresh';
  const { result } = applyOperation(target.api, state, op, () => FRESH);
  return result === FRESH ? 'a fresh id' : describeResult(result);
}

/**
 * Makes the sequential pass on a fresh registry of `target` and returns the first answer or final
 * state that differs from the specification's, or undefined when there is none.
 */
export async function checkAgainstSpec(target: BenchTarget, cycle: Cycle): Promise<WrongAnswer | undefined> {
  const subject = target.create();
  const ids: (WorkerId | null)[] = [];
  let state = EMPTY_SPEC_STATE;
  let call = 0;
  const answer = async (op: BenchOp): Promise<{ raw: unknown } | WrongAnswer> => {
    call++;
    const operation = operationOf(op, ids);
    const wrong = (answered: string): WrongAnswer => ({
      impl: target.name,
      call,
      operation: describeOperation(operation),
      answered,
      expected: expectedText(target, state, operation),
    });
    let raw: unknown;
    try {
      raw = await issue(subject, op, ids);
    } catch (error) {
      return wrong(`an error (${error instanceof Error ? error.message : String(error)})`);
    }
    const observed = encode(op, raw);
    if (observed === undefined) return wrong(`a value of the wrong type (${String(raw)})`);
    const next = specStep(target.api, state, operation, observed);
    if (next === undefined) return wrong(describeResult(observed));
    state = next;
    return { raw };
  };

  for (const worker of cycle.initial) {
    const outcome = await answer({ kind: 'register', slot: ids.length, worker });
    if (!('raw' in outcome)) return outcome;
    ids.push(outcome.raw as WorkerId | null);
  }
  for (const batch of cycle.batches) {
    const results: unknown[] = [];
    for (const op of batch.ops) {
      const outcome = await answer(op);
      if (!('raw' in outcome)) return outcome;
      results.push(outcome.raw);
    }
    recordStores(batch, results, ids);
  }
  return finalStateDifference(target.name, subject, state, cycle, call + 1);
}

/** Whether every URL holds the specification's worker and nothing else is live. */
async function finalStateDifference(
  impl: string,
  subject: BenchSubject,
  state: SpecState,
  cycle: Cycle,
  call: number,
): Promise<WrongAnswer | undefined> {
  const wrong = (operation: string, answered: string, expected: string): WrongAnswer => ({
    impl,
    call,
    operation,
    answered,
    expected,
  });
  for (const { url } of cycle.initial) {
    const id = state.urlToId.get(url);
    const expected = id === undefined ? null : (state.workers.get(id)?.label ?? null);
    const held = await subject.getByUrl(url);
    const answered = isWorker(held) ? held.label : null;
    if (answered !== expected)
      return wrong(`final state: getByUrl(${url})`, describeResult(answered), describeResult(expected));
  }
  const live = subject.liveCount();
  if (live !== state.workers.size)
    return wrong('final state: live workers', String(live), String(state.workers.size));
  return undefined;
}

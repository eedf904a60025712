/**
 * The `final-state` check: the registry's state at quiescence (live workers and `url_to_id`,
 * reservations included) must be the sequential specification's state after some linearization
 * of the history. The linearizability search is run once more with the quiescent state as one
 * last observation, after every operation returned; so a reservation left behind is a violation
 * only when no linearization leaves one (spec §5 I2, I8), and a lost or resurrected write the
 * reads never saw is one too. It runs only on histories the `linearizable` check accepted.
 */
import type { WorkerId } from '../../src/determinism/ids.ts';
import type { Worker } from '../../src/domain/worker.ts';
import type { Violation } from '../../src/invariants/index.ts';
import type { Operation, OpResult } from '../../src/spec/operations.ts';
import type { SpecState, SpecVariant } from '../../src/spec/sequentialSpec.ts';
import type { RegistrySnapshot } from '../../src/types.ts';
import { checkOperations } from '../linearizability/checker.ts';
import type { Model, Op } from '../linearizability/model.ts';
import { type RegistryState, registryModel } from '../linearizability/models/registry.ts';
import { sameWorker } from '../linearizability/models/registryContent.ts';
import type { OperationRecord } from '../scenario/execute.ts';
import { clientOf } from './linearizable.ts';

/** The quiescent state as the specification states it: live workers and the URL map. */
interface FinalObservation {
  readonly kind: 'final';
  readonly workers: ReadonlyMap<WorkerId, Worker>;
  readonly urlToId: ReadonlyMap<string, WorkerId>;
}

type Input = Operation | FinalObservation;

const MAX_SEARCH_STEPS = 2_000_000;

const models = {
  upsert: finalStateModel(registryModel('upsert')),
  split: finalStateModel(registryModel('split')),
};

/** What the final-state search found: a linearization ending in the quiescent state, none, or no answer in budget. */
export type FinalStateVerdict = 'legal' | 'illegal' | 'unknown';

/**
 * Whether some linearization of `history` ends in the quiescent state `snapshot` holds.
 * `memo` is the history's own (from `linearizabilityOf`): many schedules of one scenario give the
 * same history and end alike, so a verdict is searched once per history and final state.
 */
export function finalStateVerdict(
  history: readonly OperationRecord[],
  variant: SpecVariant,
  snapshot: RegistrySnapshot,
  memo: Map<string, unknown>,
): FinalStateVerdict {
  const final: FinalObservation = { kind: 'final', workers: snapshot.workers, urlToId: snapshot.urlToId };
  const key = `final-state ${describeFinal(final)}`;
  const known = memo.get(key) as FinalStateVerdict | undefined;
  if (known !== undefined) return known;
  const verdict = search(history, variant, final);
  memo.set(key, verdict);
  return verdict;
}

/** The `final-state` violation of a quiescent state no linearization ends in. */
export function finalStateViolation(snapshot: RegistrySnapshot): Violation {
  const final: FinalObservation = { kind: 'final', workers: snapshot.workers, urlToId: snapshot.urlToId };
  return {
    invariant: 'final-state',
    message: `the quiescent state ${describeFinal(final)} is not the specification's after any linearization`,
  };
}

function search(
  history: readonly OperationRecord[],
  variant: SpecVariant,
  final: FinalObservation,
): FinalStateVerdict {
  const ops: Op<Input, OpResult>[] = history.map((r) => ({
    client: clientOf(r),
    input: r.op,
    call: r.call,
    output: r.result ?? null,
    ret: r.ret!,
  }));
  const end = Math.max(0, ...history.map((r) => r.ret ?? r.call)) + 1;
  ops.push({ client: -1, input: final, call: end, output: null, ret: end + 1 });
  const { verdict } = checkOperations(models[variant], ops, { maxSteps: MAX_SEARCH_STEPS });
  return verdict === 'ok' ? 'legal' : verdict;
}

/** The registry model with one more input: the final observation, legal in a state equal to it. */
function finalStateModel(
  base: Model<RegistryState, Operation, OpResult>,
): Model<RegistryState, Input, OpResult> {
  const observe = (states: RegistryState, final: FinalObservation): RegistryState | undefined => {
    const matching = states.filter((s) => matches(s, final));
    return matching.length === 0 ? undefined : matching;
  };
  return {
    init: () => base.init(),
    step: (states, input, output) =>
      input.kind === 'final' ? observe(states, input) : base.step(states, input, output),
    prepare: (input, output) => (input.kind === 'final' ? undefined : base.prepare?.(input, output)),
    stepPrepared: (states, prepared, input, output) => {
      if (input.kind === 'final') return observe(states, input);
      return base.stepPrepared === undefined
        ? base.step(states, input, output)
        : base.stepPrepared(states, prepared, input, output);
    },
    hash: base.hash,
    equal: base.equal,
    describeState: base.describeState,
  };
}

function matches(s: SpecState, final: FinalObservation): boolean {
  if (s.workers.size !== final.workers.size || s.urlToId.size !== final.urlToId.size) return false;
  for (const [id, w] of s.workers) {
    const held = final.workers.get(id);
    if (held === undefined || !sameWorker(held, w)) return false;
  }
  for (const [url, id] of s.urlToId) if (final.urlToId.get(url) !== id) return false;
  return true;
}

function describeFinal(final: FinalObservation): string {
  const urls = [...final.urlToId].map(([url, id]) => {
    const w = final.workers.get(id);
    return w === undefined ? `${url}: reserved ${id}` : `${url}: ${id}=${w.label}`;
  });
  for (const [id, w] of final.workers)
    if (final.urlToId.get(w.url) !== id) urls.push(`unmapped ${id}=${w.label}`);
  return `{${urls.sort().join(', ')}}`;
}

/**
 * The registry's sequential specification (src/spec/sequentialSpec.ts) as a checker model.
 *
 * Minted ids are nondeterministic outputs: a returned id is legal when it is fresh. An
 * operation whose result is unknown (pending) mints a placeholder id (`?1`, `?2`, …) instead;
 * a later result that reveals it binds the placeholder to the observed id, and a later call
 * naming an id never seen may be naming a placeholder, so the model branches (the powerset
 * construction of {@link fromNondeterministic} keeps the search deterministic).
 *
 * Not partitioned: operations on different URLs interact through `getByModel` and friends.
 */
import type { WorkerId } from '../../../src/determinism/ids.ts';
import {
  describeOperation,
  describeResult,
  type Operation,
  type OpResult,
} from '../../../src/spec/operations.ts';
import {
  alternativeOutcomes,
  applyOperation,
  EMPTY_SPEC_STATE,
  type SpecState,
  type SpecVariant,
  specStep,
} from '../../../src/spec/sequentialSpec.ts';
import { fromNondeterministic, type Model } from '../model.ts';

/** The specification states consistent with the history so far. */
export type RegistryState = readonly SpecState[];

const PLACEHOLDER_PREFIX = '?';

/** A checker model of the registry's sequential specification in the given variant. */
export function registryModel(variant: SpecVariant): Model<RegistryState, Operation, OpResult> {
  return fromNondeterministic<SpecState, Operation, OpResult>({
    init: () => [EMPTY_SPEC_STATE],
    step: (state, op, observed) => {
      const next: SpecState[] = [];
      for (const s of namingCandidates(state, op)) {
        const after = stepOne(variant, s, op, observed);
        if (after !== undefined) next.push(after);
        for (const alt of alternativeOutcomes(s, op)) {
          if (observed === undefined || observed === alt.result) next.push(alt.state);
        }
      }
      return next;
    },
    hash: specHash,
    equal: specEqual,
    describeOperation: (op, result) =>
      `${describeOperation(op)} → ${result === undefined ? '?' : describeResult(result)}`,
    describeState: describeSpecState,
  });
}

/** One deterministic step, binding a placeholder when `observed` reveals its id. */
function stepOne(
  variant: SpecVariant,
  s: SpecState,
  op: Operation,
  observed: OpResult | undefined,
): SpecState | undefined {
  if (observed === undefined) return applyOperation(variant, s, op, () => freshPlaceholder(s)).state;
  const next = specStep(variant, s, op, observed);
  if (next !== undefined || typeof observed !== 'string' || s.usedIds.has(observed)) return next;
  const { state, result } = applyOperation(variant, s, op, () => observed);
  return typeof result === 'string' && isPlaceholder(result) && s.usedIds.has(result)
    ? bind(state, result, observed)
    : undefined;
}

/** The states in which `op`'s id argument is what it says: an unseen id may be a placeholder. */
function namingCandidates(s: SpecState, op: Operation): readonly SpecState[] {
  if (!('id' in op) || s.usedIds.has(op.id)) return [s];
  const candidates = [s];
  for (const id of s.usedIds) if (isPlaceholder(id)) candidates.push(bind(s, id, op.id));
  return candidates;
}

function isPlaceholder(id: WorkerId): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

function freshPlaceholder(s: SpecState): WorkerId {
  let n = 1;
  while (s.usedIds.has(`${PLACEHOLDER_PREFIX}${n}`)) n++;
  return `${PLACEHOLDER_PREFIX}${n}`;
}

/** `s` with the placeholder renamed to the concrete id everywhere. */
function bind(s: SpecState, placeholder: WorkerId, id: WorkerId): SpecState {
  const rename = (x: WorkerId): WorkerId => (x === placeholder ? id : x);
  return {
    workers: new Map([...s.workers].map(([k, w]) => [rename(k), w])),
    urlToId: new Map([...s.urlToId].map(([url, k]) => [url, rename(k)])),
    usedIds: new Set([...s.usedIds].map(rename)),
  };
}

function describeSpecState(s: SpecState): string {
  const urls = [...s.urlToId].map(([url, id]) => {
    const w = s.workers.get(id);
    return w === undefined ? `${url}: reserved ${id}` : `${url}: ${id}=${w.label}`;
  });
  return `{${urls.sort().join(', ')}}`;
}

/**
 * Structural equality, stricter than `specStateKey` (workers compare by identity, not label),
 * which keeps it sound and avoids building and sorting strings on the fuzzer's hot path.
 */
function specEqual(a: SpecState, b: SpecState): boolean {
  if (a === b) return true;
  if (
    a.workers.size !== b.workers.size ||
    a.urlToId.size !== b.urlToId.size ||
    a.usedIds.size !== b.usedIds.size
  ) {
    return false;
  }
  for (const [id, w] of a.workers) if (b.workers.get(id) !== w) return false;
  for (const [url, id] of a.urlToId) if (b.urlToId.get(url) !== id) return false;
  for (const id of a.usedIds) if (!b.usedIds.has(id)) return false;
  return true;
}

/** A hash consistent with {@link specEqual}: sums of entry hashes, so map order does not matter. */
function specHash(s: SpecState): number {
  let h = 0;
  for (const [id, w] of s.workers) h += mix(hashString(id), hashString(w.label));
  for (const [url, id] of s.urlToId) h += mix(hashString(url), hashString(id) ^ 0x5bd1e995);
  for (const id of s.usedIds) h += hashString(id);
  return h | 0;
}

function mix(a: number, b: number): number {
  const z = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return z ^ (z >>> 13);
}

/** FNV-1a of a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

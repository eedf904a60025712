/**
 * The registry's intended semantics as a pure function (state, operation) → (state', result):
 * the oracle for linearizability. Two variants (spec §3):
 * - `upsert` (PRE, V756): `register` overwrites a live URL and keeps its id;
 * - `split` (R0 onwards): create-only `register` that adopts a reserved slot, `replace` by id
 *   that rejects a URL change, `registerOrReplace` that stores what it returns.
 */
import type { WorkerId } from '../determinism/ids.ts';
import { HashRing } from '../domain/hashRing.ts';
import { type Worker, workerModelIds } from '../domain/worker.ts';
import type { Operation, OpResult } from './operations.ts';

export type SpecVariant = 'upsert' | 'split';

/** The abstract registry: live workers and the URL map (an id not in `workers` is a reservation). */
export interface SpecState {
  readonly workers: ReadonlyMap<WorkerId, Worker>;
  readonly urlToId: ReadonlyMap<string, WorkerId>;
  /** Every id ever handed out, so that a minted id can be checked for freshness. */
  readonly usedIds: ReadonlySet<WorkerId>;
}

export const EMPTY_SPEC_STATE: SpecState = { workers: new Map(), urlToId: new Map(), usedIds: new Set() };

export interface SpecOutcome {
  readonly state: SpecState;
  readonly result: OpResult;
}

/**
 * Applies one operation. `mint` supplies the id when the operation creates one; it is only
 * called when an id is needed, so the linearizability model can pass the observed id.
 */
export function applyOperation(
  variant: SpecVariant,
  state: SpecState,
  op: Operation,
  mint: () => WorkerId,
): SpecOutcome {
  switch (op.kind) {
    case 'register':
      if (variant === 'upsert') return upsert(state, op.worker, mint);
      return liveIdAt(state, op.worker.url) === undefined
        ? upsert(state, op.worker, mint)
        : { state, result: null };
    case 'registerOrReplace':
      return upsert(state, op.worker, mint);
    case 'replace': {
      const current = state.workers.get(op.id);
      if (current === undefined || current.url !== op.worker.url) return { state, result: false };
      return { state: withWorker(state, op.id, op.worker), result: true };
    }
    case 'remove':
      return removeLive(state, op.id);
    case 'removeByUrl': {
      const id = liveIdAt(state, op.url);
      return id === undefined ? { state, result: null } : removeLive(state, id);
    }
    case 'reserve': {
      const existing = state.urlToId.get(op.url);
      if (existing !== undefined) return { state, result: existing };
      const id = mint();
      return { state: withUrl(state, op.url, id), result: id };
    }
    case 'releaseReservation': {
      const id = state.urlToId.get(op.url);
      if (id === undefined || state.workers.has(id)) return { state, result: false };
      return { state: withoutUrl(state, op.url), result: true };
    }
    case 'get':
      return { state, result: state.workers.get(op.id)?.label ?? null };
    case 'getByUrl': {
      const id = liveIdAt(state, op.url);
      return { state, result: id === undefined ? null : state.workers.get(id)!.label };
    }
    case 'getByModel':
      return { state, result: labelsWhere(state, (w) => workerModelIds(w).includes(op.model)) };
    case 'getByType':
      return { state, result: labelsWhere(state, (w) => w.type === op.type) };
    case 'getByConnection':
      return { state, result: labelsWhere(state, (w) => w.mode === op.mode) };
    case 'ringLookup': {
      const urls = [...state.workers.values()]
        .filter((w) => workerModelIds(w).includes(op.model))
        .map((w) => w.url)
        .sort();
      return {
        state,
        result: urls.length === 0 ? null : HashRing.fromUniqueUrls(urls).findHealthyUrl(op.key),
      };
    }
  }
}

/**
 * Outcomes the specification allows besides `applyOperation`'s, for the linearizability model.
 * One: `removeByUrl` of a URL that holds only a reservation answers None and may also release
 * the reservation. PRE to V836 release it (the `url_to_id` pre-removal of §3.1–3.4), V1113 keeps
 * it and its review asked for the release (§3.5 Codex P2), #2572 added `release_reservation`; a
 * reservation left behind is reported by `url-map`/`no-leak`, not by linearizability.
 */
export function alternativeOutcomes(state: SpecState, op: Operation): SpecOutcome[] {
  if (op.kind !== 'removeByUrl') return [];
  const id = state.urlToId.get(op.url);
  if (id === undefined || state.workers.has(id)) return [];
  return [{ state: withoutUrl(state, op.url), result: null }];
}

/**
 * The linearizability step: is `observed` a legal result of `op` in `state`, and if so the next
 * state. A minted id is legal when it is fresh (never handed out before).
 */
export function specStep(
  variant: SpecVariant,
  state: SpecState,
  op: Operation,
  observed: OpResult,
): SpecState | undefined {
  let mintedStale = false;
  const outcome = applyOperation(variant, state, op, () => {
    if (typeof observed !== 'string' || state.usedIds.has(observed)) mintedStale = true;
    return typeof observed === 'string' ? observed : '';
  });
  if (mintedStale) return undefined;
  const expected = outcome.result;
  const legal =
    Array.isArray(expected) && Array.isArray(observed)
      ? expected.length === observed.length && expected.every((x, i) => x === observed[i])
      : expected === observed;
  return legal ? outcome.state : undefined;
}

/** A canonical string of a state, for hashing and equality in the checker's cache. */
export function specStateKey(state: SpecState): string {
  const workers = [...state.workers].map(([id, w]) => `${id}=${w.label}`).sort();
  const urls = [...state.urlToId].map(([url, id]) => `${url}>${id}`).sort();
  return `${workers.join(',')}|${urls.join(',')}|${[...state.usedIds].sort().join(',')}`;
}

function liveIdAt(state: SpecState, url: string): WorkerId | undefined {
  const id = state.urlToId.get(url);
  return id !== undefined && state.workers.has(id) ? id : undefined;
}

/** Stores `w` at its URL: over the live worker, into the reservation, or under a fresh id. */
function upsert(state: SpecState, w: Worker, mint: () => WorkerId): SpecOutcome {
  const existing = state.urlToId.get(w.url);
  if (existing !== undefined) return { state: withWorker(state, existing, w), result: existing };
  const id = mint();
  return { state: withWorker(withUrl(state, w.url, id), id, w), result: id };
}

function removeLive(state: SpecState, id: WorkerId): SpecOutcome {
  const w = state.workers.get(id);
  if (w === undefined) return { state, result: null };
  const workers = new Map(state.workers);
  workers.delete(id);
  return { state: { ...withoutUrl(state, w.url), workers }, result: w.label };
}

function withWorker(state: SpecState, id: WorkerId, w: Worker): SpecState {
  return { ...state, workers: new Map(state.workers).set(id, w) };
}

function withUrl(state: SpecState, url: string, id: WorkerId): SpecState {
  return { ...state, urlToId: new Map(state.urlToId).set(url, id), usedIds: new Set(state.usedIds).add(id) };
}

function withoutUrl(state: SpecState, url: string): SpecState {
  const urlToId = new Map(state.urlToId);
  urlToId.delete(url);
  return { ...state, urlToId };
}

function labelsWhere(state: SpecState, keep: (w: Worker) => boolean): string[] {
  const labels: string[] = [];
  for (const w of state.workers.values()) if (keep(w)) labels.push(w.label);
  return labels.sort();
}

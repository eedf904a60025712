/**
 * The per-URL decisions, as pure functions of what the URL holds (its actor's slot) and the
 * command: either an answer with no change, or the change to commit and how to read the result
 * from the commit's event. They run while the command holds the URL's turn, so the slot cannot
 * change between the decision and the commit.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { Worker } from '../domain/worker.ts';
import type { ChangeEvent } from './changeStream.ts';
import {
  alreadyExists,
  conflict,
  notFound,
  type Ok,
  ok,
  type RegisterResult,
  type ReleaseResult,
  type RemoveResult,
  type ReplaceResult,
  type Reservation,
  type ReserveResult,
  type UpsertResult,
  type WorkerRecord,
} from './results.ts';
import type { Change } from './sharedIndex.ts';
import type { UrlSlot } from './urlMachine.ts';

/** A command's decision: answer without a change, or commit `change` and read the answer from its event. */
export type Decision<R> =
  | { readonly answer: R }
  | { readonly change: Change; readonly result: (event: ChangeEvent) => R };

/** Create-only: adopts a reservation, mints an id for a vacant URL, refuses a live one. */
export function decideRegister(
  slot: UrlSlot,
  worker: Worker,
  mint: () => WorkerId,
): Decision<RegisterResult> {
  if (slot.kind === 'live') return { answer: alreadyExists(slot.record) };
  return { change: store(slot, worker, mint), result: storedResult };
}

/** Upsert: replaces the live worker, else stores like `register`; always answers the id used. */
export function decideUpsert(slot: UrlSlot, worker: Worker, mint: () => WorkerId): Decision<UpsertResult> {
  if (slot.kind === 'live')
    return { change: { kind: 'replace', previous: slot.record, worker }, result: storedResult };
  return { change: store(slot, worker, mint), result: storedResult };
}

/**
 * Replace by id, optionally compare-and-set on `modRevision`. The URL was checked against the
 * id's before routing; here the id must still be the URL's live worker.
 */
export function decideReplace(
  slot: UrlSlot,
  id: WorkerId,
  worker: Worker,
  expectedModRevision: number | undefined,
): Decision<ReplaceResult> {
  if (slot.kind !== 'live' || slot.record.id !== id) return { answer: notFound(null) };
  if (expectedModRevision !== undefined && slot.record.modRevision !== expectedModRevision) {
    return { answer: conflict(slot.record, expectedModRevision) };
  }
  return { change: { kind: 'replace', previous: slot.record, worker }, result: storedResult };
}

/** Removes the live worker (only if it is `id`, when given); a bare reservation is kept. */
export function decideRemove(slot: UrlSlot, id?: WorkerId): Decision<RemoveResult> {
  if (slot.kind === 'reserved') return { answer: notFound(id === undefined ? slot.reservation : null) };
  if (slot.kind !== 'live' || (id !== undefined && slot.record.id !== id)) return { answer: notFound(null) };
  return { change: { kind: 'remove', previous: slot.record }, result: removedResult };
}

/** Reserves an id for a vacant URL; an existing reservation is returned as it is. */
export function decideReserve(slot: UrlSlot, url: string, mint: () => WorkerId): Decision<ReserveResult> {
  if (slot.kind === 'live') return { answer: alreadyExists(slot.record) };
  if (slot.kind === 'reserved') return { answer: ok(slot.reservation) };
  return { change: { kind: 'reserve', reservation: { id: mint(), url } }, result: reservationResult };
}

/** Releases a reservation that never became a worker; a live worker is left alone. */
export function decideRelease(slot: UrlSlot): Decision<ReleaseResult> {
  if (slot.kind === 'reserved')
    return { change: { kind: 'release', reservation: slot.reservation }, result: reservationResult };
  return { answer: notFound(slot.kind === 'live' ? slot.record : null) };
}

/** A new worker at a URL that has none: into its reservation, else under a freshly minted id. */
function store(slot: UrlSlot, worker: Worker, mint: () => WorkerId): Change {
  if (slot.kind === 'reserved') {
    return { kind: 'register', id: slot.reservation.id, worker, adopted: slot.reservation };
  }
  return { kind: 'register', id: mint(), worker, adopted: null };
}

function storedResult(event: ChangeEvent): Ok<WorkerRecord> {
  if (event.type === 'registered' || event.type === 'replaced') return ok(event.current);
  throw new Error(`a store committed as ${event.type}`);
}

function removedResult(event: ChangeEvent): Ok<WorkerRecord> {
  if (event.type === 'removed') return ok(event.previous);
  throw new Error(`a removal committed as ${event.type}`);
}

function reservationResult(event: ChangeEvent): Ok<Reservation> {
  if (event.type === 'reserved') return ok(event.current);
  if (event.type === 'released') return ok(event.previous);
  throw new Error(`a reservation change committed as ${event.type}`);
}

/**
 * Typed results of the actor registry: every command answers `Ok` or a `Failure` whose reason
 * says what stood in the way and carries the value that is there now, so callers branch on data
 * instead of catching exceptions. Only misuse of a stopped registry rejects (`ActorStoppedError`).
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { Worker } from '../domain/worker.ts';

/** A live worker with etcd-style revisions (the registry revision is global, see `ChangeEvent`). */
export interface WorkerRecord {
  readonly id: WorkerId;
  readonly url: string;
  readonly worker: Worker;
  /** The registry revision of the commit that stored the first worker under this id. */
  readonly createRevision: number;
  /** The registry revision of the last commit that changed it: the token `replace` compares. */
  readonly modRevision: number;
  /** 1 when created, plus one per replace. */
  readonly version: number;
}

/** An id held for a URL before any worker is stored under it (`reserve_id_for_url`). */
export interface Reservation {
  readonly id: WorkerId;
  readonly url: string;
}

/** One reason an input was refused, naming the field. */
export interface InvalidCause {
  readonly field:
    | 'url'
    | 'models'
    | 'type'
    | 'mode'
    | 'cost'
    | 'priority'
    | 'expectedModRevision'
    | 'fromRevision';
  readonly code: string;
  readonly message: string;
}

/** The command succeeded with `value`. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** A live worker already holds the URL (create-only `register`, `reserveIdForUrl`). */
export interface AlreadyExists {
  readonly ok: false;
  readonly reason: 'AlreadyExists';
  readonly current: WorkerRecord;
}

/** Nothing the command could act on: `current` is what the id or URL holds instead, if anything. */
export interface NotFound {
  readonly ok: false;
  readonly reason: 'NotFound';
  readonly current: WorkerRecord | Reservation | null;
}

/** A compare-and-set `replace` lost: the worker moved on since `expectedModRevision`. */
export interface Conflict {
  readonly ok: false;
  readonly reason: 'Conflict';
  readonly current: WorkerRecord;
  readonly expectedModRevision: number;
}

/** The input was refused before anything was touched; `current` is set when a stored value decided it. */
export interface Invalid {
  readonly ok: false;
  readonly reason: 'Invalid';
  readonly causes: readonly InvalidCause[];
  readonly current: WorkerRecord | null;
}

/** Any refusal; `reason` tells which. */
export type Failure = AlreadyExists | NotFound | Conflict | Invalid;

/** What each command can answer. */
export type RegisterResult = Ok<WorkerRecord> | AlreadyExists | Invalid;
export type ReplaceResult = Ok<WorkerRecord> | NotFound | Conflict | Invalid;
export type UpsertResult = Ok<WorkerRecord> | Invalid;
export type RemoveResult = Ok<WorkerRecord> | NotFound | Invalid;
export type ReserveResult = Ok<Reservation> | AlreadyExists | Invalid;
export type ReleaseResult = Ok<Reservation> | NotFound | Invalid;

/** Builds an `Ok`. */
export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

/** Builds an `AlreadyExists` carrying the live record. */
export const alreadyExists = (current: WorkerRecord): AlreadyExists => ({
  ok: false,
  reason: 'AlreadyExists',
  current,
});

/** Builds a `NotFound` carrying what is there instead. */
export const notFound = (current: WorkerRecord | Reservation | null): NotFound => ({
  ok: false,
  reason: 'NotFound',
  current,
});

/** Builds a `Conflict` carrying the current record. */
export const conflict = (current: WorkerRecord, expectedModRevision: number): Conflict => ({
  ok: false,
  reason: 'Conflict',
  current,
  expectedModRevision,
});

/** Builds an `Invalid` with its causes. */
export const invalid = (causes: readonly InvalidCause[], current: WorkerRecord | null = null): Invalid => ({
  ok: false,
  reason: 'Invalid',
  causes,
  current,
});

/** One readable sentence for a failure, for logs and error messages. */
export function describeFailure(failure: Failure): string {
  switch (failure.reason) {
    case 'AlreadyExists':
      return `AlreadyExists: ${failure.current.url} is live as ${failure.current.id}`;
    case 'NotFound':
      return failure.current === null
        ? 'NotFound: nothing is stored there'
        : `NotFound: ${failure.current.url} holds ${'worker' in failure.current ? 'a live worker' : 'a reservation'} (${failure.current.id})`;
    case 'Conflict':
      return `Conflict: ${failure.current.id} is at modRevision ${failure.current.modRevision}, not ${failure.expectedModRevision}`;
    case 'Invalid':
      return `Invalid: ${failure.causes.map((c) => `${c.field}: ${c.message}`).join('; ')}`;
  }
}

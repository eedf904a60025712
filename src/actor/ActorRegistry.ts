/**
 * The actor registry's typed API: the split-API semantics (create-only `register`, `replace` by
 * id, `registerOrReplace`, removals, reservations) answered with typed results, revisions and a
 * change stream.
 *
 * How a write runs: validate (a refusal touches nothing), find the URL (id-addressed commands
 * read the id's URL in one step), take a turn at the URL's actor (one router step, then a wait in
 * its mailbox while another command on that URL runs), decide from the actor's slot (pure), and
 * commit (one step, the linearization point). Reads are one step on the shared index each.
 *
 * A step is awaited only when the runtime made it wait (`Stepped` is a promise): under the
 * simulator every step is a scheduling point, while in production steps complete at once and an
 * uncontended command runs to its commit without yielding to the event loop.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { ConnectionMode, Worker, WorkerType } from '../domain/worker.ts';
import type { Runtime } from '../memory/runtime.ts';
import type { RegistrySnapshot } from '../types.ts';
import { ChangeStream, type Compacted, type Listener, type Subscription } from './changeStream.ts';
import type { CommittedIndex, CommittedIndexFactory } from './committedIndex.ts';
import { Router } from './Router.ts';
import {
  type Invalid,
  invalid,
  notFound,
  type Ok,
  type RegisterResult,
  type ReleaseResult,
  type RemoveResult,
  type ReplaceResult,
  type ReserveResult,
  type UpsertResult,
  type WorkerRecord,
} from './results.ts';
import { SharedIndex } from './sharedIndex.ts';
import type { UrlEngine, UrlTraceHook } from './UrlActor.ts';
import {
  type Decision,
  decideRegister,
  decideRelease,
  decideRemove,
  decideReplace,
  decideReserve,
  decideUpsert,
} from './urlLogic.ts';
import type { UrlSlot } from './urlMachine.ts';
import { validateRevision, validateUrl, validateWorker } from './validation.ts';

/** How an `ActorRegistry` is built. */
export interface ActorRegistryOptions {
  /** How many of the latest change events stay available for resuming (default 1024). */
  readonly retainedEvents?: number;
  /** Called on every transition of every URL's statechart, e.g. to record a per-URL trace. */
  readonly onTransition?: UrlTraceHook;
  /** How URL statecharts run: the compiled table (default) or XState's interpreter. */
  readonly engine?: UrlEngine;
  /** The shared indexes behind the actors: `SharedIndex`'s single-step commits by default. */
  readonly index?: CommittedIndexFactory;
}

/** Options of `ActorRegistry.replace`. */
export interface ReplaceOptions {
  /** Compare-and-set: replace only if the worker's `modRevision` is still this (else `Conflict`). */
  readonly expectedModRevision?: number;
}

/** The worker registry with one actor per URL (see the file comment and docs/ACTOR.md). */
export class ActorRegistry {
  private readonly changes: ChangeStream;
  private readonly index: CommittedIndex;
  private readonly router: Router;
  private readonly mint: () => WorkerId;

  /** @param rt the runtime: the simulator (steps are scheduling points) or production. */
  constructor(
    private readonly rt: Runtime,
    options: ActorRegistryOptions = {},
  ) {
    this.changes = new ChangeStream(options.retainedEvents);
    this.index = (options.index ?? ((r, c) => new SharedIndex(r, c)))(rt, this.changes);
    this.router = new Router(rt, { engine: options.engine, onTransition: options.onTransition });
    // Ids come from the runtime's source only when a commit needs a new one, so each is fresh.
    this.mint = () => rt.ids.next();
  }

  /** Create-only: stores `worker` unless its URL is live (`AlreadyExists`); adopts a reservation. */
  register(worker: Worker): Promise<RegisterResult> {
    const causes = validateWorker(worker);
    if (causes.length > 0) return Promise.resolve(invalid(causes));
    return this.atUrl(worker.url, (slot) => decideRegister(slot, worker, this.mint), SPAWN);
  }

  /** Upsert: always answers the id under which `worker` is now stored. */
  registerOrReplace(worker: Worker): Promise<UpsertResult> {
    const causes = validateWorker(worker);
    if (causes.length > 0) return Promise.resolve(invalid(causes));
    return this.atUrl(worker.url, (slot) => decideUpsert(slot, worker, this.mint), SPAWN);
  }

  /**
   * Replaces the live worker `id`: `NotFound` if there is none, `Invalid` if `worker` has another
   * URL (an id keeps its URL for life), `Conflict` if `expectedModRevision` is stale.
   */
  async replace(id: WorkerId, worker: Worker, options: ReplaceOptions = {}): Promise<ReplaceResult> {
    const expected = options.expectedModRevision;
    const causes = validateWorker(worker);
    if (expected !== undefined) causes.push(...validateRevision('expectedModRevision', expected));
    if (causes.length > 0) return invalid(causes);
    let owner = this.index.lookupId(id);
    if (owner instanceof Promise) owner = await owner;
    if (owner === undefined) return notFound(null);
    if (!('worker' in owner)) return notFound(owner);
    if (owner.url !== worker.url) {
      return invalid(
        [
          {
            field: 'url',
            code: 'url-changed',
            message: `${id} is at ${owner.url}; a replace cannot move it to ${worker.url}`,
          },
        ],
        owner,
      );
    }
    return this.atUrl(owner.url, (slot) => decideReplace(slot, id, worker, expected), notFound(null));
  }

  /** Removes the live worker `id`; a reserved id answers `NotFound` and keeps its reservation. */
  async remove(id: WorkerId): Promise<RemoveResult> {
    let owner = this.index.lookupId(id);
    if (owner instanceof Promise) owner = await owner;
    if (owner === undefined) return notFound(null);
    if (!('worker' in owner)) return notFound(owner);
    return this.atUrl(owner.url, (slot) => decideRemove(slot, id), notFound(null));
  }

  /** Removes the live worker at `url`; a bare reservation answers `NotFound` and is kept. */
  removeByUrl(url: string): Promise<RemoveResult> {
    const causes = validateUrl(url);
    if (causes.length > 0) return Promise.resolve(invalid(causes));
    return this.atUrl(url, (slot) => decideRemove(slot), notFound(null));
  }

  /** Reserves an id for `url` (or answers the existing reservation); a live URL is `AlreadyExists`. */
  reserveIdForUrl(url: string): Promise<ReserveResult> {
    const causes = validateUrl(url);
    if (causes.length > 0) return Promise.resolve(invalid(causes));
    return this.atUrl(url, (slot) => decideReserve(slot, url, this.mint), SPAWN);
  }

  /** Releases the reservation at `url` that never became a worker (#2572). */
  releaseReservation(url: string): Promise<ReleaseResult> {
    const causes = validateUrl(url);
    if (causes.length > 0) return Promise.resolve(invalid(causes));
    return this.atUrl(url, (slot) => decideRelease(slot), notFound(null));
  }

  /** The live worker `id` (a reservation reads as null). */
  async get(id: WorkerId): Promise<WorkerRecord | null> {
    return (await this.index.get(id)) ?? null;
  }

  /** The live worker at `url` (a reservation reads as null). */
  async getByUrl(url: string): Promise<WorkerRecord | null> {
    return (await this.index.getByUrl(url)) ?? null;
  }

  /** The workers serving `model` (an immutable list: later changes never alter it). */
  async getByModel(model: string): Promise<readonly Worker[]> {
    return this.index.getByModel(model);
  }

  /** The workers of `type`. */
  async getByType(type: WorkerType): Promise<readonly Worker[]> {
    return this.index.getByType(type);
  }

  /** The workers connected by `mode`. */
  async getByConnection(mode: ConnectionMode): Promise<readonly Worker[]> {
    return this.index.getByConnection(mode);
  }

  /** The URL `key` routes to on `model`'s ring, or null when the model has no live worker. */
  async ringLookup(model: string, key: string): Promise<string | null> {
    return this.index.ringLookup(model, key);
  }

  /** The registry revision: that of the last commit, 0 before the first. */
  get revision(): number {
    return this.changes.revision;
  }

  /** Subscribes to changes from `fromRevision` on (default: future ones only). */
  subscribe(listener: Listener, fromRevision?: number): Ok<Subscription> | Compacted | Invalid {
    return this.changes.subscribe(listener, fromRevision);
  }

  /** Retained changes from `fromRevision` on. */
  changesSince(fromRevision: number): ReturnType<ChangeStream['since']> {
    return this.changes.since(fromRevision);
  }

  /** URL actors alive now. */
  get actorCount(): number {
    return this.router.size;
  }

  /** Live workers now. */
  get liveCount(): number {
    return this.index.liveCount;
  }

  /**
   * Stops every URL actor: commands waiting in a mailbox and every later command reject with
   * `ActorStoppedError`; a command that already committed still answers.
   */
  stop(): void {
    this.router.stopAll();
  }

  /** The shared state as the structural invariants read it (no step; call at quiescence). */
  inspect(): RegistrySnapshot {
    return this.index.snapshot();
  }

  /**
   * Runs one command at `url`'s actor: take a turn (spawning the actor when `ifVacant` is SPAWN,
   * else answering `ifVacant` when there is no actor, i.e. the URL is vacant), decide, commit if
   * needed, settle, then let the router forget the actor if it is vacant and idle.
   */
  private async atUrl<R>(
    url: string,
    decide: (slot: UrlSlot) => Decision<R>,
    ifVacant: R | typeof SPAWN,
  ): Promise<R> {
    let turn = this.router.acquire(url, ifVacant === SPAWN);
    if (turn instanceof Promise) turn = await turn;
    if (turn === undefined) {
      if (ifVacant === SPAWN) throw new Error(`the router spawned no actor for ${url}`);
      return ifVacant;
    }
    const { actor, ticket } = turn;
    const admitted = ticket.wait(this.rt, `mailbox(${url})`);
    if (admitted !== undefined) await admitted;
    let settled = false;
    try {
      const decision = decide(actor.slot);
      if ('answer' in decision) {
        settled = true;
        actor.done();
        return decision.answer;
      }
      let event = this.index.commit(decision.change, actor);
      if (event instanceof Promise) event = await event;
      settled = true;
      return decision.result(event);
    } finally {
      // A failed commit (stopped actor) still hands the turn on rather than wedging the URL.
      if (!settled) actor.done();
      const released = this.router.release(actor);
      if (released !== undefined) await released;
      this.changes.deliver();
    }
  }
}

/** `atUrl`'s marker for commands that spawn the URL's actor when there is none. */
const SPAWN: unique symbol = Symbol('spawn');

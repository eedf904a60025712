/**
 * URL → actor. Getting or spawning a URL's actor and joining its mailbox is one atomic step
 * (`actors.entry`), and forgetting an actor is one atomic step (`actors.remove_if`) that checks
 * it is vacant with an empty mailbox. Because a caller joins the mailbox inside the step that
 * found the actor, an actor is never forgotten between a caller finding it and enqueueing, so no
 * command reaches a stopped actor in normal operation, and actors exist only for URLs that are
 * reserved, live or have commands in flight: memory follows live URLs, not every URL ever seen.
 *
 * The map is a plain `Map` behind `Runtime.step` (rather than a `SharedMap`, whose `entry` takes
 * a closure) because `acquire` is on the path of every write.
 */
import type { Runtime } from '../memory/runtime.ts';
import type { Stepped } from '../memory/SharedMap.ts';
import { ActorStoppedError, type Ticket } from './Mailbox.ts';
import { UrlActor, type UrlActorOptions } from './UrlActor.ts';

/** A caller's place with one URL's actor. */
export interface Turn {
  readonly actor: UrlActor;
  readonly ticket: Ticket;
}

/** The registry's URL actors by URL (see the file comment). */
export class Router {
  private readonly actors = new Map<string, UrlActor>();
  private stopped = false;

  constructor(
    private readonly rt: Runtime,
    /** How each URL's actor is run and traced. */
    private readonly actorOptions: UrlActorOptions = {},
  ) {}

  /**
   * One step: the actor for `url` with a ticket in its mailbox. A missing actor is spawned when
   * `spawn` is set; otherwise the answer is undefined, which means the URL is vacant right now
   * (every reserved or live URL has an actor). Throws `ActorStoppedError` once the router stopped.
   */
  acquire(url: string, spawn: boolean): Stepped<Turn | undefined> {
    const wait = this.rt.step('actors', 'entry', url);
    if (wait === undefined) return this.join(url, spawn);
    return wait.then(() => this.join(url, spawn));
  }

  /**
   * After a command settled: stops and forgets `actor` if it is vacant with nothing waiting. The
   * step is taken only then, and the check is repeated inside it, as another caller may have
   * joined the mailbox in between.
   */
  release(actor: UrlActor): Stepped<void> {
    if (!actor.forgettable) return undefined;
    const wait = this.rt.step('actors', 'remove_if', actor.url);
    if (wait === undefined) return this.forget(actor);
    return wait.then(() => this.forget(actor));
  }

  /** Stops every actor (rejecting waiting commands) and rejects every later command. */
  stopAll(): void {
    this.stopped = true;
    for (const actor of this.actors.values()) actor.stop();
  }

  /** Actors alive now (no step): for sizing and tests. */
  get size(): number {
    return this.actors.size;
  }

  private join(url: string, spawn: boolean): Turn | undefined {
    if (this.stopped) throw new ActorStoppedError(url);
    let actor = this.actors.get(url);
    if (actor === undefined) {
      if (!spawn) return undefined;
      actor = new UrlActor(url, this.actorOptions);
      this.actors.set(url, actor);
    }
    return { actor, ticket: actor.enqueue() };
  }

  private forget(actor: UrlActor): void {
    const forgotten = this.actors.get(actor.url) === actor && actor.forgettable;
    if (forgotten) {
      this.actors.delete(actor.url);
      actor.stop();
    }
    if (this.rt.simulated) this.rt.note(forgotten ? '→ forgotten' : '→ kept');
  }
}

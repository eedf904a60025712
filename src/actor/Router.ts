/**
 * URL → actor. Getting or spawning a URL's actor and joining its mailbox is one atomic step
 * (`actors.entry`), and forgetting an actor is one atomic step (`actors.remove_if`) that checks
 * it is vacant with an empty mailbox. Because a caller joins the mailbox inside the step that
 * found the actor, an actor is never forgotten between a caller finding it and enqueueing, so no
 * command reaches a stopped actor in normal operation, and actors exist only for URLs that are
 * reserved, live or have commands in flight: memory follows live URLs, not every URL ever seen.
 */
import type { Runtime } from '../memory/runtime.ts';
import { SharedMap, type Stepped } from '../memory/SharedMap.ts';
import { ActorStoppedError, type Ticket } from './Mailbox.ts';
import { UrlActor, type UrlTraceHook } from './UrlActor.ts';

/** A caller's place with one URL's actor. */
export interface Turn {
  readonly actor: UrlActor;
  readonly ticket: Ticket;
}

export class Router {
  private readonly actors: SharedMap<string, UrlActor>;
  private stopped = false;

  constructor(
    rt: Runtime,
    private readonly onTransition?: UrlTraceHook,
  ) {
    this.actors = new SharedMap(rt, 'actors');
  }

  /**
   * One step: the actor for `url` with a ticket in its mailbox. A missing actor is spawned when
   * `spawn` is set; otherwise the answer is undefined, which means the URL is vacant right now
   * (every reserved or live URL has an actor). Throws `ActorStoppedError` once the router stopped.
   */
  acquire(url: string, spawn: boolean): Stepped<Turn | undefined> {
    return this.actors.entry(url, (entry) => {
      if (this.stopped) throw new ActorStoppedError(url);
      let actor = entry.value;
      if (actor === undefined) {
        if (!spawn) return undefined;
        actor = new UrlActor(url, this.onTransition);
        entry.set(actor);
      }
      return { actor, ticket: actor.enqueue() };
    });
  }

  /**
   * After a command settled: stops and forgets `actor` if it is vacant with nothing waiting. The
   * step is taken only then, and the check is repeated inside it, as another caller may have
   * joined the mailbox in between.
   */
  release(actor: UrlActor): Stepped<void> {
    if (!actor.forgettable) return undefined;
    const removed = this.actors.removeIf(actor.url, (a) => a === actor && a.forgettable);
    if (removed instanceof Promise) return removed.then((a) => a?.stop());
    removed?.stop();
    return undefined;
  }

  /** Stops every actor (rejecting waiting commands) and rejects every later command. */
  stopAll(): void {
    this.stopped = true;
    for (const actor of this.actors.peek().values()) actor.stop();
  }

  /** Actors alive now (no step): for sizing and tests. */
  get size(): number {
    return this.actors.peek().size;
  }
}

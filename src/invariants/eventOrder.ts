/**
 * `event-order`: the change stream a subscriber saw from the registry's creation agrees with the
 * registry. Per id, `Registered` comes before any `Replaced` or `Removed` (spec §5 I9); each
 * event's previous value is what the id held before it, by the events so far; revisions, where
 * the stream numbers its events, increase strictly, and are consecutive where it promises that;
 * and replaying the events from the empty registry gives the live workers at quiescence, so a
 * subscriber is never told a live worker was removed, nor left unaware of one.
 */
import type { WorkerId } from '../determinism/ids.ts';
import type { Worker } from '../domain/worker.ts';
import type { RegistryEvent } from '../events.ts';
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

/** What a subscriber saw: the events in delivery order, and what the stream promised. */
export interface EventLog {
  readonly gapless: boolean;
  readonly events: readonly RegistryEvent[];
}

export function checkEventOrder(log: EventLog, s: RegistrySnapshot): Violation[] {
  const violations: Violation[] = [];
  const report = (message: string) => violations.push({ invariant: 'event-order', message });
  /** What each id holds by the events so far, and the (1-based) event that put it there. */
  const live = new Map<WorkerId, { readonly worker: Worker; readonly event: number }>();
  const describeHeld = (held: { worker: Worker; event: number }) =>
    `${held.worker.label} (from event ${held.event})`;
  /** Ids that have had a `Registered` event, for I9. */
  const registered = new Set<WorkerId>();
  let lastRevision = 0;
  log.events.forEach((event, i) => {
    const at = `event ${i + 1} (${describeEvent(event)})`;
    if (event.revision !== undefined) {
      if (log.gapless && event.revision !== lastRevision + 1)
        report(`${at} follows revision ${lastRevision}: the stream promises no gap and no duplicate`);
      else if (event.revision <= lastRevision)
        report(`${at} follows revision ${lastRevision}: revisions must increase`);
      lastRevision = Math.max(lastRevision, event.revision);
    }
    const held = live.get(event.id);
    switch (event.type) {
      case 'registered':
        if (held !== undefined) report(`${at}: ${event.id} is already live as ${describeHeld(held)}`);
        registered.add(event.id);
        live.set(event.id, { worker: event.current, event: i + 1 });
        break;
      case 'replaced':
      case 'removed':
        if (!registered.has(event.id)) report(`${at} comes before any Registered of ${event.id} (I9)`);
        else if (held === undefined) report(`${at}: ${event.id} is not live, by the events before it`);
        else if (held.worker !== event.previous)
          report(
            `${at} reports a previous ${event.previous.label}, but ${event.id} held ${describeHeld(held)}`,
          );
        if (event.type === 'replaced') live.set(event.id, { worker: event.current, event: i + 1 });
        else live.delete(event.id);
        break;
      case 'reserved':
      case 'released':
        if (held !== undefined) report(`${at}: ${event.id} is live as ${describeHeld(held)}`);
        break;
    }
  });
  for (const [id, w] of s.workers) {
    const told = live.get(id);
    if (told === undefined)
      report(
        registered.has(id)
          ? `${id} (${w.label}) is live, but the last event a subscriber saw for it removed it`
          : `${id} (${w.label}) is live, but no event registered it`,
      );
    else if (told.worker !== w)
      report(`${id} is ${w.label}, but the events leave it at ${describeHeld(told)}`);
  }
  for (const [id, held] of live) {
    if (!s.workers.has(id)) report(`the events leave ${id} live as ${describeHeld(held)}, but it is not`);
  }
  return violations;
}

function describeEvent(event: RegistryEvent): string {
  const revision = event.revision === undefined ? '' : ` @${event.revision}`;
  const worker = event.current ?? event.previous;
  return `${event.type} ${event.id}${worker === null ? '' : ` ${worker.label}`}${revision}`;
}

/**
 * The URL statechart and its mailbox, on both engines: one command at a time, FIFO, nothing
 * dropped, stop rejects; and the compiled table agrees with the interpreted chart event for event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { compiledUrlLogic, compileUrlChart, stateKey } from '../../src/actor/compiledUrlChart.ts';
import { ActorStoppedError, Mailbox, Ticket } from '../../src/actor/Mailbox.ts';
import { UrlActor, type UrlEngine } from '../../src/actor/UrlActor.ts';
import { type UrlEvent, urlMachine, VACANT } from '../../src/actor/urlMachine.ts';
import { createSequentialIds } from '../../src/determinism/ids.ts';
import { createProductionRuntime } from '../../src/memory/runtime.ts';
import { worker } from './helpers.ts';

const rt = createProductionRuntime(createSequentialIds());
const U = 'http://w1:8000';
const record = {
  id: 'id1',
  url: U,
  worker: worker('A', U, ['a']),
  createRevision: 1,
  modRevision: 1,
  version: 1,
};
const reservation = { id: 'id1', url: U };
const ENGINES: readonly UrlEngine[] = ['compiled', 'interpreted'];

/** Whether each ticket has its turn, without waiting. */
const admitted = (tickets: readonly Ticket[]) => tickets.map((t) => t.wait(rt, 'test') === undefined);

describe('urlMachine', () => {
  it('is a statechart of lifecycle states, each with an idle/busy mailbox, and a final stopped state', () => {
    expect(Object.keys(urlMachine.root.states)).toEqual(['vacant', 'reserved', 'live', 'stopped']);
    for (const lifecycle of ['vacant', 'reserved', 'live']) {
      expect(Object.keys(urlMachine.root.states[lifecycle]!.states)).toEqual(['idle', 'busy']);
    }
    expect(urlMachine.root.states.stopped!.type).toBe('final');
  });

  it('compiles to a table where commit events move the lifecycle only from busy states', () => {
    const table = compileUrlChart();
    expect([...table.keys()]).toEqual([
      'vacant.idle',
      'vacant.busy',
      'reserved.idle',
      'reserved.busy',
      'live.idle',
      'live.busy',
      'stopped',
    ]);
    for (const [state, row] of table) {
      const commits = [...row.keys()].filter((type) => !['ENQUEUE', 'DONE', 'STOP'].includes(type));
      if (!state.endsWith('.busy')) expect(commits).toEqual([]);
    }
    expect(table.get('live.busy')?.get('REMOVED')).toEqual([
      { next: 'vacant.idle', actions: ['store'] },
      { next: 'vacant.busy', actions: ['store', 'admitNext'] },
    ]);
    expect(table.get('stopped')?.size).toBe(0);
  });
});

describe.each(ENGINES)('UrlActor (%s)', (engine) => {
  it('admits one command at a time and the waiting ones in arrival order', () => {
    const actor = new UrlActor(U, { engine });
    const tickets = [actor.enqueue(), actor.enqueue(), actor.enqueue()];
    expect(admitted(tickets)).toEqual([true, false, false]);
    actor.done();
    expect(admitted(tickets)).toEqual([true, true, false]);
    actor.committed({ type: 'registered', revision: 1, url: U, id: 'id1', current: record, previous: null });
    expect(admitted(tickets)).toEqual([true, true, true]);
    expect(actor.slot).toEqual({ kind: 'live', record });
    expect(actor.state).toBe('live.busy');
    actor.done();
    expect(actor.state).toBe('live.idle');
    expect(actor.forgettable).toBe(false);
  });

  it('moves the lifecycle only on commit events, and goes idle when nothing waits', () => {
    const trace: string[] = [];
    const actor = new UrlActor(U, {
      engine,
      onTransition: (entry) => trace.push(`${entry.event} → ${entry.state}`),
    });
    actor.enqueue();
    actor.committed({
      type: 'reserved',
      revision: 1,
      url: U,
      id: 'id1',
      current: reservation,
      previous: null,
    });
    actor.enqueue();
    actor.committed({
      type: 'released',
      revision: 2,
      url: U,
      id: 'id1',
      current: null,
      previous: reservation,
    });
    expect(trace).toEqual([
      'xstate.init → vacant.idle',
      'ENQUEUE → vacant.busy',
      'RESERVED → reserved.idle',
      'ENQUEUE → reserved.busy',
      'RELEASED → vacant.idle',
    ]);
    expect(actor.forgettable).toBe(true);
  });

  it('rejects every waiting command when stopped, and every command sent afterwards', async () => {
    const actor = new UrlActor(U, { engine });
    const first = actor.enqueue();
    const waiting = [actor.enqueue(), actor.enqueue()].map((t) => t.wait(rt, 'test'));
    actor.stop();
    expect(actor.stopped).toBe(true);
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(ActorStoppedError);
    await expect(actor.enqueue().wait(rt, 'test')).rejects.toThrow(/has stopped: the command was rejected/);
    expect(() => actor.assertRunning()).toThrow(ActorStoppedError);
    expect(first.wait(rt, 'test')).toBeUndefined();
  });

  it('records a per-URL trace through the inspection hook', () => {
    const entries: string[][] = [];
    const actor = new UrlActor(U, { engine, onTransition: (e) => entries.push([e.url, e.event, e.state]) });
    actor.stop();
    expect(entries).toEqual([
      [U, 'xstate.init', 'vacant.idle'],
      [U, 'STOP', 'stopped'],
    ]);
  });
});

describe('the interpreted chart', () => {
  it('drops nothing: an ENQUEUE while busy lands in the mailbox', () => {
    const port = { url: U, mailbox: new Mailbox(U), slot: VACANT };
    const actor = createActor(urlMachine, { input: port }).start();
    actor.send({ type: 'ENQUEUE', ticket: new Ticket() });
    actor.send({ type: 'ENQUEUE', ticket: new Ticket() });
    expect(port.mailbox.size).toBe(1);
    expect(actor.getSnapshot().value).toEqual({ vacant: 'busy' });
    actor.send({ type: 'DONE' });
    expect([port.mailbox.size, stateKey(actor.getSnapshot().value)]).toEqual([0, 'vacant.busy']);
    actor.send({ type: 'DONE' });
    expect(stateKey(actor.getSnapshot().value)).toBe('vacant.idle');
  });
});

describe('compiled and interpreted engines', () => {
  const event = fc.constantFrom<(ticket: Ticket) => UrlEvent>(
    (ticket) => ({ type: 'ENQUEUE', ticket }),
    () => ({ type: 'DONE' }),
    () => ({ type: 'RESERVED', reservation }),
    () => ({ type: 'RELEASED' }),
    () => ({ type: 'REGISTERED', record }),
    () => ({ type: 'REPLACED', record }),
    () => ({ type: 'REMOVED' }),
    () => ({ type: 'STOP' }),
  );

  it('agree on every state, slot and admission for any event sequence', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const runs = (['compiled', 'interpreted'] as const).map((engine) => {
          const port = { url: U, mailbox: new Mailbox(U), slot: VACANT };
          const compiled =
            engine === 'compiled' ? createActor(compiledUrlLogic, { input: port }).start() : undefined;
          const interpreted =
            engine === 'interpreted' ? createActor(urlMachine, { input: port }).start() : undefined;
          const states: string[] = [];
          const tickets: Ticket[] = [];
          for (const make of events) {
            const ticket = new Ticket();
            tickets.push(ticket);
            compiled?.send(make(ticket));
            interpreted?.send(make(ticket));
            states.push(compiled?.getSnapshot().context.key ?? stateKey(interpreted!.getSnapshot().value));
          }
          const turns = tickets.map((t) => {
            const waited = t.wait(rt, 'test');
            waited?.catch(() => {});
            return waited === undefined;
          });
          return { states, turns, slot: port.slot, waiting: port.mailbox.size };
        });
        expect(runs[0]).toEqual(runs[1]);
      }),
      { numRuns: 500 },
    );
  });
});

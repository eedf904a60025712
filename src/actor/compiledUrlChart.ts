/**
 * The URL statechart compiled to a transition table, and an XState actor logic (of
 * `fromTransition`'s shape) that runs it. Interpreting the statechart costs XState's full
 * macrostep per event (entry and exit sets, eventless transitions, snapshot cloning): measured at
 * tens of times the table per command, more than the whole lock-based operation (docs/ACTOR.md).
 * The chart's transitions depend only on the state, the event type and its one guard
 * (`hasWaiting`), so XState itself computes all of them once, at load, with its pure `transition`
 * function; running an event is then one table lookup plus the chart's own actions. The statechart stays the single source of
 * truth: nothing here names a state, target or action, and a property test checks both runners
 * agree event for event.
 */
import { fromTransition, initialTransition, type StateValue, transition } from 'xstate';
import { createWorker } from '../domain/worker.ts';
import { Mailbox, Ticket } from './Mailbox.ts';
import {
  URL_ACTIONS,
  type UrlActionName,
  type UrlEvent,
  type UrlPort,
  urlMachine,
  VACANT,
} from './urlMachine.ts';

/** What the table says to do for one (state, event, guard outcome): where to go, what to run. */
interface Step {
  readonly next: string;
  readonly actions: readonly UrlActionName[];
}

/** Per state key and event type: the step when nothing waits, and when something waits; absent = dropped. */
type Table = ReadonlyMap<
  string,
  ReadonlyMap<UrlEvent['type'], readonly [Step | undefined, Step | undefined]>
>;

const EVENT_TYPES: readonly UrlEvent['type'][] = [
  'ENQUEUE',
  'DONE',
  'RESERVED',
  'RELEASED',
  'REGISTERED',
  'REPLACED',
  'REMOVED',
  'STOP',
];

/** A state value as a dotted key: `{ live: 'busy' }` → `live.busy`. */
export function stateKey(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([parent, child]) => (child === undefined ? parent : `${parent}.${stateKey(child)}`))
    .join(',');
}

/** Asks XState, once per (atomic state, event type, guard outcome), what the statechart does. */
export function compileUrlChart(): Table {
  const unknown = urlMachine.root.events.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0)
    throw new Error(`the URL chart handles events the table does not know: ${unknown.join(', ')}`);
  const table = new Map<string, Map<UrlEvent['type'], [Step | undefined, Step | undefined]>>();
  for (const value of atomicStateValues()) {
    const key = stateKey(value);
    const row = new Map<UrlEvent['type'], [Step | undefined, Step | undefined]>();
    table.set(key, row);
    // A top-level final state ends the actor, which then ignores every event.
    if (typeof value === 'string' && urlMachine.root.states[value]?.type === 'final') continue;
    for (const type of EVENT_TYPES) {
      const steps: [Step | undefined, Step | undefined] = [
        stepFor(value, type, false),
        stepFor(value, type, true),
      ];
      if (steps[0] !== undefined || steps[1] !== undefined) row.set(type, steps);
    }
  }
  return table;
}

/** A record for sample events (never read: actions do not run while compiling). */
const SAMPLE_RECORD = {
  id: 'sample',
  url: 'sample',
  worker: createWorker('sample', { url: 'sample' }),
  createRevision: 1,
  modRevision: 1,
  version: 1,
};

const TABLE = compileUrlChart();
const INITIAL_KEY = stateKey(initialTransition(urlMachine, samplePort(false))[0].value);

/** The compiled runner's state: the statechart's current atomic state, and the port beside it. */
export interface CompiledUrlState {
  readonly key: string;
  readonly port: UrlPort;
}

/** One event on the table: the chart's actions run, and the state it leads to. */
function runTable(state: CompiledUrlState, event: UrlEvent): CompiledUrlState {
  const step = TABLE.get(state.key)?.get(event.type)?.[state.port.mailbox.size > 0 ? 1 : 0];
  // An event the state does not handle is dropped, exactly as the interpreted statechart does.
  if (step === undefined) return state;
  for (const name of step.actions) URL_ACTIONS[name](state.port, event);
  return step.next === state.key ? state : { key: step.next, port: state.port };
}

const transitionLogic = fromTransition(
  runTable,
  ({ input }: { input: UrlPort }): CompiledUrlState => ({ key: INITIAL_KEY, port: input }),
);

/**
 * The URL statechart as an XState actor logic that runs the compiled table: `fromTransition`'s
 * logic, except that its snapshot is not copied on every event (`{ ...snapshot, context }` costs
 * more than the lookup and the actions together): an event that leaves the state as it was
 * keeps the snapshot, and a move builds the next one directly. XState only asks a running actor to
 * transition, so the snapshot is always active.
 */
export const compiledUrlLogic: typeof transitionLogic = {
  ...transitionLogic,
  transition: (snapshot, event) => {
    const context = runTable(snapshot.context, event);
    if (context === snapshot.context) return snapshot;
    return { status: 'active', output: undefined, error: undefined, context };
  },
};

function stepFor(value: StateValue, type: UrlEvent['type'], waiting: boolean): Step | undefined {
  const snapshot = urlMachine.resolveState({ value, context: { port: samplePort(waiting) } });
  const [next, actions] = transition(urlMachine, snapshot, sampleEvent(type));
  const names = actions.map((action) => {
    if (!(action.type in URL_ACTIONS))
      throw new Error(`the URL chart runs ${action.type}, which the table cannot`);
    return action.type as UrlActionName;
  });
  const nextKey = stateKey(next.value);
  return nextKey === stateKey(value) && names.length === 0 ? undefined : { next: nextKey, actions: names };
}

/** Every atomic (or final) state of the chart, as a state value. */
function atomicStateValues(): StateValue[] {
  const values: StateValue[] = [];
  for (const [parent, node] of Object.entries(urlMachine.root.states)) {
    const children = Object.keys(node.states);
    if (children.length === 0) values.push(parent);
    else for (const child of children) values.push({ [parent]: child });
  }
  return values;
}

/** A port whose mailbox has one waiting ticket or none: all the guard looks at. */
function samplePort(waiting: boolean): UrlPort {
  const mailbox = new Mailbox('sample');
  if (waiting) mailbox.defer(new Ticket());
  return { url: 'sample', mailbox, slot: VACANT };
}

/** An event of `type`; its payload is never read, as actions are not run while compiling. */
function sampleEvent(type: UrlEvent['type']): UrlEvent {
  switch (type) {
    case 'ENQUEUE':
      return { type, ticket: new Ticket() };
    case 'RESERVED':
      return { type, reservation: { id: 'sample', url: 'sample' } };
    case 'REGISTERED':
    case 'REPLACED':
      return { type, record: SAMPLE_RECORD };
    default:
      return { type };
  }
}

/**
 * The registry's sequential specification (src/spec/sequentialSpec.ts) as a checker model.
 *
 * Minted ids are nondeterministic outputs: a returned id is legal when it is fresh. An
 * operation whose result is unknown (pending) mints a placeholder id (`?1`, `?2`, …) instead;
 * a later result that reveals it binds the placeholder to the observed id, and a later call
 * naming an id never seen may be naming a placeholder, so the model branches. A state is the set
 * of specification states consistent with the history so far (the powerset construction of
 * `fromNondeterministic`, which keeps the search deterministic).
 *
 * Specification steps are memoised: the fuzzer checks thousands of histories of one scenario,
 * whose searches take the same few hundred steps over and over. Each model owns a table of
 * interned specification states (equal by content, workers by their fields, and by the order
 * ids were handed out, which is the order placeholders are tried in); an interned state keeps its
 * successors per (operation, result) content, for the pairs met in an earlier check. The search's
 * cache compares states by content rather than by worker identity: coarser, but every state it
 * merges behaves the same under every continuation, so verdicts and the longest prefix are
 * unchanged (only the number of search steps can drop).
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
import type { Model } from '../model.ts';
import {
  hashOperation,
  hashOutput,
  hashSpecContent,
  hashSpecState,
  mix,
  sameOperation,
  sameOutput,
  sameSpecContent,
} from './registryContent.ts';

/** The specification states consistent with the history so far. */
export type RegistryState = readonly SpecState[];

const PLACEHOLDER_PREFIX = '?';

/** A checker model of the registry's sequential specification in the given variant. */
export function registryModel(variant: SpecVariant): Model<RegistryState, Operation, OpResult> {
  const memo = new StepMemo(variant);
  return {
    init: () => {
      memo.beginCheck();
      return [memo.intern(EMPTY_SPEC_STATE)];
    },
    step: (states, op, observed) => stepDirectly(variant, states, op, observed),
    prepare: (op, observed) => (memo.enabled ? memo.pair(op, observed) : undefined),
    stepPrepared: (states, prepared, op, observed) => {
      const pair = prepared as Pair | undefined;
      return pair !== undefined && memo.memoises(pair)
        ? memo.step(states, pair)
        : stepDirectly(variant, states, op, observed);
    },
    // A sum does not depend on the order in which the set's members were found.
    hash: (states) => {
      let h = 0;
      for (const s of states) h = (h + (s instanceof InternedState ? s.hash : hashSpecState(s))) | 0;
      return h;
    },
    equal: (a, b) =>
      a === b || (a.length === b.length && a.every((x) => b.some((y) => sameSpecContent(x, y, false)))),
    describeOperation: (op, result) =>
      `${describeOperation(op)} → ${result === undefined ? '?' : describeResult(result)}`,
    describeState: (states) =>
      states.length === 1
        ? describeSpecState(states[0]!)
        : `one of {${states.map(describeSpecState).join('; ')}}`,
  };
}

/** The union of the members' successors, deduplicated; undefined when there is none. */
function stepDirectly(
  variant: SpecVariant,
  states: RegistryState,
  op: Operation,
  observed: OpResult | undefined,
): RegistryState | undefined {
  if (states.length === 1) {
    const only = successorsOf(variant, states[0]!, op, observed);
    return only.length === 0 ? undefined : only;
  }
  const next: SpecState[] = [];
  for (const s of states) for (const n of successorsOf(variant, s, op, observed)) addUnique(next, n);
  return next.length === 0 ? undefined : next;
}

/** The states `s` may be in after `op` returned `observed`, deduplicated; empty when illegal. */
function successorsOf(
  variant: SpecVariant,
  s: SpecState,
  op: Operation,
  observed: OpResult | undefined,
): SpecState[] {
  const found: SpecState[] = [];
  for (const candidate of namingCandidates(s, op)) {
    const after = stepOne(variant, candidate, op, observed);
    if (after !== undefined) addUnique(found, after);
    for (const alt of alternativeOutcomes(candidate, op)) {
      if (observed === undefined || observed === alt.result) addUnique(found, alt.state);
    }
  }
  return found;
}

/** Adds `s` to a set of states unless an equal one (by content) is there. */
function addUnique(set: SpecState[], s: SpecState): void {
  for (const x of set) if (sameSpecContent(x, s, false)) return;
  set.push(s);
}

/** A specification state interned by content, with its successors by (operation, result). */
class InternedState implements SpecState {
  readonly workers: SpecState['workers'];
  readonly urlToId: SpecState['urlToId'];
  readonly usedIds: SpecState['usedIds'];
  /** Successor sets (deduplicated, in the order the step finds them) by pair id; empty when illegal. */
  readonly next = new Map<number, readonly InternedState[]>();

  /** {@link hashSpecState}. */
  readonly hash: number;

  constructor(s: SpecState) {
    this.workers = s.workers;
    this.urlToId = s.urlToId;
    this.usedIds = s.usedIds;
    this.hash = hashSpecState(s);
  }
}

/**
 * An (operation, result) content, numbered. Its first operation stands for it in memoised steps:
 * their states may hold that operation's worker rather than an equal one of the history checked.
 */
interface Pair {
  readonly op: Operation;
  readonly output: OpResult | undefined;
  readonly id: number;
  /** The check in which it was first met. */
  readonly check: number;
  /** Memoised steps found and computed. */
  hits: number;
  misses: number;
}

/** Tables bigger than this are dropped when a check starts (a long campaign meets many scenarios). */
const MEMO_LIMIT = 50_000;
const ILLEGAL: readonly InternedState[] = [];
/** A pair whose memo misses this many times more than it hits is stepped directly from then on. */
const MISSES_BEYOND_HITS = 16;
/** Checks per window of accounts, and windows a switched-off memo waits before it is tried again. */
const WINDOW_CHECKS = 128;
const IDLE_WINDOWS = 16;

/**
 * Interned states and (operation, result) pairs of one model, and the memoised steps between
 * them. A campaign that draws a new scenario for every schedule meets mostly new pairs and new
 * states, which no later check asks for again, so the memo keeps accounts: a pair's steps are
 * memoised from the check after the one that met it, and no longer once its memo misses far more
 * often than it hits; and the memo as a whole is switched off for a window of checks in which
 * it met more new pairs than known ones, or missed more than it hit, then tried again later.
 */
class StepMemo {
  private states = new Map<number, InternedState[]>();
  private pairs = new Map<number, Pair[]>();
  /** Entries in the tables above and in the interned states' successor maps. */
  private size = 0;
  /** Never reset: a state interned before a trim may still be stepped, and its memo keeps its ids. */
  private nextPairId = 0;
  /** Checks begun so far. */
  checks = 0;
  /** Whether checks intern their pairs (and so may be memoised). */
  enabled = true;
  /** While disabled: windows left before the memo is tried again. */
  private idleWindows = 0;
  /** This window's accounts. */
  private pairsFound = 0;
  private pairsMade = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly variant: SpecVariant) {}

  /**
   * Starts a check: settles a window's accounts, and drops every table once they have grown past
   * the limit.
   */
  beginCheck(): void {
    this.checks++;
    if (this.checks % WINDOW_CHECKS === 0) {
      if (!this.enabled) {
        this.enabled = --this.idleWindows <= 0;
      } else if (this.pairsMade > this.pairsFound || this.misses > this.hits) {
        this.enabled = false;
        this.idleWindows = IDLE_WINDOWS;
      }
      this.pairsFound = 0;
      this.pairsMade = 0;
      this.hits = 0;
      this.misses = 0;
    }
    if (this.size < MEMO_LIMIT) return;
    this.states = new Map();
    this.pairs = new Map();
    this.size = 0;
  }

  /** The interned state with the content (and id order) of `s`. */
  intern(s: SpecState): InternedState {
    if (s instanceof InternedState) return s;
    const hash = hashSpecContent(s);
    const bucket = this.states.get(hash);
    if (bucket !== undefined) {
      for (const known of bucket) if (sameSpecContent(known, s, true)) return known;
    }
    const interned = new InternedState(s);
    if (bucket === undefined) this.states.set(hash, [interned]);
    else bucket.push(interned);
    this.size++;
    return interned;
  }

  /** The pair that stands for the content of (`op`, `observed`). */
  pair(op: Operation, observed: OpResult | undefined): Pair {
    const hash = mix(hashOperation(op), hashOutput(observed));
    let bucket = this.pairs.get(hash);
    if (bucket !== undefined) {
      for (const pair of bucket) {
        if (sameOutput(pair.output, observed) && sameOperation(pair.op, op)) {
          this.pairsFound++;
          return pair;
        }
      }
    } else {
      bucket = [];
      this.pairs.set(hash, bucket);
    }
    const pair: Pair = {
      op,
      output: observed,
      id: this.nextPairId++,
      check: this.checks,
      hits: 0,
      misses: 0,
    };
    bucket.push(pair);
    this.size++;
    this.pairsMade++;
    return pair;
  }

  /** Whether to step `pair` through the memo. */
  memoises(pair: Pair): boolean {
    return pair.check < this.checks && pair.misses <= pair.hits + MISSES_BEYOND_HITS;
  }

  /** {@link stepDirectly} through the memo. */
  step(states: RegistryState, p: Pair): RegistryState | undefined {
    if (states.length === 1) {
      const only = this.successors(this.intern(states[0]!), p);
      return only.length === 0 ? undefined : only;
    }
    const next: SpecState[] = [];
    for (const s of states) for (const n of this.successors(this.intern(s), p)) addUnique(next, n);
    return next.length === 0 ? undefined : next;
  }

  /** {@link successorsOf}, interned and memoised. */
  successors(s: InternedState, p: Pair): readonly InternedState[] {
    const known = s.next.get(p.id);
    if (known !== undefined) {
      p.hits++;
      this.hits++;
      return known;
    }
    p.misses++;
    this.misses++;
    const found = successorsOf(this.variant, s, p.op, p.output);
    const next = found.length === 0 ? ILLEGAL : found.map((n) => this.intern(n));
    s.next.set(p.id, next);
    this.size++;
    return next;
  }
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

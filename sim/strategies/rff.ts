/**
 * RFF, reads-from fuzzing: Wolff, Shi, Duck, Mathur & Roychoudhury, "Greybox Fuzzing for
 * Concurrency Testing", ASPLOS 2024.
 *
 * A greybox loop per scenario, as AFL runs over inputs but over schedules. Coverage is the
 * reads-from relation (`readsFrom.ts`): which write each step saw. Most concurrency bugs need one
 * or two reads to see a particular write (or to miss it), and schedules that show the same
 * reads-from pairs mostly behave alike, so the pairs are a cheap, bug-shaped measure of which
 * behaviours have been tried. A schedule that shows a pair no earlier one showed joins the corpus;
 * each later schedule either mutates a corpus schedule or, now and then, starts afresh.
 * Mutations (`rffMutations.ts`) impose a pair (a writer run right before a reader of its entry,
 * preferring pairs never seen), negate one (a reader run before the writer it saw), or re-draw a
 * few choices; the mutated prefix is followed, then a uniform random walk takes over. The paper
 * adds the pairs as constraints for a POS scheduler to meet; here the recorded trace is reordered
 * into a concrete prefix instead (the chooser sees every step's access, so it can), and a prefix
 * that no longer fits (its task is not runnable) is dropped for the walk.
 *
 * Energy, simplified from the paper's AFL power schedule: each schedule picks one corpus entry
 * with probability proportional to the rarity of the rarest pair it brought in (1 / the number of
 * schedules that showed it), damped by how often the entry was picked already. Rare behaviours
 * are thus mutated most, and the search drifts towards orders a random walk seldom reaches.
 *
 * The loop needs many schedules of one scenario: with one per scenario (a generated-scenario
 * campaign's default) every schedule is a seed walk, a uniform random walk, and RFF is `random`.
 *
 * Everything a schedule draws comes from `createPrng(start.seed)`; the corpus is the only state,
 * reset by `beginScenario`, and it grows from what earlier schedules of the scenario did, so a
 * schedule's choices depend on the scenario's earlier schedules too (a finding still replays from
 * its token, which records the steps).
 */
import { createPrng, type Prng } from '../../src/determinism/prng.ts';
import { conflicts, isWrite } from '../scheduler/conflicts.ts';
import type { Candidate, ChoiceContext, Chooser } from '../scheduler/types.ts';
import { analyseTrace, pairId, type TraceAnalysis, type TracedStep } from './readsFrom.ts';
import { followOrder, imposeOrder, negateOrder, type PlannedChoice, redrawPlan } from './rffMutations.ts';
import type { ScheduleStart, Strategy } from './types.ts';

export interface RffOptions {
  /**
   * Schedules per scenario before `next()` answers undefined (default 1). With 1, the corpus
   * never feeds a second schedule and RFF is its seed walk, a uniform random walk: the greybox
   * loop needs many schedules of one scenario (`--scenario`, or a larger value here).
   */
  readonly schedulesPerScenario?: number;
}

export interface RffStrategy extends Strategy {
  /** The current scenario's corpus size and the coverage items (reads-from pairs, final writes) seen. */
  observed(): { corpus: number; coverage: number };
}

/** Share of schedules (once the corpus is not empty) that start afresh, so the walk's reach is kept. */
const FRESH = 0.1;
/** Shares of the mutations: impose a pair, negate one; the rest re-draw choices. */
const IMPOSE = 0.45;
const NEGATE = 0.3;
/** Re-drawn choices per re-draw mutation: 1 to this many. */
const MAX_REDRAWS = 3;
/** Readers tried when looking for a pair to impose. */
const IMPOSE_TRIES = 4;

/** A schedule kept in the corpus: its trace, where it had a choice, and what it brought in. */
interface Entry {
  readonly trace: readonly TracedStep[];
  readonly analysis: TraceAnalysis;
  /** Trace positions where more than one task was runnable. */
  readonly choicePoints: readonly number[];
  /** The coverage items this schedule showed first. */
  readonly novel: readonly string[];
  picked: number;
}

/** Creates the RFF strategy. */
export function createRffStrategy(options: RffOptions = {}): RffStrategy {
  const perScenario = options.schedulesPerScenario ?? 1;
  if (!Number.isInteger(perScenario) || perScenario < 1)
    throw new Error(`rff: schedulesPerScenario must be a positive integer (got ${perScenario})`);
  let inScenario = 0;
  let total = 0;
  let mutated = 0;
  let corpus: Entry[] = [];
  /** Coverage item → schedules of this scenario that showed it. */
  let hits = new Map<string, number>();
  let running: RecordingChooser | undefined;

  const select = (prng: Prng): Entry => {
    const weights = corpus.map((e) => {
      let rarest = 0;
      for (const item of e.novel) rarest = Math.max(rarest, 1 / (hits.get(item) ?? 1));
      return rarest / (1 + e.picked);
    });
    let ticket = prng.nextFloat() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < corpus.length; i++) {
      ticket -= weights[i]!;
      if (ticket < 0) return corpus[i]!;
    }
    return corpus[corpus.length - 1]!;
  };

  const mutate = (entry: Entry, prng: Prng): PlannedChoice[] => {
    const roll = prng.nextFloat();
    if (roll < IMPOSE) {
      const order = pickImposition(entry.trace, prng, (id) => hits.has(id), entry.analysis);
      if (order !== undefined) return followOrder(entry.trace, order);
    } else if (roll < IMPOSE + NEGATE) {
      const order = pickNegation(entry.trace, prng, entry.analysis);
      if (order !== undefined) return followOrder(entry.trace, order);
    }
    return pickRedraw(entry, prng);
  };

  return {
    name: 'rff',
    beginScenario() {
      inScenario = 0;
      corpus = [];
      hits = new Map();
      running = undefined;
    },
    next(start: ScheduleStart): Chooser | undefined {
      if (inScenario >= perScenario) return undefined;
      inScenario++;
      total++;
      const prng = createPrng(start.seed);
      let plan: readonly PlannedChoice[] = [];
      if (corpus.length > 0 && prng.nextFloat() >= FRESH) {
        const entry = select(prng);
        entry.picked++;
        plan = mutate(entry, prng);
        mutated++;
      }
      running = new RecordingChooser(plan, prng);
      return running;
    },
    done() {
      if (running === undefined) return;
      const { trace, choicePoints } = running;
      running = undefined;
      const analysis = analyseTrace(trace);
      const novel: string[] = [];
      for (const item of analysis.coverage) {
        const n = hits.get(item) ?? 0;
        if (n === 0) novel.push(item);
        hits.set(item, n + 1);
      }
      if (novel.length > 0) corpus.push({ trace, analysis, choicePoints, novel, picked: 0 });
    },
    observed: () => ({ corpus: corpus.length, coverage: hits.size }),
    describe() {
      return `${total} RFF schedule${total === 1 ? '' : 's'} (${mutated} mutated from the corpus); this scenario: ${corpus.length} kept, ${hits.size} reads-from pairs and final writes seen`;
    },
  };
}

/**
 * A writer and a reader of another task touching the same entry, the reader not already reading
 * from it, as an order of trace steps (`imposeOrder`). Prefers pairs `seen` says are new.
 */
export function pickImposition(
  trace: readonly TracedStep[],
  prng: Prng,
  seen: (pairId: string) => boolean,
  analysis: TraceAnalysis = analyseTrace(trace),
): number[] | undefined {
  const readers = trace.flatMap((s, i) => (s.target !== undefined && s.op !== undefined ? [i] : []));
  if (readers.length === 0) return undefined;
  const { ids, pairIds: current } = analysis;
  for (let attempt = 0; attempt < IMPOSE_TRIES; attempt++) {
    const reader = readers[prng.below(readers.length)]!;
    const r = trace[reader]!;
    const writers: number[] = [];
    for (let w = 0; w < trace.length; w++) {
      const s = trace[w]!;
      if (s.task === r.task || !isWrite(s) || !conflicts(s, r)) continue;
      if (!current.has(pairId(ids, { writer: w, reader }))) writers.push(w);
    }
    if (writers.length === 0) continue;
    const fresh = writers.filter((w) => !seen(pairId(ids, { writer: w, reader })));
    const from = fresh.length > 0 ? fresh : writers;
    return imposeOrder(trace, from[prng.below(from.length)]!, reader);
  }
  return undefined;
}

/** One of the trace's reads-from pairs across tasks (not of the initial state), negated (`negateOrder`). */
export function pickNegation(
  trace: readonly TracedStep[],
  prng: Prng,
  analysis: TraceAnalysis = analyseTrace(trace),
): number[] | undefined {
  const pairs = analysis.pairs.filter((p) => p.writer >= 0);
  if (pairs.length === 0) return undefined;
  const pair = pairs[prng.below(pairs.length)]!;
  return negateOrder(trace, pair.writer, pair.reader);
}

/** 1 to {@link MAX_REDRAWS} of the entry's choice points re-drawn (`redrawPlan`); empty when it had none. */
function pickRedraw(entry: Entry, prng: Prng): PlannedChoice[] {
  const points = entry.choicePoints;
  if (points.length === 0) return [];
  const count = 1 + prng.below(Math.min(MAX_REDRAWS, points.length));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(points[prng.below(points.length)]!);
  return redrawPlan(
    entry.trace,
    [...chosen].sort((a, b) => a - b),
  );
}

/**
 * Follows a prefix, then walks at random; records every step it picks (the candidate it returns
 * is the step that runs next) and where it had a choice. A planned task that is not runnable ends
 * the prefix: the walk takes over from there.
 */
class RecordingChooser implements Chooser {
  readonly trace: Candidate[] = [];
  readonly choicePoints: number[] = [];
  private cursor = 0;

  constructor(
    private readonly plan: readonly PlannedChoice[],
    private readonly prng: Prng,
  ) {}

  choose(candidates: readonly Candidate[], _context: ChoiceContext): number {
    let index = this.cursor < this.plan.length ? this.follow(this.plan[this.cursor]!, candidates) : -1;
    if (index < 0) {
      this.cursor = this.plan.length;
      index = this.prng.below(candidates.length);
    } else this.cursor++;
    if (candidates.length > 1) this.choicePoints.push(this.trace.length);
    this.trace.push(candidates[index]!);
    return index;
  }

  private follow(planned: PlannedChoice, candidates: readonly Candidate[]): number {
    if ('task' in planned) return candidates.findIndex((c) => c.task === planned.task);
    const others = candidates.flatMap((c, i) => (c.task === planned.avoid ? [] : [i]));
    return others.length === 0 ? -1 : others[this.prng.below(others.length)]!;
  }
}

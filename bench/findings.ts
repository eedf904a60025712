/**
 * The catalogue of the bug-finding benchmark: one entry per finding of `docs/FINDINGS.md` (its
 * Summary table), each with the targeted scenario of its Appendix A (`scenarios/findings/`, or
 * `scenarios/known/` for the §6 races) and a root-cause-specific `found` predicate over one run.
 *
 * A predicate must tell its root cause apart from the others the same scenario can show, as the
 * predicate search of FINDINGS.md did: a named invariant plus a pattern on the violation's
 * message, and where that is not enough the run's history or its executed steps. Every predicate
 * reads only what both drivers observe — the violations, the history, and the instrumentation of
 * `instrument.ts` (the executed steps and what `workers` and `url_to_id` ever held) — so the regsim
 * strategies and `fc.scheduler()` are judged by the same test.
 *
 * Entries with `depth: 0` are the sequential findings: any schedule shows them, so every
 * contender finds them at schedule 1; they are listed last (R3 and R4 stay with the §6 races).
 * Head's "as v1113" findings are entries of their own. Not included: the suspected modelling
 * issues M1–M3 (not findings of a version) and the scripted-only variants of Appendix A (each
 * finding is measured on the non-scripted base file; the script is kept in `schedule`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from '../sim/scenario/parse.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import {
  allOf,
  anyOf,
  breaks,
  fabricated,
  freshMutexScrub,
  type Predicate,
  r0Fabricated,
  scrubbedFreshRegistration,
  staleUpsertId,
  stepped,
} from './predicates.ts';

export interface CatalogueFinding {
  /** `<implementation>/<FINDINGS.md id>`, e.g. `v836/C2`. */
  readonly id: string;
  readonly impl: string;
  /** Repository-relative scenario file; its scripted `schedule`, if any, is not used. */
  readonly file: string;
  /** Preemptions the finding needs (FINDINGS.md "depth"); 0 = sequential, found by any schedule. */
  readonly depth: number;
  /** What the predicate matches, in one line (for reports). */
  readonly predicate: string;
  readonly found: Predicate;
  /**
   * A lower cap on schedules per seed than the benchmark's `max`, for findings whose every
   * contender needs thousands (each censored seed costs `max` schedules).
   */
  readonly max?: number;
  /**
   * A scripted schedule (FINDINGS.md Appendix A) that shows the finding: what the catalogue test
   * replays for findings random search reaches too rarely to test cheaply.
   */
  readonly schedule?: readonly string[];
  /**
   * Why the finding holds on every design, the fixed `actor` included (so the catalogue test does
   * not expect the actor to rule it out).
   */
  readonly everyDesign?: string;
}

const F = 'scenarios/findings';
const K = 'scenarios/known';

/** Appendix A's scripted C5 schedules (`fab836.json`, `fab1113.json`). */
const FAB_836 = ['T1', 'T2*', 'T1*2', 'T3*', 'T1*'];
const FAB_1113 = ['T1*4', 'T2*', 'T1*2', 'T3*', 'T1*'];

/**
 * C5 on v1113 and head: random search needs thousands of schedules (FINDINGS.md: 3 of 5 seeds
 * within 5,000 on v1113, 1 of 5 on head) and every contender pays the cap per censored seed, so
 * these two cost most of the section: at 2,000 with 20 seeds about 70 s each on a 2-core machine
 * (half of it `fc.scheduler()`, which misses on most seeds), against about 100 s for all the other
 * findings together. The cap keeps a larger `--max` from multiplying that; 1,000 halves it but
 * hides that POS and DFS find C5 within 2,000 on most seeds while random and fc.scheduler() do not.
 */
const C5_MAX = 2_000;

/** Read skew: `getByConnection(Http)` returned the gRPC worker that replaced the Http one. */
const READ_SKEW = breaks('linearizable', /getByConnection\(Http\) ⇒ \[W2\]/);

/**
 * One entry per finding of the FINDINGS.md Summary table; the first five are the §6 races R1–R4
 * and R0's fabricated-id branch, with the scenarios and predicates the detection benchmark has
 * always used for them.
 */
export const FINDINGS: readonly CatalogueFinding[] = [
  // The §6 R0 races, measured exactly as the detection benchmark always has.
  {
    id: 'r0/R1',
    impl: 'r0',
    file: `${K}/R1.json`,
    depth: 1,
    predicate: 'url-unique',
    found: breaks('url-unique'),
  },
  {
    id: 'r0/R2',
    impl: 'r0',
    file: `${K}/R2.json`,
    depth: 1,
    predicate: 'type-index',
    found: breaks('type-index'),
  },
  {
    id: 'r0/R3',
    impl: 'r0',
    file: `${K}/R3.json`,
    depth: 0,
    predicate: 'url-unique (sequential)',
    found: breaks('url-unique'),
  },
  {
    id: 'r0/R4',
    impl: 'r0',
    file: `${K}/R4.json`,
    depth: 0,
    predicate: 'linearizable (sequential)',
    found: breaks('linearizable'),
  },
  {
    id: 'r0/FAB',
    impl: 'r0',
    file: `${K}/fabricated-id.json`,
    depth: 2,
    predicate: 'a registerOrReplace returned an id never stored in workers',
    found: r0Fabricated,
    schedule: ['T1', 'T2*', 'T1', 'T3*', 'T1*'],
  },

  // pre714
  {
    id: 'pre714/P3',
    impl: 'pre714',
    file: `${F}/tworeg.json`,
    depth: 1,
    predicate: 'url-unique (two registers of a new URL both mint)',
    found: breaks('url-unique'),
  },
  {
    id: 'pre714/P4',
    impl: 'pre714',
    file: `${F}/rmreg.json`,
    depth: 1,
    predicate: 'url-map (register races remove)',
    found: breaks('url-map'),
  },

  // v756
  {
    id: 'v756/V1',
    impl: 'v756',
    file: `${F}/gap.json`,
    depth: 1,
    predicate: 'linearizable: getByModel(a) ⇒ [] during the upsert (transient gap)',
    found: breaks('linearizable', /getByModel\(a\) ⇒ \[\]/),
  },
  {
    id: 'v756/V2',
    impl: 'v756',
    file: `${F}/rbureg.json`,
    depth: 1,
    predicate: 'url-unique (removeByUrl unmaps an in-flight register)',
    found: breaks('url-unique'),
  },
  {
    id: 'v756/RS',
    impl: 'v756',
    file: `${F}/skew.json`,
    depth: 1,
    predicate: 'linearizable: getByConnection(Http) ⇒ [W2]',
    found: READ_SKEW,
  },

  // r0, beyond the §6 races
  {
    id: 'r0/RR',
    impl: 'r0',
    file: `${F}/repreg.json`,
    depth: 1,
    predicate: "type-index: an id listed under a type that is not its worker's",
    found: breaks('type-index', /whose worker/),
  },
  {
    id: 'r0/RMP',
    impl: 'r0',
    file: `${F}/rmrep.json`,
    depth: 1,
    predicate: 'model-index (remove races replace)',
    found: breaks('model-index'),
  },
  {
    id: 'r0/RMR',
    impl: 'r0',
    file: `${F}/rbureg.json`,
    depth: 1,
    predicate: 'url-map (removeByUrl races register)',
    found: breaks('url-map'),
  },
  {
    id: 'r0/RS',
    impl: 'r0',
    file: `${F}/skew.json`,
    depth: 1,
    predicate: 'linearizable: getByConnection(Http) ⇒ [W2]',
    found: READ_SKEW,
  },

  // v836
  {
    id: 'v836/C1',
    impl: 'v836',
    file: `${F}/tworeg.json`,
    depth: 1,
    predicate: 'model-index: a stale object (both registers take the reserved slot)',
    found: breaks('model-index', /holds stale object/),
  },
  {
    id: 'v836/C2',
    impl: 'v836',
    file: `${F}/repreg.json`,
    depth: 1,
    predicate:
      'model-index or type-index, and the upsert went through replace (a worker_mutation_locks step; register takes none)',
    found: allOf(anyOf(breaks('model-index'), breaks('type-index')), stepped(/^worker_mutation_locks/)),
    schedule: ['T1*2', 'T2*', 'T1*'],
  },
  {
    id: 'v836/C3',
    impl: 'v836',
    file: `${F}/rbureg.json`,
    depth: 1,
    predicate: 'url-map (removeByUrl races register)',
    found: breaks('url-map'),
  },
  {
    id: 'v836/C4',
    impl: 'v836',
    file: `${F}/rorstale.json`,
    depth: 1,
    predicate: 'linearizable, and a registerOrReplace returned a stored id its worker was never stored under',
    found: staleUpsertId,
  },
  {
    id: 'v836/C5',
    impl: 'v836',
    file: `${F}/fab.json`,
    depth: 2,
    predicate: 'a registerOrReplace returned an id no map ever held',
    found: fabricated,
    schedule: FAB_836,
  },
  {
    id: 'v836/RS',
    impl: 'v836',
    file: `${F}/skew.json`,
    depth: 1,
    predicate: 'linearizable: getByConnection(Http) ⇒ [W2]',
    found: READ_SKEW,
  },

  // v1113
  {
    id: 'v1113/B1',
    impl: 'v1113',
    file: `${F}/rmreg.json`,
    depth: 1,
    predicate: 'url-map: the registered worker is unreachable (url_to_id[U] = None)',
    found: breaks('url-map', /unreachable: url_to_id\[U\] = None/),
  },
  {
    id: 'v1113/B1-fresh',
    impl: 'v1113',
    file: `${F}/rmreg.json`,
    depth: 2,
    predicate: 'type-index: the removed id, re-registered under a fresh mutex, scrubbed from type_workers',
    found: freshMutexScrub,
  },
  {
    id: 'v1113/B2',
    impl: 'v1113',
    file: `${F}/rmreg.json`,
    depth: 1,
    predicate: 'model-index: a worker under a fresh id (not the removed one) missing from model_index',
    found: scrubbedFreshRegistration,
  },
  {
    id: 'v1113/C4',
    impl: 'v1113',
    file: `${F}/rorstale.json`,
    depth: 1,
    predicate: 'linearizable, and a registerOrReplace returned a stored id its worker was never stored under',
    found: staleUpsertId,
  },
  {
    id: 'v1113/C5',
    impl: 'v1113',
    file: `${F}/fab.json`,
    depth: 2,
    predicate: 'a registerOrReplace returned an id no map ever held',
    found: fabricated,
    max: C5_MAX,
    schedule: FAB_1113,
  },
  {
    id: 'v1113/RS',
    impl: 'v1113',
    file: `${F}/skew.json`,
    depth: 1,
    predicate: 'linearizable: getByConnection(Http) ⇒ [W2]',
    found: READ_SKEW,
  },

  // head: v1113's findings again, and the ring findings
  {
    id: 'head/B1',
    impl: 'head',
    file: `${F}/rmreg.json`,
    depth: 1,
    predicate: 'url-map: the registered worker is unreachable (url_to_id[U] = None)',
    found: breaks('url-map', /unreachable: url_to_id\[U\] = None/),
  },
  {
    id: 'head/B1-fresh',
    impl: 'head',
    file: `${F}/rmreg.json`,
    depth: 2,
    predicate: 'type-index: the removed id, re-registered under a fresh mutex, scrubbed from type_workers',
    found: freshMutexScrub,
  },
  {
    id: 'head/B2',
    impl: 'head',
    file: `${F}/rmreg.json`,
    depth: 1,
    predicate: 'model-index: a worker under a fresh id (not the removed one) missing from model_index',
    found: scrubbedFreshRegistration,
  },
  {
    id: 'head/C4',
    impl: 'head',
    file: `${F}/rorstale.json`,
    depth: 1,
    predicate: 'linearizable, and a registerOrReplace returned a stored id its worker was never stored under',
    found: staleUpsertId,
  },
  {
    id: 'head/C5',
    impl: 'head',
    file: `${F}/fab.json`,
    depth: 2,
    predicate: 'a registerOrReplace returned an id no map ever held',
    found: fabricated,
    max: C5_MAX,
    schedule: FAB_1113,
  },
  {
    id: 'head/RS',
    impl: 'head',
    file: `${F}/skew.json`,
    depth: 1,
    predicate: 'linearizable: getByConnection(Http) ⇒ [W2]',
    found: READ_SKEW,
  },
  {
    id: 'head/H1',
    impl: 'head',
    file: `${F}/rings.json`,
    depth: 1,
    predicate: 'hash-ring: the model ring hash_rings[a] is stale',
    found: breaks('hash-ring', /hash_rings\[a\]/),
    schedule: ['T1*7', 'T2*', 'T1*'],
  },
  {
    id: 'head/H2',
    impl: 'head',
    file: `${F}/wild2.json`,
    depth: 1,
    predicate: 'hash-ring: the wildcard ring hash_rings[unknown] is stale or missing',
    found: breaks('hash-ring', /hash_rings\[unknown\]|model unknown/),
    schedule: ['T1*10', 'T2*', 'T1*'],
  },

  // Sequential findings (depth 0): any schedule shows them, so every contender finds them at 1.
  {
    id: 'pre714/P1',
    impl: 'pre714',
    file: `${F}/rereg.json`,
    depth: 0,
    predicate: 'model-index: re-registering leaves the old object (sequential)',
    found: breaks('model-index', /holds stale object/),
  },
  {
    id: 'pre714/P2',
    impl: 'pre714',
    file: `${F}/preremove.json`,
    depth: 0,
    predicate: 'model-index: remove leaves an empty slice (sequential)',
    found: breaks('model-index', /empty slice/),
  },
  {
    id: 'v836/C6',
    impl: 'v836',
    file: `${F}/lockleak.json`,
    depth: 0,
    predicate: 'no-leak: worker_mutation_locks keeps an entry for an absent id (sequential)',
    found: breaks('no-leak', /worker_mutation_locks/),
  },
  {
    id: 'v1113/C6',
    impl: 'v1113',
    file: `${F}/rbures.json`,
    depth: 0,
    predicate: 'no-leak: removeByUrl of a bare reservation leaks a lock entry (sequential)',
    found: breaks('no-leak', /worker_mutation_locks/),
  },
  {
    id: 'head/H3',
    impl: 'head',
    file: `${F}/wildseq.json`,
    depth: 0,
    predicate: 'hash-ring: the wildcard ring copies itself and keeps a removed URL (sequential)',
    found: breaks('hash-ring', /hash_rings\[unknown\] routes to U1/),
  },
];

/**
 * The finding the bug-finding ratio is taken on: the deepest interleaving among the R0 races
 * (R0's fabricated-id branch, depth 2; see `docs/FINDINGS.md`).
 */
export const HARDEST_RACE = 'r0/FAB';

/** The shallow §6 R0 races (depth ≤ 1), where the goal is parity with `fc.scheduler()`. */
export const SHALLOW_RACES: readonly string[] = ['r0/R1', 'r0/R2', 'r0/R3', 'r0/R4'];

/** A catalogue entry's scenario (throws on a file that does not parse). */
export function loadFindingScenario(finding: CatalogueFinding): Scenario {
  const path = fileURLToPath(new URL(`../${finding.file}`, import.meta.url));
  const parsed = parseScenarioText(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${finding.file}: ${parsed.error}`);
  return parsed.scenario;
}

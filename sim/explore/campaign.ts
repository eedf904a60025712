/**
 * A campaign on one implementation: the schedule range is cut into chunks (see `chunk.ts`),
 * the chunks are scanned (in order on this thread, or by a pool of worker threads), and for each
 * invariant the earliest failure is re-run and shrunk here. Which failures a seed range holds
 * does not depend on how many threads scanned it. A chunk whose schedule hangs (a supervised
 * scanner says where) is re-run up to the hang, which becomes a `hang` finding; a chunk that
 * crashes is reported with its schedule range; either way the campaign goes on. No I/O but the
 * injected clock.
 */
import type { Implementation } from '../../src/types.ts';
import {
  diagnoseNondeterminism,
  type NondeterminismDiagnosis,
  NondeterminismError,
} from '../schedule/nondeterminism.ts';
import type { StrategySpec } from '../strategies/parse.ts';
import type { StrategyCoverage } from '../strategies/types.ts';
import type { ChunkFailure, ChunkScan, ChunkTask } from './chunk.ts';
import { locateChunkHang, scanChunk, shrinkChunkFailure } from './chunk.ts';
import { sumCoverage } from './coverage.ts';
import type { Finding } from './finding.ts';
import { ScheduleHangError } from './hang.ts';

/** A chunk that did not complete. */
export interface ChunkError {
  readonly chunk: number;
  /** 1-based schedule range of the chunk. */
  readonly firstSchedule: number;
  readonly lastSchedule: number;
  readonly error: string;
}

/** Runs chunk scans; a pool runs `concurrency` of them at once. */
export interface ChunkScanner {
  readonly concurrency: number;
  scan(task: ChunkTask): Promise<ChunkScan>;
  /**
   * Asks running scans to stop early (`--until-first` once something is found); each rejects with
   * an `Error` whose message is {@link SCAN_CANCELLED}.
   */
  cancel?(): void;
}

/**
 * The error of a scan stopped by `cancel()`. The scan did not fail: another one already answered
 * `--until-first`, as when one thread never starts the chunks after the failing one. A campaign
 * leaves these out of its errors.
 */
export const SCAN_CANCELLED = 'batch cancelled: another batch found a failure (--until-first)';

export interface CampaignOptions {
  readonly impl: Implementation;
  readonly strategy: StrategySpec;
  readonly seed: number;
  readonly maxSchedules: number;
  readonly timeBudgetMs: number;
  readonly untilFirst: boolean;
  readonly kinds: ChunkTask['kinds'];
  /** Schedules per chunk (default 500: tens of milliseconds of work, well above a thread round trip). */
  readonly chunkSchedules?: number;
  /** Only the chunks c with c mod count = index (a CI matrix or indexed-job slice). */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly scanner?: ChunkScanner;
  /** Milliseconds, for budgets and rates only. */
  readonly clock: () => number;
  readonly onProgress?: (progress: CampaignProgress) => void;
}

export interface CampaignProgress {
  readonly schedules: number;
  readonly plannedSchedules: number;
  /** Invariants broken so far, each once (one with `untilFirst`): the violations the summary will count. */
  readonly failures: number;
  readonly elapsedMs: number;
}

export interface CampaignResult {
  readonly impl: string;
  readonly strategy: string;
  readonly schedules: number;
  /** Schedules the campaign's slice held: 0 for a shard that owns no chunk. */
  readonly plannedSchedules: number;
  readonly scenarios: number;
  readonly chunks: number;
  readonly elapsedMs: number;
  readonly findings: readonly Finding[];
  readonly errors: readonly ChunkError[];
  /** The earliest failure per invariant, before shrinking (what shards merge on). */
  readonly failures: readonly (ChunkFailure & { readonly chunk: number })[];
  readonly maxTasks: number;
  readonly maxSteps: number;
  readonly status: string;
  /** What an exhausting strategy (DPOR) covered, over every chunk. */
  readonly coverage?: StrategyCoverage;
  /** Set when a failure did not replay: the implementation is not deterministic. */
  readonly nondeterminism?: NondeterminismDiagnosis;
}

export const DEFAULT_CHUNK_SCHEDULES = 500;

const withCoverage = (coverage: StrategyCoverage | undefined) => (coverage === undefined ? {} : { coverage });

/** The task of chunk `c` of a campaign. */
export function chunkTask(options: CampaignOptions, chunk: number): ChunkTask {
  const size = options.chunkSchedules ?? DEFAULT_CHUNK_SCHEDULES;
  const first = chunk * size;
  return {
    impl: options.impl.name,
    strategy: options.strategy,
    seed: options.seed,
    chunk,
    firstSchedule: first,
    schedules: Math.min(size, options.maxSchedules - first),
    untilFirst: options.untilFirst,
    kinds: options.kinds,
  };
}

const inProcess = (impl: Implementation): ChunkScanner => ({
  concurrency: 1,
  scan: (task) => scanChunk(task, impl),
});

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { clock } = options;
  const started = clock();
  const size = options.chunkSchedules ?? DEFAULT_CHUNK_SCHEDULES;
  const shard = options.shard ?? { index: 0, count: 1 };
  // Chunks are handed out lazily: an open-ended campaign (`npm start`) stops on time alone.
  let nextChunk = shard.index;
  const takeChunk = (): number | undefined => {
    if (nextChunk * size >= options.maxSchedules) return undefined;
    const chunk = nextChunk;
    nextChunk += shard.count;
    return chunk;
  };
  const totalChunks = Math.ceil(options.maxSchedules / size);
  const shardChunks = Math.max(0, Math.ceil((totalChunks - shard.index) / shard.count));
  const planned = Math.min(options.maxSchedules, shardChunks * size);
  const scanner = options.scanner ?? inProcess(options.impl);
  const scans: ChunkScan[] = [];
  const errors: ChunkError[] = [];
  /** Hang findings by schedule: a hang is not shrunk (every candidate that hangs costs a timeout). */
  const hangs = new Map<number, Finding>();
  let schedules = 0;
  const broken = new Set<string>();
  let stop = false;

  const worker = async () => {
    while (!stop) {
      if (clock() - started >= options.timeBudgetMs) {
        stop = true;
        break;
      }
      const chunk = takeChunk();
      if (chunk === undefined) break;
      const task = chunkTask(options, chunk);
      try {
        const scan = await scanner.scan(task);
        scans.push(scan);
        schedules += scan.schedules;
        for (const f of scan.failures) broken.add(f.invariant);
        if (options.untilFirst && scan.failures.length > 0) {
          stop = true;
          scanner.cancel?.();
        }
      } catch (error) {
        if (error instanceof ScheduleHangError) {
          // The worker ran every schedule of the chunk before the hang: re-run those here.
          const located = await locateChunkHang(task, options.impl, error.point);
          scans.push(located.scan);
          schedules += located.scan.schedules;
          for (const f of located.scan.failures) broken.add(f.invariant);
          if (located.finding !== undefined) {
            hangs.set(error.point.schedule, located.finding);
            broken.add('hang');
          }
          if (options.untilFirst) {
            stop = true;
            scanner.cancel?.();
          }
          const failures = options.untilFirst ? Math.min(broken.size, 1) : broken.size;
          options.onProgress?.({
            schedules,
            plannedSchedules: planned,
            failures,
            elapsedMs: clock() - started,
          });
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        if (message !== SCAN_CANCELLED) {
          errors.push({
            chunk: task.chunk,
            firstSchedule: task.firstSchedule + 1,
            lastSchedule: task.firstSchedule + task.schedules,
            error: message,
          });
        }
      }
      const failures = options.untilFirst ? Math.min(broken.size, 1) : broken.size;
      options.onProgress?.({ schedules, plannedSchedules: planned, failures, elapsedMs: clock() - started });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, scanner.concurrency) }, worker));

  // The earliest failure per invariant, in schedule order: the same whatever scanned the chunks.
  // Scans finish in any order on threads: walk them by chunk so ties resolve the same way.
  scans.sort((a, b) => a.chunk - b.chunk);
  const earliest = new Map<string, ChunkFailure & { chunk: number }>();
  for (const scan of scans) {
    for (const f of scan.failures) {
      const seen = earliest.get(f.invariant);
      if (seen === undefined || f.schedule < seen.schedule)
        earliest.set(f.invariant, { ...f, chunk: scan.chunk });
    }
  }
  const ordered = [...earliest.values()].sort((a, b) => a.schedule - b.schedule);
  const toShrink = options.untilFirst ? ordered.slice(0, 1) : ordered;
  const findings: Finding[] = [];
  let nondeterminism: NondeterminismDiagnosis | undefined;
  for (const failure of toShrink) {
    const hang = failure.invariant === 'hang' ? hangs.get(failure.schedule) : undefined;
    if (hang !== undefined) {
      findings.push(hang);
      continue;
    }
    try {
      findings.push(await shrinkChunkFailure(chunkTask(options, failure.chunk), options.impl, failure));
    } catch (error) {
      // The findings that replay are kept; the first that does not names the fault.
      if (!(error instanceof NondeterminismError)) throw error;
      nondeterminism ??= diagnoseNondeterminism(options.impl.name, failure.schedule, error);
    }
  }
  return {
    impl: options.impl.name,
    strategy: options.strategy.name,
    schedules,
    plannedSchedules: planned,
    scenarios: scans.reduce((n, s) => n + s.scenarios, 0),
    chunks: scans.length,
    elapsedMs: clock() - started,
    findings,
    errors: errors.sort((a, b) => a.chunk - b.chunk),
    failures: ordered,
    maxTasks: Math.max(0, ...scans.map((s) => s.maxTasks)),
    maxSteps: Math.max(0, ...scans.map((s) => s.maxSteps)),
    status: scans.at(-1)?.status ?? 'no chunk ran',
    ...withCoverage(sumCoverage(scans.map((s) => s.coverage))),
    ...(nondeterminism === undefined ? {} : { nondeterminism }),
  };
}

/**
 * A `ChunkScanner` backed by a piscina pool of worker threads: `runCampaign` keeps `threads`
 * batches in flight and shrinks on the main thread, so the pool only scans. Every batch runs
 * under its own abort signal, which serves three ends: a batch past its timeout is aborted (its
 * worker is terminated and replaced), `cancel()` aborts the running batches once `--until-first`
 * has its failure, and a worker that fails to load cannot leave a batch waiting forever.
 */
import { Piscina } from 'piscina';
import { type ChunkScanner, SCAN_CANCELLED } from '../explore/campaign.ts';
import type { ChunkScan, ChunkTask } from '../explore/chunk.ts';
import { RUNNING_FROM_SOURCE } from '../installation.ts';
import type { BatchResult } from './worker.ts';

/** Options of {@link createPoolScanner}. */
export interface PoolScannerOptions {
  /** Worker threads, all started up front and kept: a campaign keeps every one of them busy. */
  readonly threads: number;
  /** A batch still running after this many milliseconds is aborted and reported as timed out. */
  readonly batchTimeoutMs: number;
}

/** A pool-backed scanner; `close()` ends its threads. */
export interface PoolScanner extends ChunkScanner {
  close(): Promise<void>;
}

/**
 * A batch timeout for CLI campaigns: a 500-schedule chunk takes 0.1–1 s on this project's
 * implementations (the first on a thread more, while it loads and compiles), so a minute leaves
 * room for slow plugins and a throttled host while still ending a hang well before a CI job's own
 * timeout.
 */
export const DEFAULT_BATCH_TIMEOUT_MS = 60_000;

// Compiled, the workers run dist's JavaScript and load tsx only for a TypeScript plugin (see
// resolveImplementation). From the sources (tests), they load TypeScript as their parent does;
// loadTypeScript.mjs says why not `--import tsx`.
const WORKER_FILE = new URL(RUNNING_FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url).href;
const WORKER_EXEC_ARGV = RUNNING_FROM_SOURCE
  ? ['--import', new URL('./loadTypeScript.mjs', import.meta.url).href]
  : [];

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Starts a pool of `threads` workers that scan campaign chunks. Every failure of a batch (thrown
 * in the worker, the worker dying, a timeout) rejects `scan` with a plain `Error` whose message
 * says what happened; `runCampaign` records it with the chunk's schedule range and goes on.
 */
export function createPoolScanner(options: PoolScannerOptions): PoolScanner {
  const { threads, batchTimeoutMs } = options;
  const pool = new Piscina<ChunkTask, BatchResult>({
    filename: WORKER_FILE,
    // A fixed size: more threads than cores was measured slower, and a thread started on demand
    // would pay its module loading in the middle of a campaign.
    minThreads: threads,
    maxThreads: threads,
    execArgv: WORKER_EXEC_ARGV,
  });
  // Errors outside any task (a worker that cannot load its file) are emitted here; without a
  // listener they would crash the process. The batch they strand ends at its timeout, and the
  // timeout message carries this error.
  let workerError: string | undefined;
  pool.on('error', (error: unknown) => {
    workerError = message(error);
  });
  const running = new Set<AbortController>();

  const scan = async (task: ChunkTask): Promise<ChunkScan> => {
    const controller = new AbortController();
    running.add(controller);
    const timer = setTimeout(() => {
      const cause = workerError === undefined ? '' : ` (worker error: ${workerError})`;
      controller.abort(new Error(`batch timed out after ${batchTimeoutMs} ms${cause}`));
    }, batchTimeoutMs);
    let result: BatchResult;
    try {
      result = await pool.run(task, { signal: controller.signal });
    } catch (error) {
      // piscina rejects an aborted task with its own AbortError; the reason we gave is the story.
      throw new Error(controller.signal.aborted ? message(controller.signal.reason) : message(error));
    } finally {
      clearTimeout(timer);
      running.delete(controller);
    }
    if (!result.ok) throw new Error(result.error);
    return result.scan;
  };

  return {
    concurrency: threads,
    scan,
    cancel() {
      for (const controller of running) controller.abort(new Error(SCAN_CANCELLED));
    },
    close: () => pool.destroy(),
  };
}

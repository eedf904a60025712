/**
 * Runs jobs on a piscina pool of worker threads and watches each through its heartbeat: a
 * schedule still running after the schedule timeout is a hang, so the job is aborted (piscina
 * terminates its worker and starts another) and rejects with a {@link ScheduleHangError} saying
 * where the run was. Only another thread can stop a spinning one, which is why implementations
 * that may hang run here. A job that never starts a schedule (a worker that cannot load) ends
 * at the batch timeout, and `cancel()` aborts every running job.
 */
import { Piscina } from 'piscina';
import { ScheduleHangError } from '../explore/hang.ts';
import { RUNNING_FROM_SOURCE } from '../installation.ts';
import { createHeartbeat, readHeartbeat } from './heartbeat.ts';
import type { BatchResult, Job, JobValue } from './worker.ts';

/** Options of {@link createSupervisor}. */
export interface SupervisorOptions {
  /** Worker threads, all started up front and kept: a campaign keeps every one of them busy. */
  readonly threads: number;
  /** A schedule still running after this many milliseconds is a hang. */
  readonly scheduleTimeoutMs: number;
  /** A job that has not started a schedule after this many milliseconds is aborted as timed out. */
  readonly batchTimeoutMs: number;
}

/** A job without its heartbeat, which the supervisor supplies. */
export type JobRequest = Job extends infer J ? (J extends Job ? Omit<J, 'heartbeat'> : never) : never;

export interface Supervisor {
  readonly threads: number;
  /** Runs `job`; rejects with a plain `Error` saying what happened, or a `ScheduleHangError`. */
  run(job: JobRequest, signal?: AbortSignal): Promise<JobValue>;
  close(): Promise<void>;
}

/**
 * A batch timeout for CLI runs: a 500-schedule chunk takes 0.1–1 s on this project's
 * implementations, but the first job on a thread waits for it to load and compile (0.5–3 s here,
 * more on a throttled host), so a minute leaves room while still ending a worker that cannot load
 * well before a CI job's own timeout.
 */
export const DEFAULT_BATCH_TIMEOUT_MS = 60_000;

/**
 * How long one schedule may run before it is a hang (`--schedule-timeout`): a schedule of this
 * project's implementations takes well under a millisecond and a slow plugin's a few, so ten
 * seconds is never a slow schedule, only a stuck one.
 */
export const DEFAULT_SCHEDULE_TIMEOUT_MS = 10_000;

// Compiled, the workers run dist's JavaScript and load tsx only for a TypeScript plugin (see
// resolveImplementation). From the sources (tests), they load TypeScript as their parent does;
// loadTypeScript.mjs says why not `--import tsx`.
const WORKER_FILE = new URL(RUNNING_FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url).href;
const WORKER_EXEC_ARGV = RUNNING_FROM_SOURCE
  ? ['--import', new URL('./loadTypeScript.mjs', import.meta.url).href]
  : [];

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createSupervisor(options: SupervisorOptions): Supervisor {
  const { threads, scheduleTimeoutMs, batchTimeoutMs } = options;
  const pool = new Piscina<Job, BatchResult>({
    filename: WORKER_FILE,
    // A fixed size: more threads than cores was measured slower, and a thread started on demand
    // would pay its module loading in the middle of a campaign.
    minThreads: threads,
    maxThreads: threads,
    execArgv: WORKER_EXEC_ARGV,
  });
  // Errors outside any job (a worker that cannot load its file) are emitted here; without a
  // listener they would crash the process. The job they strand ends at the batch timeout, and
  // the timeout message carries this error.
  let workerError: string | undefined;
  pool.on('error', (error: unknown) => {
    workerError = message(error);
  });
  // Polled often enough to stop a hang soon after its timeout, rarely enough to cost nothing.
  const pollMs = Math.min(Math.max(Math.floor(scheduleTimeoutMs / 5), 10), 1_000);

  const run = async (request: JobRequest, signal?: AbortSignal): Promise<JobValue> => {
    const heartbeat = createHeartbeat();
    const controller = new AbortController();
    const onCancel = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onCancel);
    const started = performance.now();
    let runs = 0;
    let since = started;
    const watchdog = setInterval(() => {
      const now = performance.now();
      const beat = readHeartbeat(heartbeat);
      if (beat.runs !== runs) {
        runs = beat.runs;
        since = now;
      } else if (runs === 0 && now - started > batchTimeoutMs) {
        const cause = workerError === undefined ? '' : ` (worker error: ${workerError})`;
        controller.abort(new Error(`batch timed out after ${batchTimeoutMs} ms${cause}`));
      } else if (runs > 0 && now - since > scheduleTimeoutMs) {
        controller.abort(
          new ScheduleHangError({
            schedule: beat.schedule,
            stage: beat.stage,
            steps: beat.steps,
            task: beat.task,
            timeoutMs: scheduleTimeoutMs,
          }),
        );
      }
    }, pollMs);
    let result: BatchResult;
    try {
      result = await pool.run({ ...request, heartbeat } as Job, { signal: controller.signal });
    } catch (error) {
      // piscina rejects an aborted job with its own AbortError; the reason we gave is the story.
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      throw reason instanceof ScheduleHangError ? reason : new Error(message(reason));
    } finally {
      clearInterval(watchdog);
      signal?.removeEventListener('abort', onCancel);
    }
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };

  return { threads, run, close: () => pool.destroy() };
}

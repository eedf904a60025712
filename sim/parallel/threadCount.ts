/**
 * How many threads a `regsim fuzz` campaign scans on. Each worker thread starts cold (it loads
 * and compiles the scanning code on its own) and the main thread, which then scans nothing,
 * shrinks the findings with its code still cold; threads only pay off once there is enough work
 * per thread to amortise that. So by default a short campaign runs on this thread, a long one
 * on every core. An explicit `--threads` is honoured up to the number of chunks (a thread without
 * a chunk would only cost its start-up), with a warning above the core count.
 */

/** What the choice depends on. */
export interface ThreadCountInput {
  /** `--threads`, or undefined when it was not given. */
  readonly requested: number | undefined;
  /** Chunks this run scans (its shard's share of the campaign). */
  readonly chunks: number;
  /** The machine's available parallelism. */
  readonly cores: number;
  /** `--scenario`: one scenario is explored on this thread, whatever `--threads` says. */
  readonly fixedScenario: boolean;
}

/** The thread count, and a warning for stderr when the request looks like a mistake. */
export interface ThreadCount {
  readonly threads: number;
  readonly warning?: string;
}

/**
 * Chunks (of 500 schedules) a default campaign needs before it uses a pool of worker threads:
 * 100, i.e. 50,000 schedules. Each extra thread costs about 2 s of CPU to warm up, whatever the
 * campaign's size (docs/PERFORMANCE.md, "Thread count"); from here on that is under a fifth of
 * the work it shares, so a free core gains clearly, and below it the pool is a gamble on the
 * load (on a busy host 2 threads were slower at every size measured).
 */
export const DEFAULT_POOL_MIN_CHUNKS = 100;

/** The thread count for a run; see the file comment for the rules. */
export function chooseThreadCount(input: ThreadCountInput): ThreadCount {
  const { requested, chunks, cores, fixedScenario } = input;
  if (fixedScenario) return { threads: 1 };
  const work = Math.max(1, chunks);
  if (requested === undefined) {
    return { threads: chunks >= DEFAULT_POOL_MIN_CHUNKS ? Math.min(cores, work) : 1 };
  }
  const threads = Math.min(requested, work);
  if (requested <= cores) return { threads };
  return {
    threads,
    warning: `--threads ${requested} is more than the ${cores} core(s) here: threads beyond the cores only add start-up time${threads < requested ? ` (running ${threads}, one per chunk)` : ''}`,
  };
}

/**
 * A terminal progress bar for `regsim verify` (cli-progress): scenarios done of the bound's,
 * traces so far and time left. Shown only on a terminal and not with `--json`.
 */
import { SingleBar } from 'cli-progress';
import type { VerifyProgress } from '../verify/verify.ts';

export interface VerifyProgressBar {
  update(progress: VerifyProgress): void;
  /** Draws the final state and moves to the next line. */
  stop(): void;
}

/** Seconds as `42s` or `3m 05s`. */
function formatSeconds(seconds: number): string {
  const total = Math.ceil(seconds);
  if (total < 60) return `${total}s`;
  return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
}

/** A bar for verifying `label` over `total` scenarios. */
export function createVerifyProgressBar(
  label: string,
  total: number,
  stream: NodeJS.WritableStream = process.stderr,
): VerifyProgressBar {
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} scenarios | {traces} traces | {left} left`,
    barsize: 24,
  });
  bar.start(total, 0, { traces: 0, left: '?' });
  return {
    update(p) {
      const perScenario = p.elapsedMs / Math.max(p.scenarios, 1);
      bar.update(p.scenarios, {
        traces: p.traces,
        left: formatSeconds(((total - p.scenarios) * perScenario) / 1000),
      });
    },
    stop: () => bar.stop(),
  };
}

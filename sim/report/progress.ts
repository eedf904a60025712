/**
 * A terminal progress bar for a campaign (cli-progress): schedules done of planned, rate,
 * violations so far and time left. The caller shows it only on a terminal and not with
 * `--json`; cli-progress itself also draws nothing on a stream that is not a TTY.
 */
import { SingleBar } from 'cli-progress';
import type { CampaignProgress } from '../explore/campaign.ts';

/** What the bar shows besides the bar itself, as text. */
export interface ProgressFields {
  /** Schedules per second so far. */
  readonly rate: string;
  readonly violations: string;
  /** Until the planned schedules are done or the time budget ends, whichever comes first. */
  readonly left: string;
}

/** Milliseconds as `42s` or `3m 05s`. */
function formatDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  if (total < 60) return `${total}s`;
  return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
}

/**
 * The bar's fields for one progress report. cli-progress's own ETA only extrapolates the
 * schedule count, but a campaign also stops at its time budget, so the time left is the
 * earlier of the two.
 */
export function progressFields(progress: CampaignProgress, budgetMs: number): ProgressFields {
  const perMs = progress.schedules / Math.max(progress.elapsedMs, 1);
  const budgetLeft = Math.max(0, budgetMs - progress.elapsedMs);
  const schedulesLeft = progress.plannedSchedules - progress.schedules;
  const left = perMs > 0 ? Math.min(schedulesLeft / perMs, budgetLeft) : budgetLeft;
  return {
    rate: `${Math.round(perMs * 1000)}/s`,
    violations: `${progress.failures} violation${progress.failures === 1 ? '' : 's'}`,
    left: formatDuration(left),
  };
}

/** A campaign's bar: fed with progress reports, stopped when the campaign ends. */
export interface CampaignProgressBar {
  update(progress: CampaignProgress): void;
  /** Draws the final state and moves to the next line. */
  stop(): void;
}

/** A bar for the campaign on `label` (an implementation name) with the given time budget. */
export function createProgressBar(
  label: string,
  budgetMs: number,
  stream: NodeJS.WritableStream = process.stderr,
): CampaignProgressBar {
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} schedules | {rate} | {violations} | {left} left`,
    barsize: 24,
  });
  let started = false;
  return {
    update(progress) {
      const fields = progressFields(progress, budgetMs);
      if (!started) {
        bar.start(progress.plannedSchedules, progress.schedules, fields);
        started = true;
      } else {
        bar.setTotal(progress.plannedSchedules);
        bar.update(progress.schedules, fields);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** `--schedule-timeout`, which `fuzz` and `replay` share: how long one schedule may run. */
import { DEFAULT_SCHEDULE_TIMEOUT_MS } from '../parallel/supervisor.ts';
import { parseDuration } from './duration.ts';

/** Milliseconds above zero (the default when `text` is undefined), or the usage error. */
export function readScheduleTimeout(
  text: string | undefined,
): { ok: true; ms: number } | { ok: false; error: string } {
  if (text === undefined) return { ok: true, ms: DEFAULT_SCHEDULE_TIMEOUT_MS };
  const ms = parseDuration(text);
  if (ms === undefined || !(ms > 0))
    return {
      ok: false,
      error: `--schedule-timeout expects a duration above zero like 10s or 500ms, got "${text}"`,
    };
  return { ok: true, ms };
}

/**
 * Which implementation a replay runs on: the one `--impl` names, else the token's. A token is
 * data anyone can craft, so it never loads code by itself: a token naming a plugin module is
 * replayed only when `--impl` names a module (or a built-in) on the command line.
 */
import { isPluginPath } from '../plugins/resolveImplementation.ts';

export type ReplayImplementation =
  | { readonly ok: true; readonly ref: string }
  | { readonly ok: false; readonly error: string };

/** The implementation reference to resolve, or why there is none to trust. */
export function replayImplementation(
  implFlag: string | undefined,
  tokenImpl: string | undefined,
): ReplayImplementation {
  if (implFlag !== undefined) return { ok: true, ref: implFlag };
  if (tokenImpl === undefined) return { ok: false, error: '--impl <name> is required' };
  if (isPluginPath(tokenImpl)) {
    return {
      ok: false,
      error: `the token names the plugin module ${tokenImpl}, and a token never loads code by itself: add --impl ${tokenImpl} to run it`,
    };
  }
  return { ok: true, ref: tokenImpl };
}

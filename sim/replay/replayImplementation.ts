/**
 * Which implementation a replay runs on: the one asked for, else the token's. A token is data
 * anyone can craft, so it never loads code by itself: a token naming a plugin module is replayed
 * only when the caller names a module (or a built-in) explicitly (`--impl`, or `impl:`).
 */
import { isPluginPath } from '../plugins/resolveImplementation.ts';

export type ReplayImplementation =
  | { readonly ok: true; readonly ref: string }
  /** Nothing names an implementation (a scenario file replayed without one). */
  | { readonly ok: false; readonly reason: 'missing' }
  /** The token names this plugin module, which only an explicit choice may load. */
  | { readonly ok: false; readonly reason: 'plugin-token'; readonly module: string };

/** The implementation reference to resolve, or why there is none to trust. */
export function replayImplementation(
  asked: string | undefined,
  tokenImpl: string | undefined,
): ReplayImplementation {
  if (asked !== undefined) return { ok: true, ref: asked };
  if (tokenImpl === undefined) return { ok: false, reason: 'missing' };
  if (isPluginPath(tokenImpl)) return { ok: false, reason: 'plugin-token', module: tokenImpl };
  return { ok: true, ref: tokenImpl };
}

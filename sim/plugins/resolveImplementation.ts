/**
 * Finds an implementation by name (`r0`, `actor`, …) or loads a user's registry module given as a
 * path (`./my-registry.ts`): a module whose default export, or export named `implementation`, is
 * a regsim `Implementation` written against the public API (`src/index.ts`). A loaded plugin is
 * named by its path, so its replay tokens say which module to pass to `--impl` again.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findImplementation, IMPLEMENTATIONS } from '../../src/catalog.ts';
import { OPERATION_KINDS } from '../../src/spec/operations.ts';
import type { Implementation } from '../../src/types.ts';
import { enableTypeScriptImports, isTypeScriptModule } from './typeScriptLoader.ts';

export type ResolveResult =
  | { readonly ok: true; readonly impl: Implementation }
  | { readonly ok: false; readonly error: string };

/** Whether `ref` names a module file rather than a built-in implementation. */
export function isPluginPath(ref: string): boolean {
  return ref.includes('/') || /\.(ts|js|mjs|mts)$/.test(ref);
}

/** Why `value` is not an `Implementation`, or undefined when it is one. */
function notAnImplementation(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'no default export or `implementation` export';
  const v = value as Partial<Record<keyof Implementation, unknown>>;
  if (typeof v.create !== 'function') return 'its implementation has no create(runtime) function';
  if (v.api !== 'upsert' && v.api !== 'split') return 'its implementation\'s api must be "upsert" or "split"';
  if (!(v.operations instanceof Set) || v.operations.size === 0)
    return "its implementation's operations must be a non-empty Set";
  const unknown = [...v.operations].find((k) => !(OPERATION_KINDS as ReadonlySet<string>).has(String(k)));
  if (unknown !== undefined) return `its implementation lists an unknown operation "${String(unknown)}"`;
  return undefined;
}

export async function resolveImplementation(ref: string): Promise<ResolveResult> {
  const builtIn = findImplementation(ref);
  if (builtIn !== undefined) return { ok: true, impl: builtIn };
  if (!isPluginPath(ref)) {
    return {
      ok: false,
      error: `unknown implementation "${ref}" (known: ${IMPLEMENTATIONS.map((i) => i.name).join(', ')}, or a module path)`,
    };
  }
  let module: Record<string, unknown>;
  try {
    if (isTypeScriptModule(ref)) await enableTypeScriptImports();
    module = (await import(pathToFileURL(resolve(ref)).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `cannot load plugin ${ref}: ${message}` };
  }
  const candidate = module.default ?? module.implementation;
  const problem = notAnImplementation(candidate);
  if (problem !== undefined) return { ok: false, error: `${ref} is not a regsim implementation: ${problem}` };
  const impl = candidate as Implementation;
  const label = typeof impl.name === 'string' ? impl.name : ref;
  return {
    ok: true,
    impl: { ...impl, name: ref, description: `plugin ${label}: ${String(impl.description ?? '')}` },
  };
}

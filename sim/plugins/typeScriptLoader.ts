/**
 * Lets compiled regsim import a user's TypeScript plugin (`--impl ./my-registry.ts`): tsx's
 * loader is registered on this thread the first time a TypeScript module is asked for. Run from
 * its sources, regsim needs nothing here (whatever runs the sources already loads TypeScript),
 * and JavaScript plugins never load tsx at all.
 */
import { RUNNING_FROM_SOURCE } from '../installation.ts';

/** Whether `path` names a TypeScript module. */
export function isTypeScriptModule(path: string): boolean {
  return /\.[cm]?ts$/.test(path);
}

let registration: Promise<void> | undefined;

/** Makes this thread able to import TypeScript modules; registers tsx at most once. */
export function enableTypeScriptImports(): Promise<void> {
  if (RUNNING_FROM_SOURCE) return Promise.resolve();
  registration ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return registration;
}

/**
 * A small flag parser shared by the commands: `--flag value`, `--flag=value` and boolean flags,
 * with unknown flags and missing values reported as usage errors (values, not exceptions). An
 * unknown flag's error names the known one it most likely meant.
 */
import { closestName } from './closestName.ts';

export interface FlagSpec {
  /** Flags that take a value. */
  readonly values: readonly string[];
  /** Flags that stand alone. */
  readonly booleans: readonly string[];
}

export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
  readonly positional: readonly string[];
}

export type ArgsResult =
  | { readonly ok: true; readonly args: ParsedArgs }
  | { readonly ok: false; readonly error: string };

export function parseArgs(argv: readonly string[], spec: FlagSpec): ArgsResult {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.booleans.includes(name)) {
      if (eq >= 0) return { ok: false, error: `--${name} takes no value` };
      switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') return { ok: false, error: `--${name} needs a value` };
      flags.set(name, value);
    } else {
      const meant = closestName(name, [...spec.values, ...spec.booleans]);
      return {
        ok: false,
        error: `unknown flag --${name}${meant === undefined ? '' : `; did you mean --${meant}?`}`,
      };
    }
  }
  return { ok: true, args: { flags, switches, positional } };
}

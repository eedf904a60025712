/**
 * `regsim verify`'s defaults, shared by the command, its help and the API. The default bound (2
 * or 3 tasks of one write each over `small`: 1,716 scenarios for the actor registry) runs in
 * 7 s on one core for `actor` (about 20 s on a loaded one); two writes per task multiply the scenarios by about 40
 * (docs in README's "Bounded verification").
 */
export const VERIFY_DEFAULTS = {
  universe: 'small',
  tasks: { min: 2, max: 3 },
  ops: { min: 1, max: 1 },
  maxTraces: 100_000,
} as const;

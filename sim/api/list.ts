/** `list()`: what `regsim list --json` prints: implementations, invariants and shipped scenarios. */
import { IMPLEMENTATIONS } from '../../src/catalog.ts';
import { STRUCTURAL_INVARIANTS } from '../../src/invariants/index.ts';
import { RUN_INVARIANTS } from '../checks/runInvariants.ts';
import { listScenarioFiles } from '../scenario/catalog.ts';

export interface ListResult {
  readonly implementations: readonly { name: string; api: string; description: string }[];
  readonly invariants: readonly { id: string; spec: string }[];
  /** Paths of the shipped scenario files. */
  readonly scenarios: readonly string[];
}

export function list(): ListResult {
  return {
    implementations: IMPLEMENTATIONS.map((i) => ({ name: i.name, api: i.api, description: i.description })),
    invariants: [
      ...STRUCTURAL_INVARIANTS.map((i) => ({ id: i.id, spec: i.spec })),
      ...Object.entries(RUN_INVARIANTS).map(([id, spec]) => ({ id, spec })),
    ],
    scenarios: listScenarioFiles(),
  };
}

/** Invariant ids (stable: reports, JSON and tokens use them) and the violation record. */

/** Structural invariants of spec §5, checked on a snapshot at quiescence. */
export type StructuralInvariantId =
  | 'url-unique'
  | 'url-map'
  | 'model-index'
  | 'hash-ring'
  | 'type-index'
  | 'conn-index'
  | 'no-leak';

/** Every invariant the simulator reports. */
export type InvariantId =
  | StructuralInvariantId
  | 'event-order'
  | 'linearizable'
  | 'final-state'
  | 'deadlock'
  | 'step-limit'
  | 'crash'
  | 'hang';

export interface Violation {
  readonly invariant: InvariantId;
  /** One readable line naming the URL, id or model that is wrong and how. */
  readonly message: string;
}

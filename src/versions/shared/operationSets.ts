/** Which operations each API generation offers. */
import { type OperationKind, READ_KINDS } from '../../spec/operations.ts';

/** PRE and V756: `register` is the upsert; scenarios' `registerOrReplace` maps onto it. */
export const UPSERT_API_OPERATIONS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  'register',
  'registerOrReplace',
  'remove',
  'removeByUrl',
  'reserve',
  ...READ_KINDS,
]);

/** R0 onwards: create-only `register`, `replace`, `registerOrReplace`. */
export const SPLIT_API_OPERATIONS: ReadonlySet<OperationKind> = new Set<OperationKind>([
  ...UPSERT_API_OPERATIONS,
  'replace',
]);

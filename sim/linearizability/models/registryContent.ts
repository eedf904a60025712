/**
 * Content hashing and equality of the registry's operations, results and specification states,
 * without building strings: the verdict cache of the `linearizable` check and the registry
 * model's memo of specification steps compare histories and states by what they contain (every
 * declared `Worker` field), not by object identity, because every run builds fresh objects.
 */
import type { Worker } from '../../../src/domain/worker.ts';
import type { Operation, OpResult } from '../../../src/spec/operations.ts';
import type { SpecState } from '../../../src/spec/sequentialSpec.ts';

/** FNV-1a of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Combines a running hash with one more value (order matters). */
export function mix(h: number, x: number): number {
  const z = Math.imul(h ^ Math.imul(x, 0x9e3779b1), 0x85ebca6b);
  return z ^ (z >>> 13);
}

/**
 * A hash consistent with {@link sameWorker}. Generated scenarios reuse labels and URLs with other
 * models, types and modes, so those count too; a type and a mode differ in their first letter.
 */
export function hashWorker(w: Worker): number {
  let h = mix(hashString(w.label), hashString(w.url));
  for (const model of w.models) h = mix(h, hashString(model));
  return mix(h, (w.type.charCodeAt(0) << 8) ^ w.mode.charCodeAt(0) ^ (w.priority << 16) ^ w.cost);
}

/** Equality of every declared field (what `JSON.stringify` of a worker shows, labels in order). */
export function sameWorker(a: Worker, b: Worker): boolean {
  if (a === b) return true;
  if (
    a.label !== b.label ||
    a.url !== b.url ||
    a.type !== b.type ||
    a.mode !== b.mode ||
    a.priority !== b.priority ||
    a.cost !== b.cost ||
    a.models.length !== b.models.length
  ) {
    return false;
  }
  for (let i = 0; i < a.models.length; i++) if (a.models[i] !== b.models[i]) return false;
  return sameLabels(a.labels, b.labels);
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  // Mostly two distinct empty objects (a worker without labels gets its own `{}`).
  if (a === b || (isEmpty(a) && isEmpty(b))) return true;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i]!;
    if (key !== keysB[i] || a[key] !== b[key]) return false;
  }
  return true;
}

/** Whether `o` has no own enumerable key (as `Object.keys(o).length === 0`, without the array). */
function isEmpty(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return false;
  return true;
}

/** A hash consistent with {@link sameOperation}. */
export function hashOperation(op: Operation): number {
  // The kinds differ in length or in their third letter: cheaper than hashing the whole name.
  const h = Math.imul(op.kind.length, 0x9e3779b1) ^ op.kind.charCodeAt(2);
  switch (op.kind) {
    case 'register':
    case 'registerOrReplace':
      return mix(h, hashWorker(op.worker));
    case 'replace':
      return mix(mix(h, hashString(op.id)), hashWorker(op.worker));
    case 'remove':
    case 'get':
      return mix(h, hashString(op.id));
    case 'removeByUrl':
    case 'reserve':
    case 'releaseReservation':
    case 'getByUrl':
      return mix(h, hashString(op.url));
    case 'getByModel':
      return mix(h, hashString(op.model));
    case 'getByType':
      return mix(h, hashString(op.type));
    case 'getByConnection':
      return mix(h, hashString(op.mode));
    case 'ringLookup':
      return mix(mix(h, hashString(op.model)), hashString(op.key));
  }
}

/** Equality of kind and every argument (workers by content). */
export function sameOperation(a: Operation, b: Operation): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'register':
    case 'registerOrReplace':
      return b.kind === a.kind && sameWorker(a.worker, b.worker);
    case 'replace':
      return b.kind === 'replace' && a.id === b.id && sameWorker(a.worker, b.worker);
    case 'remove':
    case 'get':
      return b.kind === a.kind && a.id === b.id;
    case 'removeByUrl':
    case 'reserve':
    case 'releaseReservation':
    case 'getByUrl':
      return b.kind === a.kind && a.url === b.url;
    case 'getByModel':
      return b.kind === 'getByModel' && a.model === b.model;
    case 'getByType':
      return b.kind === 'getByType' && a.type === b.type;
    case 'getByConnection':
      return b.kind === 'getByConnection' && a.mode === b.mode;
    case 'ringLookup':
      return b.kind === 'ringLookup' && a.model === b.model && a.key === b.key;
  }
}

/** A hash consistent with {@link sameOutput}; `undefined` is an unknown result. */
export function hashOutput(result: OpResult | undefined): number {
  if (result === undefined) return 0x2f3a5c71;
  if (result === null) return 0x1b873593;
  if (result === true) return 0x3c6ef372;
  if (result === false) return 0x5be0cd19;
  if (typeof result === 'string') return hashString(result);
  let h = 0x6a09e667;
  for (const x of result as readonly string[]) h = mix(h, hashString(x));
  return h;
}

/** Equality of results (arrays element-wise); `undefined` (unknown) equals only itself. */
export function sameOutput(a: OpResult | undefined, b: OpResult | undefined): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A hash of a specification state consistent with {@link sameSpecContent}: sums of entry hashes,
 * so map order does not matter. Workers count by label only: cheap for the search's cache, where
 * states rarely differ in anything else.
 */
export function hashSpecState(s: SpecState): number {
  let h = 0;
  for (const [id, w] of s.workers) h += mix(hashString(id), hashString(w.label));
  for (const [url, id] of s.urlToId) h += mix(hashString(url), hashString(id) ^ 0x5bd1e995);
  for (const id of s.usedIds) h += hashString(id);
  return h | 0;
}

/** {@link hashSpecState} with every worker field: for tables that hold states of many scenarios. */
export function hashSpecContent(s: SpecState): number {
  let h = hashSpecState(s);
  for (const w of s.workers.values()) h = (h + hashWorker(w)) | 0;
  return h;
}

/**
 * Equal workers (by content), URL map and used ids. With `ordered`, the used ids must also have
 * been handed out in the same order (the order in which the model tries placeholders).
 */
export function sameSpecContent(a: SpecState, b: SpecState, ordered: boolean): boolean {
  if (a === b) return true;
  if (
    a.workers.size !== b.workers.size ||
    a.urlToId.size !== b.urlToId.size ||
    a.usedIds.size !== b.usedIds.size
  ) {
    return false;
  }
  for (const [id, w] of a.workers) {
    const other = b.workers.get(id);
    if (other === undefined || !sameWorker(w, other)) return false;
  }
  for (const [url, id] of a.urlToId) if (b.urlToId.get(url) !== id) return false;
  if (ordered) {
    const idsB = b.usedIds.values();
    for (const id of a.usedIds) if (idsB.next().value !== id) return false;
  } else {
    for (const id of a.usedIds) if (!b.usedIds.has(id)) return false;
  }
  return true;
}

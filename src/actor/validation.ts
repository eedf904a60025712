/**
 * Input validation: a refused input is answered `Invalid` with every cause at once, before any
 * actor is touched, so nothing is stored and no event is emitted. Values are checked at run time
 * because callers reach the registry from untyped JSON (REST bodies, scenario files).
 */
import { CONNECTION_MODES, WORKER_TYPES, type Worker } from '../domain/worker.ts';
import type { InvalidCause } from './results.ts';

/** Longer URLs are refused: nothing legitimate needs them, and they bloat every index key. */
const MAX_URL_LENGTH = 2048;
/** `scheme://` prefix: when present the URL must parse as one. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** Whitespace and control characters, which no URL or model id may contain. */
const FORBIDDEN = /[\s\p{Cc}]/u;
const U32_MAX = 0xffff_ffff;

/**
 * Strings found valid, as URLs and as model ids. Validity depends on the string alone, and the
 * checks (regular expressions, a URL parse) cost a command more than its table lookups and commit
 * together, so each string is checked once. Bounded like the vnode cache: a process that sees ever
 * new strings cannot grow them without limit.
 */
const validUrls = new Set<string>();
const validModelIds = new Set<string>();
const VALID_STRINGS_LIMIT = 65_536;

function remember(valid: Set<string>, value: string): void {
  if (valid.size >= VALID_STRINGS_LIMIT) valid.clear();
  valid.add(value);
}

function isValidModelId(model: unknown): boolean {
  if (typeof model !== 'string') return false;
  if (validModelIds.has(model)) return true;
  if (model.length === 0 || FORBIDDEN.test(model)) return false;
  remember(validModelIds, model);
  return true;
}

/**
 * A URL is a non-empty string without whitespace or control characters; one with a scheme must
 * parse as a URL. Bare `host:port` keys (and scenario names like `U1`) are accepted, as SMG
 * accepted them before #1532.
 */
export function validateUrl(url: unknown): InvalidCause[] {
  if (typeof url === 'string' && validUrls.has(url)) return [];
  if (typeof url !== 'string' || url.length === 0) {
    return [{ field: 'url', code: 'empty', message: 'the URL is empty' }];
  }
  if (url.length > MAX_URL_LENGTH) {
    return [
      { field: 'url', code: 'too-long', message: `the URL is longer than ${MAX_URL_LENGTH} characters` },
    ];
  }
  if (FORBIDDEN.test(url)) {
    return [
      { field: 'url', code: 'malformed', message: 'the URL contains whitespace or control characters' },
    ];
  }
  if (url.startsWith('://') || (SCHEME.test(url) && !URL.canParse(url))) {
    return [{ field: 'url', code: 'malformed', message: `${url} does not parse as a URL` }];
  }
  remember(validUrls, url);
  return [];
}

/** Every reason `worker` cannot be stored (empty when it can). */
export function validateWorker(worker: Worker): InvalidCause[] {
  const causes = validateUrl(worker.url);
  const models: readonly unknown[] = Array.isArray(worker.models) ? worker.models : [];
  if (!Array.isArray(worker.models)) {
    causes.push({ field: 'models', code: 'not-a-list', message: 'models must be a list of model ids' });
  }
  // One model (the usual case) cannot be listed twice.
  const seen = models.length > 1 ? new Set<unknown>() : undefined;
  for (const model of models) {
    if (!isValidModelId(model)) {
      causes.push({
        field: 'models',
        code: 'malformed',
        message: `model id ${JSON.stringify(model)} is malformed`,
      });
    } else if (seen?.has(model)) {
      causes.push({ field: 'models', code: 'duplicate', message: `model ${model} is listed more than once` });
    }
    seen?.add(model);
  }
  if (!(WORKER_TYPES as readonly unknown[]).includes(worker.type)) {
    causes.push({ field: 'type', code: 'unknown', message: `unknown worker type ${String(worker.type)}` });
  }
  if (!(CONNECTION_MODES as readonly unknown[]).includes(worker.mode)) {
    causes.push({
      field: 'mode',
      code: 'unknown',
      message: `unknown connection mode ${String(worker.mode)}`,
    });
  }
  if (typeof worker.cost !== 'number' || !Number.isFinite(worker.cost)) {
    causes.push({
      field: 'cost',
      code: 'non-finite',
      message: `cost ${String(worker.cost)} is not a finite number`,
    });
  }
  if (!Number.isInteger(worker.priority) || worker.priority < 0 || worker.priority > U32_MAX) {
    causes.push({
      field: 'priority',
      code: 'out-of-range',
      message: `priority ${String(worker.priority)} is not a u32`,
    });
  }
  return causes;
}

/** A revision argument (`expectedModRevision`, `fromRevision`) must be a positive integer. */
export function validateRevision(
  field: 'expectedModRevision' | 'fromRevision',
  value: unknown,
): InvalidCause[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return [];
  return [
    { field, code: 'not-a-revision', message: `${String(value)} is not a revision (a positive integer)` },
  ];
}

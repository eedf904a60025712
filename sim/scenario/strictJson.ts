/**
 * JSON text read strictly, for hand-written files: a duplicate key is an error (`JSON.parse`
 * keeps the last one, silently dropping a worker or a task list), and every error names its
 * line and column in one line (`JSON.parse`'s messages quote the text, newlines and all).
 */

export type StrictJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string };

/** Deeper than any scenario; recursion this deep is what the limit is for. */
const MAX_DEPTH = 256;

const WHITESPACE = /[ \t\n\r]*/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a JSON string may not hold a raw control character.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

class JsonError extends Error {
  constructor(
    readonly offset: number,
    readonly kind: 'malformed JSON' | 'duplicate key',
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Parses `text` as one JSON value, rejecting duplicate object keys. */
export function parseStrictJson(text: string): StrictJsonResult {
  let at = 0;
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const expected = (what: string): never => {
    throw new JsonError(at, 'malformed JSON', `expected ${what}, found ${describeCharacter(text, at)}`);
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    at = pattern.lastIndex;
    return match[0];
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH)
      throw new JsonError(at, 'malformed JSON', `nested more than ${MAX_DEPTH} levels deep`);
    skipWhitespace();
    const c = text[at];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') {
      const literal = token(STRING);
      return literal === undefined ? expected('a well-formed string') : JSON.parse(literal);
    }
    const number = token(NUMBER);
    if (number !== undefined) return Number(number);
    for (const [word, meaning] of LITERALS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return meaning;
      }
    }
    return expected('a value');
  };
  const object = (depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    const keys = new Set<string>();
    at++;
    skipWhitespace();
    if (text[at] === '}') {
      at++;
      return result;
    }
    for (;;) {
      skipWhitespace();
      const start = at;
      const literal = text[at] === '"' ? token(STRING) : undefined;
      if (literal === undefined) return expected('a key in double quotes');
      const key = JSON.parse(literal) as string;
      if (keys.has(key))
        throw new JsonError(start, 'duplicate key', `${literal} appears twice in one object`);
      keys.add(key);
      skipWhitespace();
      if (text[at] !== ':') return expected('":"');
      at++;
      // Defined as own data properties, so a key like `__proto__` is an ordinary key.
      Object.defineProperty(result, key, { value: value(depth + 1), enumerable: true, writable: true });
      skipWhitespace();
      if (text[at] === '}') {
        at++;
        return result;
      }
      if (text[at] !== ',') return expected('"," or "}"');
      at++;
    }
  };
  const array = (depth: number): unknown[] => {
    const result: unknown[] = [];
    at++;
    skipWhitespace();
    if (text[at] === ']') {
      at++;
      return result;
    }
    for (;;) {
      result.push(value(depth + 1));
      skipWhitespace();
      if (text[at] === ']') {
        at++;
        return result;
      }
      if (text[at] !== ',') return expected('"," or "]"');
      at++;
    }
  };
  try {
    const result = value(0);
    skipWhitespace();
    if (at < text.length) expected('the end of the file');
    return { ok: true, value: result };
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    return { ok: false, error: `${error.kind} at ${lineAndColumn(text, error.offset)}: ${error.detail}` };
  }
}

/** The character at `offset` as readable text: quoted when printable, else its code point. */
function describeCharacter(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const c = text.codePointAt(offset)!;
  return c >= 0x20 && c < 0x7f
    ? JSON.stringify(String.fromCodePoint(c))
    : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `line L, column C` (both 1-based) of an offset into `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * A small strict XML 1.0 reader for the JUnit tests: it rejects what a conforming parser rejects
 * in the documents regsim writes (mismatched or unclosed tags, a raw `<` or `&`, an unknown
 * entity, a duplicate attribute, a character XML cannot carry, more than one root, `]]>` in
 * text), and returns the element tree so tests can read test cases and failures. No DTDs, CDATA
 * sections or namespaces: regsim writes none, so meeting one is an error here too.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (not its descendants'), entities decoded. */
  readonly text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9._:]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isXmlChar = (c: number): boolean =>
  c === 0x9 ||
  c === 0xa ||
  c === 0xd ||
  (c >= 0x20 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd) ||
  (c >= 0x10000 && c <= 0x10ffff);

/** Decodes references in text or an attribute value; throws on a raw `&` or an unknown entity. */
function decode(raw: string, where: string): string {
  return raw.replace(/&([^;]*);|&/g, (match, body: string | undefined) => {
    if (body === undefined) throw new Error(`${where}: raw & (not a reference)`);
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric !== null) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      if (!isXmlChar(code)) throw new Error(`${where}: &#${body.slice(1)}; is not an XML character`);
      return String.fromCodePoint(code);
    }
    const named = ENTITIES[body];
    if (named === undefined) throw new Error(`${where}: unknown entity ${match}`);
    return named;
  });
}

/** Parses a whole document; throws an Error naming the first well-formedness violation. */
export function parseXml(source: string): XmlElement {
  for (const char of source) {
    const code = char.codePointAt(0)!;
    if (!isXmlChar(code))
      throw new Error(`character U+${code.toString(16).padStart(4, '0')} is not allowed in XML`);
  }
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`offset ${at}: ${message}`);
  };
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(source.slice(at))![0];
      at += ws.length;
      if (!source.startsWith('<!--', at)) return;
      const end = source.indexOf('-->', at + 4);
      if (end < 0) fail('unclosed comment');
      if (source.slice(at + 4, end).includes('--')) fail('-- inside a comment');
      at = end + 3;
    }
  };

  if (source.startsWith('<?xml', 0)) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration');
    if (
      !/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][-A-Za-z0-9._]*")?\s*\?>$/.test(
        source.slice(0, end + 2),
      )
    )
      fail('malformed XML declaration');
    at = end + 2;
  }

  const readName = (): string => {
    const match = NAME.exec(source.slice(at));
    if (match === null) return fail('expected a name');
    at += match[0].length;
    return match[0];
  };

  const readElement = (): XmlElement => {
    if (source[at] !== '<') fail('expected <');
    at++;
    const name = readName();
    const attributes = new Map<string, string>();
    for (;;) {
      const ws = /^\s*/.exec(source.slice(at))![0];
      at += ws.length;
      if (source.startsWith('/>', at)) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      if (ws.length === 0) fail(`expected whitespace before an attribute of <${name}>`);
      const attribute = readName();
      if (source[at] !== '=') fail(`expected = after ${attribute}`);
      at++;
      const quote = source[at];
      if (quote !== '"' && quote !== "'") return fail(`unquoted value of ${attribute}`);
      const end = source.indexOf(quote, at + 1);
      if (end < 0) fail(`unclosed value of ${attribute}`);
      const raw = source.slice(at + 1, end);
      if (raw.includes('<')) fail(`< in the value of ${attribute}`);
      if (attributes.has(attribute)) fail(`duplicate attribute ${attribute} on <${name}>`);
      attributes.set(attribute, decode(raw, `attribute ${attribute}`));
      at = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      const next = source.indexOf('<', at);
      if (next < 0) fail(`<${name}> is not closed`);
      const raw = source.slice(at, next);
      if (raw.includes(']]>')) fail(']]> in text');
      text += decode(raw, `text of <${name}>`);
      at = next;
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        at += /^\s*/.exec(source.slice(at))![0].length;
        if (source[at] !== '>') fail(`expected > after </${closing}`);
        at++;
        return { name, attributes, children, text };
      }
      if (source.startsWith('<!--', at)) {
        skipMisc();
        continue;
      }
      if (source.startsWith('<!', at) || source.startsWith('<?', at))
        fail('CDATA, DTDs and processing instructions are not expected');
      children.push(readElement());
    }
  };

  skipMisc();
  const root = readElement();
  skipMisc();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** The descendants of `element` named `name`, in document order. */
export function elementsNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...elementsNamed(child, name),
  ]);
}

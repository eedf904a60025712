/**
 * Escaping for the reports' markup. Scenario names, task names, worker labels and messages come
 * from user files, so every piece of text goes through one of these before it is written.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for HTML (and inline SVG) element content or a double- or single-quoted attribute value.
 * Escaping all five characters everywhere keeps one function safe in both places.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

// XML 1.0 allows neither these control characters, nor U+FFFE/U+FFFF, nor unpaired surrogates,
// even as character references: they cannot be escaped, only replaced.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text for XML element content, or (with `attribute`) a double-quoted attribute value, where
 * tabs and line breaks become character references so parsers keep them instead of turning
 * them into spaces. Characters XML cannot carry become U+FFFD.
 */
export function escapeXml(text: string, attribute = false): string {
  const safe = text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
  return attribute ? safe.replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`) : safe;
}

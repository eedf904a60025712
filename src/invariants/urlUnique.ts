/** I1, URL uniqueness: at most one live id per URL. */
import type { RegistrySnapshot } from '../types.ts';
import type { Violation } from './types.ts';

export function checkUrlUnique(s: RegistrySnapshot): Violation[] {
  // Checked after every schedule and nearly always met: look for a shared URL before building
  // any message.
  const urls = new Set<string>();
  let shared = false;
  for (const w of s.workers.values()) {
    if (urls.has(w.url)) {
      shared = true;
      break;
    }
    urls.add(w.url);
  }
  if (!shared) return [];
  const byUrl = new Map<string, string[]>();
  for (const [id, w] of s.workers) byUrl.set(w.url, [...(byUrl.get(w.url) ?? []), `${id} (${w.label})`]);
  const violations: Violation[] = [];
  for (const [url, holders] of byUrl) {
    if (holders.length > 1) {
      violations.push({
        invariant: 'url-unique',
        message: `URL ${url} is held by ${holders.length} live workers: ${holders.join(', ')}`,
      });
    }
  }
  return violations;
}

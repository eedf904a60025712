/**
 * `HashRing` (spec §1.4), checked against an independent reference built straight from blake3:
 * vnode positions, weights, and the clockwise lookup with wraparound and a health predicate.
 */
import { blake3 } from '@noble/hashes/blake3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { HashRing, ringPosition, VIRTUAL_NODES_PER_WORKER } from '../../src/domain/hashRing.ts';

const A = 'http://a:8000';
const B = 'http://b:8000';
const C = 'http://c:8000';
const KEYS = Array.from({ length: 300 }, (_, i) => `key-${i}`);

/** blake3(text)[0..8] as a little-endian u64, computed without the code under test. */
function position(text: string): bigint {
  const digest = blake3(new TextEncoder().encode(text));
  return new DataView(digest.buffer, digest.byteOffset, digest.byteLength).getBigUint64(0, true);
}

interface Vnode {
  readonly pos: bigint;
  readonly url: string;
  readonly key: string;
}

/** The sorted vnodes of the unique URLs in `urls`. */
function referenceVnodes(urls: readonly string[]): Vnode[] {
  const vnodes: Vnode[] = [];
  for (const url of new Set(urls)) {
    for (let i = 0; i < 150; i++) vnodes.push({ pos: position(`${url}#${i}`), url, key: `${url}#${i}` });
  }
  return vnodes.sort((x, y) => (x.pos < y.pos ? -1 : x.pos > y.pos ? 1 : 0));
}

/** Clockwise from the first vnode at or after the key's position, the first healthy URL. */
function referenceLookup(
  vnodes: readonly Vnode[],
  key: string,
  healthy: (url: string) => boolean = () => true,
) {
  const target = position(key);
  const start = vnodes.findIndex((v) => v.pos >= target);
  const from = Math.max(start, 0);
  for (let i = 0; i < vnodes.length; i++) {
    const { url } = vnodes[(from + i) % vnodes.length]!;
    if (healthy(url)) return url;
  }
  return null;
}

describe('ringPosition', () => {
  it('matches the blake3 known vector for the empty string', () => {
    expect(bytesToHex(blake3(new Uint8Array()))).toBe(
      'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    );
    // af 13 49 b9 f5 f9 a1 a6, read little-endian.
    expect(ringPosition('')).toBe(0xa6a1f9f5b94913afn);
  });

  it('is the first 8 bytes of blake3, little-endian', () => {
    for (const text of ['abc', `${A}#0`, `${B}#149`, 'ünïcødé'])
      expect(ringPosition(text)).toBe(position(text));
  });
});

describe('building a ring', () => {
  it('gives each URL 150 vnodes', () => {
    expect(VIRTUAL_NODES_PER_WORKER).toBe(150);
    const ring = HashRing.build([A, B, C]);
    expect(ring.size).toBe(450);
    expect(ring.vnodeCounts()).toEqual(
      new Map([
        [A, 150],
        [B, 150],
        [C, 150],
      ]),
    );
  });

  it('counts workers as vnodes / 150', () => {
    expect(HashRing.build([]).workerCount).toBe(0);
    expect(HashRing.build([A]).workerCount).toBe(1);
    expect(HashRing.build([A, B, C]).workerCount).toBe(3);
  });

  it('gives a URL listed twice double weight with build', () => {
    const ring = HashRing.build([A, B, A]);
    expect(ring.size).toBe(450);
    expect(ring.workerCount).toBe(3);
    expect(ring.vnodeCounts().get(A)).toBe(300);
    expect(ring.vnodeCounts().get(B)).toBe(150);
    expect(ring.sourceUrls).toEqual([A, B, A]);
  });

  it('deduplicates URLs in first-seen order with fromUniqueUrls', () => {
    const ring = HashRing.fromUniqueUrls([B, A, B, A]);
    expect(ring.workerCount).toBe(2);
    expect(ring.vnodeCounts().get(A)).toBe(150);
    expect(ring.sourceUrls).toEqual([B, A]);
  });
});

describe('findHealthyUrl', () => {
  const urls = [A, B, C];
  const vnodes = referenceVnodes(urls);
  const ring = HashRing.build(urls);

  it('returns the owner of the first vnode at or after the key position', () => {
    for (const key of KEYS) expect(ring.findHealthyUrl(key)).toBe(referenceLookup(vnodes, key));
    // The keys reach every URL, so the check above is not vacuous.
    expect(new Set(KEYS.map((key) => ring.findHealthyUrl(key)))).toEqual(new Set(urls));
  });

  it('returns the owner of a vnode whose position equals the key position', () => {
    // A vnode of B followed by one of A: "after" instead of "at or after" would answer A.
    const i = vnodes.findIndex((v, j) => v.url === B && vnodes[j + 1]?.url === A);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(ring.findHealthyUrl(vnodes[i]!.key)).toBe(B);
    expect(ring.findHealthyUrl(vnodes[i + 1]!.key)).toBe(A);
  });

  it('wraps around past the largest position to the first vnode', () => {
    // In the {A, C} ring the first and last vnodes have different owners, so answering the last
    // vnode's owner instead of wrapping would give the wrong URL.
    const pair = referenceVnodes([A, C]);
    const first = pair[0]!;
    const last = pair[pair.length - 1]!;
    expect(first.url).not.toBe(last.url);
    // Beyond the largest position of {A, B, C}, hence of {A, C} too.
    const top = vnodes[vnodes.length - 1]!.pos;
    const key = Array.from({ length: 100_000 }, (_, i) => `wrap-${i}`).find((k) => position(k) > top);
    expect(key).toBeDefined();
    expect(HashRing.build([A, C]).findHealthyUrl(key!)).toBe(first.url);
    expect(ring.findHealthyUrl(key!)).toBe(vnodes[0]!.url);
    const notFirst = (u: string) => u !== vnodes[0]!.url;
    expect(ring.findHealthyUrl(key!, notFirst)).toBe(referenceLookup(vnodes, key!, notFirst));
  });

  it('skips URLs the predicate rejects, walking clockwise', () => {
    for (const key of KEYS.slice(0, 100)) {
      const owner = referenceLookup(vnodes, key)!;
      const notOwner = (u: string) => u !== owner;
      const expected = referenceLookup(vnodes, key, notOwner);
      expect(expected).not.toBe(owner);
      expect(ring.findHealthyUrl(key, notOwner)).toBe(expected);
      expect(ring.findHealthyUrl(key, (u) => u === C)).toBe(C);
    }
  });

  it('asks the predicate about each URL at most once', () => {
    const asked: string[] = [];
    expect(
      ring.findHealthyUrl('k', (u) => {
        asked.push(u);
        return false;
      }),
    ).toBeNull();
    expect([...asked].sort()).toEqual([A, B, C]);
  });

  it('returns null when no URL is healthy or the ring is empty', () => {
    expect(ring.findHealthyUrl('k', () => false)).toBeNull();
    expect(HashRing.build([]).findHealthyUrl('k')).toBeNull();
    expect(HashRing.fromUniqueUrls([]).findHealthyUrl('k', () => true)).toBeNull();
  });

  it('answers the single URL of a one-URL ring for every key', () => {
    const single = HashRing.build([A, A]);
    for (const key of KEYS.slice(0, 50)) expect(single.findHealthyUrl(key)).toBe(A);
  });

  it('depends on the URL set only, not the input order', () => {
    const orders = [
      HashRing.build([C, A, B]),
      HashRing.build([B, C, A]),
      HashRing.fromUniqueUrls([A, C, A, B, C]),
    ];
    for (const other of orders) {
      for (const key of KEYS) expect(other.findHealthyUrl(key)).toBe(ring.findHealthyUrl(key));
    }
  });
});

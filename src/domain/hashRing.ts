/**
 * `HashRing` (spec §1.4): 150 virtual nodes per URL at blake3(`url#i`)[0..8] read as a
 * little-endian u64, sorted by position; lookup walks clockwise from the key's position.
 */
import { blake3 } from '@noble/hashes/blake3.js';

export const VIRTUAL_NODES_PER_WORKER = 150;

const encoder = new TextEncoder();

/** The ring position of a string: the first 8 bytes of its blake3 hash, little-endian. */
export function ringPosition(text: string): bigint {
  const digest = blake3(encoder.encode(text));
  return new DataView(digest.buffer, digest.byteOffset, 8).getBigUint64(0, true);
}

/**
 * Vnode positions are a pure function of the URL, so they are computed once per URL. The cache
 * is bounded so that a long campaign over many URLs cannot grow it without limit.
 */
const positionCache = new Map<string, BigUint64Array>();
const POSITION_CACHE_LIMIT = 200_000;

function vnodePositions(url: string): BigUint64Array {
  let positions = positionCache.get(url);
  if (positions === undefined) {
    positions = new BigUint64Array(VIRTUAL_NODES_PER_WORKER);
    for (let i = 0; i < VIRTUAL_NODES_PER_WORKER; i++) positions[i] = ringPosition(`${url}#${i}`);
    if (positionCache.size >= POSITION_CACHE_LIMIT) positionCache.clear();
    positionCache.set(url, positions);
  }
  return positions;
}

/** An immutable consistent-hash ring. */
export class HashRing {
  private constructor(
    /** Sorted vnode positions. */
    private readonly positions: BigUint64Array,
    /** The URL of each vnode, parallel to `positions`. */
    private readonly owners: readonly string[],
    /** The URLs the ring was built from, in order, duplicates kept. */
    readonly sourceUrls: readonly string[],
  ) {}

  /**
   * `HashRing::new` over a list of URLs. Up to V836 the list is the model-index slice, so a URL
   * listed twice gets 300 vnodes (double weight); HEAD deduplicates first (`fromUniqueUrls`).
   */
  static build(urls: readonly string[]): HashRing {
    const n = urls.length * VIRTUAL_NODES_PER_WORKER;
    const raw = new BigUint64Array(n);
    const rawOwner: string[] = new Array(n);
    let k = 0;
    for (const url of urls) {
      const positions = vnodePositions(url);
      for (let i = 0; i < VIRTUAL_NODES_PER_WORKER; i++) {
        raw[k] = positions[i]!;
        rawOwner[k] = url;
        k++;
      }
    }
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const pa = raw[a]!;
      const pb = raw[b]!;
      if (pa !== pb) return pa < pb ? -1 : 1;
      return rawOwner[a]! < rawOwner[b]! ? -1 : rawOwner[a]! > rawOwner[b]! ? 1 : 0;
    });
    const positions = new BigUint64Array(n);
    const owners: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      positions[i] = raw[order[i]!]!;
      owners[i] = rawOwner[order[i]!]!;
    }
    return new HashRing(positions, owners, [...urls]);
  }

  /** HEAD (#2212): built from URLs deduplicated in first-seen order. */
  static fromUniqueUrls(urls: Iterable<string>): HashRing {
    return HashRing.build([...new Set(urls)]);
  }

  /** Number of vnodes. */
  get size(): number {
    return this.positions.length;
  }

  /** `worker_count()`: entries / 150. */
  get workerCount(): number {
    return this.positions.length / VIRTUAL_NODES_PER_WORKER;
  }

  /** How many vnodes each URL owns (150 per listing of the URL). */
  vnodeCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const url of this.owners) counts.set(url, (counts.get(url) ?? 0) + 1);
    return counts;
  }

  /**
   * `find_healthy_url(key, pred)`: the first URL clockwise from the key's position (with
   * wraparound) that satisfies `healthy`, skipping URLs already checked; null when none does.
   */
  findHealthyUrl(key: string, healthy: (url: string) => boolean = () => true): string | null {
    const n = this.positions.length;
    if (n === 0) return null;
    const target = ringPosition(key);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.positions[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const checked = new Set<string>();
    for (let i = 0; i < n; i++) {
      const url = this.owners[(lo + i) % n]!;
      if (checked.has(url)) continue;
      if (healthy(url)) return url;
      checked.add(url);
    }
    return null;
  }
}

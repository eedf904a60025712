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

/** A URL's vnode positions, sorted, with their top 40 bits as numbers for fast sorting. */
interface UrlVnodes {
  readonly positions: BigUint64Array;
  readonly high: Float64Array;
}

/**
 * Vnode positions are a pure function of the URL, so they are computed once per URL. The cache
 * is bounded so that a long campaign over many URLs cannot grow it without limit.
 */
const vnodeCache = new Map<string, UrlVnodes>();
const VNODE_CACHE_LIMIT = 200_000;

function urlVnodes(url: string): UrlVnodes {
  let vnodes = vnodeCache.get(url);
  if (vnodes === undefined) {
    const positions = new BigUint64Array(VIRTUAL_NODES_PER_WORKER);
    for (let i = 0; i < VIRTUAL_NODES_PER_WORKER; i++) positions[i] = ringPosition(`${url}#${i}`);
    positions.sort();
    vnodes = { positions, high: Float64Array.from(positions, (p) => Number(p >> 24n)) };
    if (vnodeCache.size >= VNODE_CACHE_LIMIT) vnodeCache.clear();
    vnodeCache.set(url, vnodes);
  }
  return vnodes;
}

/** URL lists longer than this take the exact comparison sort (the fast sort packs the list index in 13 bits). */
const FAST_SORT_MAX_URLS = 8_192;

/** Built rings of up to this many URLs are cached by their URL list. */
const SMALL_RING_URLS = 8;
const SMALL_RING_CACHE_LIMIT = 4_096;
const smallRings = new Map<string, HashRing>();

/**
 * Forgets the built small rings (not the per-URL vnode positions). For heap measurements: the
 * cache is process-wide, so rings a registry built along the way would otherwise count as its own.
 */
export function clearBuiltRingCache(): void {
  smallRings.clear();
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
    // Rings are immutable and the simulator rebuilds the same few URL lists over and over.
    const key = urls.length <= SMALL_RING_URLS ? urls.join('\n') : undefined;
    const cached = key === undefined ? undefined : smallRings.get(key);
    if (cached !== undefined) return cached;
    const ring = HashRing.sortVnodes(urls);
    if (key !== undefined) {
      if (smallRings.size >= SMALL_RING_CACHE_LIMIT) smallRings.clear();
      smallRings.set(key, ring);
    }
    return ring;
  }

  /**
   * Sorts the vnodes by position with a native numeric sort of (top 40 bits, list index) packed
   * in a double; each URL's own vnodes are pre-sorted, so walking them with one cursor per list
   * entry recovers the exact positions. Equal top bits of different vnodes (rare) fall back to
   * the exact comparison sort.
   */
  private static sortVnodes(urls: readonly string[]): HashRing {
    if (urls.length > FAST_SORT_MAX_URLS) return HashRing.sortExactly(urls);
    const lists = urls.map(urlVnodes);
    const n = urls.length * VIRTUAL_NODES_PER_WORKER;
    const keys = new Float64Array(n);
    let k = 0;
    for (let u = 0; u < lists.length; u++) {
      const high = lists[u]!.high;
      for (let i = 0; i < VIRTUAL_NODES_PER_WORKER; i++) keys[k++] = high[i]! * FAST_SORT_MAX_URLS + u;
    }
    keys.sort();
    const cursor = new Int32Array(lists.length);
    const positions = new BigUint64Array(n);
    const owners: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const u = key % FAST_SORT_MAX_URLS;
      const position = lists[u]!.positions[cursor[u]!++]!;
      if (i > 0 && positions[i - 1]! > position) return HashRing.sortExactly(urls);
      positions[i] = position;
      owners[i] = urls[u]!;
    }
    return new HashRing(positions, owners, [...urls]);
  }

  /** The exact sort by (position, url), for the rare tie in the top 40 bits. */
  private static sortExactly(urls: readonly string[]): HashRing {
    const vnodes = urls.flatMap((url) =>
      [...urlVnodes(url).positions].map((position) => ({ position, owner: url })),
    );
    vnodes.sort((a, b) =>
      a.position !== b.position
        ? a.position < b.position
          ? -1
          : 1
        : a.owner < b.owner
          ? -1
          : a.owner > b.owner
            ? 1
            : 0,
    );
    return new HashRing(
      BigUint64Array.from(vnodes.map((v) => v.position)),
      vnodes.map((v) => v.owner),
      [...urls],
    );
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
  vnodeCounts(): ReadonlyMap<string, number> {
    // Rings are immutable and shared, and the invariants ask after every schedule: count once.
    if (this.counts === undefined) {
      const counts = new Map<string, number>();
      for (const url of this.owners) counts.set(url, (counts.get(url) ?? 0) + 1);
      this.counts = counts;
    }
    return this.counts;
  }

  private counts: ReadonlyMap<string, number> | undefined;

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

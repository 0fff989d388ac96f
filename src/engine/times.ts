import type { CompactGraph } from './compact.js';

export interface Times {
  /** minutes to reach each node (Infinity when unreachable) */
  dist: Float64Array;
  /** edge position used to reach each node on a fastest path, -1 for sources and unreached */
  via: Int32Array;
}

export interface TimeOptions {
  removed?: Uint8Array;
  /** A hop leaving `source` must complete within this many minutes (a short-lived token's TTL). */
  sourceWindow?: number;
}

/**
 * Fastest attacker time to every node from `source` (Dijkstra over edge costs, masked
 * edges only). Ties break on the lower edge position, so paths are deterministic.
 */
export function fastestTimes(g: CompactGraph, source: number, mask: Uint8Array, options: TimeOptions = {}): Times {
  const n = g.ids.length;
  const dist = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  if (options.removed?.[source]) return { dist, via };
  const heap = new MinHeap();
  dist[source] = 0;
  heap.push(0, source);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]!) continue;
    for (let e = g.offsets[u]!, end = g.offsets[u + 1]!; e < end; e++) {
      if (!mask[e]) continue;
      const v = g.targets[e]!;
      if (options.removed?.[v]) continue;
      const nd = d + g.cost[e]!;
      if (u === source && options.sourceWindow !== undefined && nd > options.sourceWindow) continue;
      if (nd < dist[v]! || (nd === dist[v]! && via[v]! > e)) {
        const improved = nd < dist[v]!;
        dist[v] = nd;
        via[v] = e;
        if (improved) heap.push(nd, v);
      }
    }
  }
  return { dist, via };
}

/** Edge positions of the fastest path to `target`, source first; empty when unreachable or the source itself. */
export function pathTo(g: CompactGraph, times: Times, target: number): number[] {
  const path: number[] = [];
  let v = target;
  while (times.via[v]! >= 0) {
    const e = times.via[v]!;
    path.push(e);
    v = sourceOf(g, e);
  }
  return path.reverse();
}

/** The node an edge position leaves from (binary search over offsets). */
export function sourceOf(g: CompactGraph, e: number): number {
  let lo = 0;
  let hi = g.ids.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (g.offsets[mid]! <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, val: number): void {
    const k = this.keys;
    const v = this.vals;
    let i = k.length;
    k.push(key);
    v.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! < key || (k[p] === key && v[p]! <= val)) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }
  pop(): [number, number] {
    const k = this.keys;
    const v = this.vals;
    const top: [number, number] = [k[0]!, v[0]!];
    const lastK = k.pop()!;
    const lastV = v.pop()!;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k.length) break;
        const r = l + 1;
        const c = r < k.length && (k[r]! < k[l]! || (k[r] === k[l] && v[r]! < v[l]!)) ? r : l;
        if (lastK < k[c]! || (lastK === k[c] && lastV <= v[c]!)) break;
        k[i] = k[c]!;
        v[i] = v[c]!;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

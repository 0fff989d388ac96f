import type { CompactGraph } from './compact.js';

export interface Times {
  /** minutes to reach each node (Infinity when unreachable) */
  dist: Float64Array;
  /** edge position used to reach each node on a fastest path, -1 for sources, unreached nodes and connect hops */
  via: Int32Array;
  /** per node below 2n reached by a connect hop on its fastest path: the workload it came from, else -1 */
  connectFrom: Int32Array;
  /** the edge mask the times were computed over */
  mask: Uint8Array;
}

export interface TimeOptions {
  removed?: Uint8Array;
  /**
   * Per node, the minute a defender takes it away (a revoked identity, a quarantined workload,
   * a rotated secret; Infinity: never): a hop into it completing later is not made, and nor is
   * a hop out of it — the attacker holds it only until then.
   */
  removedAt?: Float64Array;
  /** Per edge position, the minute a defender blocks it (Infinity: never): a hop over it completing later is not made. */
  blockedAt?: Float64Array;
  /** Per edge position, the minute from which it exists (0: always; Infinity: never): a hop over it completing earlier is not made. */
  openedAt?: Float64Array;
  /** A hop leaving `source` must complete within this many minutes (a short-lived token's TTL). */
  sourceWindow?: number;
}

/** One hop of a fastest path: a graph edge, or a connect hop from one workload to another. */
export type Step = { edge: number; to: number } | { connectFrom: number; to: number };

/**
 * Fastest attacker time to every node from `source` (Dijkstra over edge costs, masked
 * edges only). Ties break as if every hop were an edge of its own, ordered by source node,
 * then connect hops before other edges, then edge position — so paths are deterministic and
 * the same whether connect hops are pairs or go through class hubs.
 */
export function fastestTimes(g: CompactGraph, source: number, mask: Uint8Array, options: TimeOptions = {}): Times {
  const size = g.ids.length;
  const real = 2 * g.n;
  const { hubStart, targetStart } = g;
  const dist = new Float64Array(size).fill(Infinity);
  const via = new Int32Array(size).fill(-1);
  const viaDist = new Float64Array(size).fill(Infinity);
  // Per hub: the two lowest-numbered workloads that reach it at its time.
  const first = new Int32Array(size - hubStart).fill(-1);
  const second = new Int32Array(size - hubStart).fill(-1);
  const connectFrom = new Int32Array(real).fill(-1);
  const times: Times = { dist, via, connectFrom, mask };
  if (options.removed?.[source]) return times;
  const offer = (h: number, u: number) => {
    if (u < 0 || u === first[h] || u === second[h]) return;
    if (first[h]! < 0 || u < first[h]!) {
      second[h] = first[h]!;
      first[h] = u;
    } else if (second[h]! < 0 || u < second[h]!) second[h] = u;
  };
  const heap = new MinHeap();
  dist[source] = 0;
  viaDist[source] = 0;
  heap.push(0, source);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]!) continue;
    for (let e = g.offsets[u]!, end = g.offsets[u + 1]!; e < end; e++) {
      if (!mask[e]) continue;
      const v = g.targets[e]!;
      if (options.removed?.[v]) continue;
      const nd = d + g.cost[e]!;
      if (options.removedAt && (nd > options.removedAt[u]! || nd > options.removedAt[v]!)) continue;
      if (options.blockedAt && nd > options.blockedAt[e]!) continue;
      if (options.openedAt && nd < options.openedAt[e]!) continue;
      if (u === source && options.sourceWindow !== undefined && nd > options.sourceWindow) continue;
      if (v < hubStart && u < hubStart) {
        if (nd < dist[v]! || (nd === dist[v]! && (viaDist[v] !== nd || via[v]! > e))) {
          if (nd < dist[v]!) heap.push(nd, v);
          dist[v] = nd;
          via[v] = e;
          viaDist[v] = nd;
        }
        continue;
      }
      if (nd < dist[v]!) {
        dist[v] = nd;
        heap.push(nd, v);
        if (v >= hubStart) {
          first[v - hubStart] = -1;
          second[v - hubStart] = -1;
        }
      } else if (nd > dist[v]!) continue;
      if (v < hubStart) continue; // a member of a target class: settled after the search
      if (u < hubStart) offer(v - hubStart, u);
      else {
        offer(v - hubStart, first[u - hubStart]!);
        offer(v - hubStart, second[u - hubStart]!);
      }
    }
  }
  settleConnectHops(g, times, source, viaDist, first, second);
  return times;
}

/**
 * A node reached through a target-class hub at its time came by a connect hop from the
 * lowest-numbered workload reaching the hub then (itself excepted: no workload connects to
 * itself); that hop wins over an edge of the same time unless the edge leaves a lower node.
 */
function settleConnectHops(g: CompactGraph, t: Times, source: number, viaDist: Float64Array, first: Int32Array, second: Int32Array): void {
  if (g.targetStart === g.ids.length && g.hubStart === g.ids.length) return;
  for (let v = 0; v < 2 * g.n; v++) {
    const h = g.memberOf[v]!;
    if (h < 0 || v === source || t.dist[v] === Infinity || t.dist[h] !== t.dist[v]) continue;
    const self = v < g.n ? v : v - g.n;
    const from = first[h - g.hubStart] !== self ? first[h - g.hubStart]! : second[h - g.hubStart]!;
    if (from < 0) continue;
    const edge = viaDist[v] === t.dist[v] ? t.via[v]! : -1;
    if (edge >= 0 && sourceOf(g, edge) < from) continue;
    t.connectFrom[v] = from;
    t.via[v] = -1;
  }
}

/** The fastest path to `target`, source first; empty when unreachable or the source itself. */
export function pathTo(g: CompactGraph, times: Times, target: number): Step[] {
  const path: Step[] = [];
  let v = target;
  for (;;) {
    if (v < 2 * g.n && times.connectFrom[v]! >= 0) {
      path.push({ connectFrom: times.connectFrom[v]!, to: v });
      v = times.connectFrom[v]!;
    } else if (times.via[v]! >= 0) {
      const e = times.via[v]!;
      path.push({ edge: e, to: v });
      v = sourceOf(g, e);
    } else break;
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

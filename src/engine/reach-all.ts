import type { CompactGraph } from './compact.js';
import { stronglyConnected } from './scc.js';

export interface TargetReach {
  /** bitset of reachable targets for a node */
  bits(node: number): Uint32Array;
  /** how many targets a node reaches */
  count(node: number): number;
  has(node: number, targetBit: number): boolean;
}

/**
 * For every node at once, which targets it reaches over masked edges: condense the graph
 * into strongly connected components, then OR target bitsets from sinks upwards. One pass
 * over the edges instead of one traversal per source. Several nodes may share a bit (a
 * node and its network-reached shadow count as one target).
 */
export function reachAllTargets(g: CompactGraph, mask: Uint8Array, targets: readonly (readonly [node: number, bit: number])[], bitCount: number): TargetReach {
  const { comp, count } = stronglyConnected(g, mask);
  const words = Math.max(1, Math.ceil(bitCount / 32));
  const sets = new Uint32Array(count * words);
  for (const [t, bit] of targets) sets[comp[t]! * words + (bit >>> 5)]! |= 1 << (bit & 31);
  // Members of each component, so its out-edges can be walked once.
  const n = g.ids.length;
  const start = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) start[comp[v]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const members = new Int32Array(n);
  const fill = start.slice(0, count);
  for (let v = 0; v < n; v++) members[fill[comp[v]!]!++] = v;
  // Tarjan numbers sinks first: every successor component has a lower number. Only the
  // words from a successor's first to its last nonzero one are ORed in: a target class's
  // members sit together in id order, so most sets span a few words, and most class hubs
  // reach no target at all.
  const lo = new Int32Array(count);
  const hi = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    const base = c * words;
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const u = members[i]!;
      for (let e = g.offsets[u]!, end = g.offsets[u + 1]!; e < end; e++) {
        if (!mask[e]) continue;
        const d = comp[g.targets[e]!]!;
        if (d === c) continue;
        const other = d * words;
        for (let w = lo[d]!, last = hi[d]!; w < last; w++) sets[base + w]! |= sets[other + w]!;
      }
    }
    let first = 0;
    while (first < words && sets[base + first] === 0) first++;
    let end = words;
    while (end > first && sets[base + end - 1] === 0) end--;
    lo[c] = first;
    hi[c] = end;
  }
  const bits = (node: number) => sets.subarray(comp[node]! * words, comp[node]! * words + words);
  return {
    bits,
    count: (node) => bits(node).reduce((s, w) => s + popcount(w), 0),
    has: (node, bit) => (sets[comp[node]! * words + (bit >>> 5)]! & (1 << (bit & 31))) !== 0,
  };
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

import type { LateralGraph } from '../graph/types.js';
import type { CompactGraph } from './compact.js';
import { blockedPercent, weight } from './measures.js';
import { popcount, reachAllTargets } from './reach-all.js';

export interface EstateEntry {
  entry: string;
  score: number;
  tier0: number;
}

export interface EstateResult {
  /** entry points considered: every workload, identity and pipeline */
  entries: number;
  crownJewels: number;
  /** of those, the ones tier 0 by default (src/tiers), not by a tier of their own */
  defaultCrownJewels: number;
  /** (entry, crown jewel) pairs reachable in the baseline, and the share enforcement blocks */
  baselinePairs: number;
  reachablePairs: number;
  blockedPercent: number;
  /** entries with the largest blast radius, largest first */
  top: EstateEntry[];
}

const ENTRY_KINDS = new Set(['workload', 'identity', 'pipeline']);

/**
 * Lateral-movement resistance of the whole estate, every entry at once, through SCC
 * condensation (reachAllTargets) rather than one traversal per entry.
 */
export function analyzeEstate(graph: LateralGraph, g: CompactGraph, top = 10): EstateResult {
  const tiered: number[] = [];
  for (let v = 0; v < g.n; v++) if (g.tier[v]! >= 0) tiered.push(v);
  // A tiered node counts as reached whether controlled or only reached over the network.
  const targets = tiered.flatMap((v, bit) => [[v, bit] as const, [g.n + v, bit] as const]);
  const enforced = reachAllTargets(g, g.enforced, targets, tiered.length);
  const baseline = reachAllTargets(g, g.baseline, targets, tiered.length);
  const words = Math.max(1, Math.ceil(tiered.length / 32));
  const jewels = new Uint32Array(words);
  const bitOf = new Int32Array(g.n).fill(-1);
  tiered.forEach((node, bit) => {
    bitOf[node] = bit;
    if (g.tier[node] === 0) jewels[bit >>> 5]! |= 1 << (bit & 31);
  });
  // The crown jewels an entry reaches, itself not counted.
  const jewelsReached = (reached: Uint32Array, v: number): number => {
    let count = 0;
    for (let w = 0; w < words; w++) count += popcount(reached[w]! & jewels[w]!);
    const own = bitOf[v]!;
    return own >= 0 && (reached[own >>> 5]! & jewels[own >>> 5]! & (1 << (own & 31))) !== 0 ? count - 1 : count;
  };
  let entries = 0;
  let baselinePairs = 0;
  let reachablePairs = 0;
  const scored: EstateEntry[] = [];
  for (let v = 0; v < g.n; v++) {
    if (!ENTRY_KINDS.has(graph.getNodeAttribute(g.ids[v]!, 'kind'))) continue;
    entries++;
    const reached = enforced.bits(v);
    const tier0 = jewelsReached(reached, v);
    baselinePairs += jewelsReached(baseline.bits(v), v);
    reachablePairs += tier0;
    let score = 0;
    for (let w = 0; w < reached.length; w++) {
      // Walk only the set bits: most entries reach few tiered nodes. The entry is not its own blast radius.
      for (let x = reached[w]!; x !== 0; x &= x - 1) {
        const node = tiered[w * 32 + (31 - Math.clz32(x & -x))]!;
        if (node !== v) score += weight(g.tier[node]!);
      }
    }
    scored.push({ entry: g.ids[v]!, score, tier0 });
  }
  scored.sort((a, b) => b.score - a.score || b.tier0 - a.tier0 || (a.entry < b.entry ? -1 : 1));
  return {
    entries,
    crownJewels: tiered.filter((node) => g.tier[node] === 0).length,
    defaultCrownJewels: tiered.filter((node) => g.tier[node] === 0 && graph.getNodeAttribute(g.ids[node]!, 'tierReason') !== undefined).length,
    baselinePairs,
    reachablePairs,
    blockedPercent: blockedPercent(baselinePairs - reachablePairs, baselinePairs),
    top: scored.slice(0, top),
  };
}

/**
 * Every (entry, crown jewel) pair reachable under enforced policy — the pairs analyzeEstate
 * counts — listed, so two estates can be compared pair by pair. One SCC pass for all
 * entries (reachAllTargets), as the estate analysis does.
 */
import type { LateralGraph } from '../graph/types.js';
import type { CompactGraph } from './compact.js';
import { reachAllTargets } from './reach-all.js';

const ENTRY_KINDS = new Set(['workload', 'identity', 'pipeline']);

/** Entry id → the crown jewels (tier 0) it reaches, itself excepted, sorted; entries reaching none are left out. */
export function crownJewelPairs(graph: LateralGraph, g: CompactGraph): Map<string, string[]> {
  const jewels: number[] = [];
  for (let v = 0; v < g.n; v++) if (g.tier[v] === 0) jewels.push(v);
  const targets = jewels.flatMap((v, bit) => [[v, bit] as const, [g.n + v, bit] as const]);
  const reach = reachAllTargets(g, g.enforced, targets, jewels.length);
  const out = new Map<string, string[]>();
  for (let v = 0; v < g.n; v++) {
    if (!ENTRY_KINDS.has(graph.getNodeAttribute(g.ids[v]!, 'kind'))) continue;
    const bits = reach.bits(v);
    const reached: string[] = [];
    for (let w = 0; w < bits.length; w++) {
      for (let x = bits[w]!; x !== 0; x &= x - 1) {
        const node = jewels[w * 32 + (31 - Math.clz32(x & -x))]!;
        if (node !== v) reached.push(g.ids[node]!);
      }
    }
    if (reached.length) out.set(g.ids[v]!, reached.sort());
  }
  return out;
}

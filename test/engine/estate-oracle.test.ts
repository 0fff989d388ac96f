/**
 * The estate analysis (every entry at once, by SCC condensation and bit sets) against one
 * plain traversal per entry: the same pair counts, blocked % and ranking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompactGraph } from '../../src/engine/compact.js';
import { analyzeEstate, type EstateResult } from '../../src/engine/estate.js';
import { blockedPercent, weight } from '../../src/engine/measures.js';
import type { LateralGraph } from '../../src/graph/types.js';
import { cluster, loadDocs, manifests } from '../helpers/k8s-gen.js';
import { built, load, topo } from '../helpers/native-gen.js';

/** Real nodes reached from v over edges with mask set, a shadow counting as its node. */
function reach(g: CompactGraph, mask: Uint8Array, v: number): Set<number> {
  const seen = new Uint8Array(g.ids.length);
  const stack = [v];
  seen[v] = 1;
  while (stack.length) {
    const u = stack.pop()!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const t = g.targets[e]!;
      if (mask[e] && !seen[t]) {
        seen[t] = 1;
        stack.push(t);
      }
    }
  }
  const out = new Set<number>();
  for (let i = 0; i < 2 * g.n; i++) if (seen[i]) out.add(i % g.n);
  return out;
}

function naiveEstate(graph: LateralGraph, g: CompactGraph): EstateResult {
  let entries = 0;
  let baselinePairs = 0;
  let reachablePairs = 0;
  const scored = [];
  const jewels = [...Array(g.n).keys()].filter((v) => g.tier[v] === 0);
  for (let v = 0; v < g.n; v++) {
    if (!['workload', 'identity', 'pipeline'].includes(graph.getNodeAttribute(g.ids[v]!, 'kind'))) continue;
    entries++;
    const enforced = reach(g, g.enforced, v);
    const baseline = reach(g, g.baseline, v);
    const tier0 = jewels.filter((j) => j !== v && enforced.has(j)).length;
    baselinePairs += jewels.filter((j) => j !== v && baseline.has(j)).length;
    reachablePairs += tier0;
    const score = [...enforced].filter((u) => u !== v).reduce((s, u) => s + weight(g.tier[u]!), 0);
    scored.push({ entry: g.ids[v]!, score, tier0 });
  }
  scored.sort((a, b) => b.score - a.score || b.tier0 - a.tier0 || (a.entry < b.entry ? -1 : 1));
  const defaults = jewels.filter((j) => graph.getNodeAttribute(g.ids[j]!, 'tierReason') !== undefined).length;
  return { entries, crownJewels: jewels.length, defaultCrownJewels: defaults, baselinePairs, reachablePairs, blockedPercent: blockedPercent(baselinePairs - reachablePairs, baselinePairs), top: scored.slice(0, 10) };
}

/** Checks each graph, and that the generator gave some where enforcement blocks a crown jewel. */
function agrees(): { check(graph: LateralGraph, g: CompactGraph): void; blocking: () => number } {
  let blocking = 0;
  return {
    check(graph, g) {
      const naive = naiveEstate(graph, g);
      expect(analyzeEstate(graph, g)).toEqual(naive);
      if (naive.reachablePairs < naive.baselinePairs) blocking++;
    },
    blocking: () => blocking,
  };
}

describe('estate analysis', () => {
  it('equals one traversal per entry on native topologies', () => {
    const a = agrees();
    fc.assert(
      fc.property(topo, (t) => {
        const { graph, g } = built(load(t));
        a.check(graph, g);
      }),
      { numRuns: 60 },
    );
    expect(a.blocking()).toBeGreaterThan(0);
  });

  it('equals one traversal per entry on Kubernetes clusters (class hubs)', () => {
    const a = agrees();
    fc.assert(
      fc.property(cluster, (c) => {
        const { graph, g } = built(loadDocs(manifests(c)));
        a.check(graph, g);
      }),
      { numRuns: 40 },
    );
    expect(a.blocking()).toBeGreaterThan(0);
  });
});

/**
 * The engine's graph algorithms against naive references on random graphs: Tarjan SCC vs
 * mutual reachability, all-entries bitset reachability vs one traversal per source, and
 * Dijkstra vs Bellman-Ford. Connect edges to non-exploitable workloads end at the shadow
 * node ("reached over the network, not controlled"), which has no out-edges.
 */
import fc from 'fast-check';
import graphology from 'graphology';
import { describe, expect, it } from 'vitest';
import { compact, type CompactGraph } from '../../src/engine/compact.js';
import { reachAllTargets } from '../../src/engine/reach-all.js';
import { reachFrom } from '../../src/engine/reach.js';
import { stronglyConnected } from '../../src/engine/scc.js';
import { fastestTimes } from '../../src/engine/times.js';
import type { LateralGraph } from '../../src/graph/types.js';

const { MultiDirectedGraph } = graphology;

interface Spec {
  n: number;
  edges: { from: number; to: number; kind: 'assume' | 'connect'; deny: boolean; cost: number }[];
}

const spec: fc.Arbitrary<Spec> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), kind: fc.constantFrom('assume' as const, 'connect' as const), deny: fc.boolean(), cost: fc.integer({ min: 1, max: 30 }) }), { maxLength: 40 }),
  }),
);

function graphOf(s: Spec): CompactGraph {
  const graph = new MultiDirectedGraph() as unknown as LateralGraph;
  for (let i = 0; i < s.n; i++) graph.addNode(`v${String(i).padStart(2, '0')}`, { kind: i % 2 ? 'workload' : 'identity', name: `v${i}`, type: 'x', ...(i % 3 === 0 ? { tier: 0 as const } : {}) });
  s.edges.forEach((e, i) =>
    graph.addDirectedEdgeWithKey(`e${i}`, `v${String(e.from).padStart(2, '0')}`, `v${String(e.to).padStart(2, '0')}`, {
      kind: e.kind,
      rule: e.kind,
      technique: 'T0',
      reason: '',
      cost: e.cost,
      decisions: [{ layer: e.kind === 'connect' ? 'network' : 'identity', decision: e.deny ? 'deny' : 'allow', policy: 'p', reason: '' }],
    }),
  );
  return compact(graph);
}

/** Plain BFS over the CSR, the reference every faster algorithm is checked against. */
function bfs(g: CompactGraph, s: number, mask: Uint8Array): Set<number> {
  const seen = new Set([s]);
  const queue = [s];
  while (queue.length) {
    const u = queue.shift()!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      if (mask[e] && !seen.has(g.targets[e]!)) {
        seen.add(g.targets[e]!);
        queue.push(g.targets[e]!);
      }
    }
  }
  return seen;
}

describe('engine algorithms', () => {
  it('Tarjan components are exactly the mutually reachable classes', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const g = graphOf(s);
        const { comp } = stronglyConnected(g, g.enforced);
        const N = g.ids.length;
        const reach = Array.from({ length: N }, (_, v) => bfs(g, v, g.enforced));
        for (let u = 0; u < N; u++) for (let v = 0; v < N; v++) expect(comp[u] === comp[v]).toBe(reach[u]!.has(v) && reach[v]!.has(u));
      }),
      { numRuns: 150 },
    );
  });

  it('components are numbered so edges go from higher to lower numbers', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const g = graphOf(s);
        const { comp } = stronglyConnected(g, g.baseline);
        for (let u = 0; u < g.ids.length; u++) for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (g.baseline[e]) expect(comp[u]!).toBeGreaterThanOrEqual(comp[g.targets[e]!]!);
      }),
      { numRuns: 150 },
    );
  });

  it('all-entries bitset reachability equals one traversal per source', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const g = graphOf(s);
        const targets: [number, number][] = [];
        for (let v = 0; v < g.n; v++) targets.push([v, v], [g.n + v, v]);
        const all = reachAllTargets(g, g.enforced, targets, g.n);
        for (let src = 0; src < g.n; src++) {
          const r = reachFrom(g, [src], g.enforced);
          const ref = bfs(g, src, g.enforced);
          for (let v = 0; v < 2 * g.n; v++) expect(r[v] === 1).toBe(ref.has(v));
          for (let v = 0; v < g.n; v++) expect(all.has(src, v)).toBe(ref.has(v) || ref.has(g.n + v));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('Dijkstra times equal Bellman-Ford', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const g = graphOf(s);
        const N = g.ids.length;
        const { dist } = fastestTimes(g, 0, g.enforced);
        const ref = new Array<number>(N).fill(Infinity);
        ref[0] = 0;
        for (let round = 0; round < N; round++) {
          for (let u = 0; u < N; u++) for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (g.enforced[e]) ref[g.targets[e]!] = Math.min(ref[g.targets[e]!]!, ref[u]! + g.cost[e]!);
        }
        expect([...dist]).toEqual(ref);
      }),
      { numRuns: 150 },
    );
  });

  it('a connect edge to a non-exploitable workload reaches its shadow, which leads nowhere', () => {
    const g = graphOf({ n: 3, edges: [{ from: 0, to: 1, kind: 'connect', deny: false, cost: 1 }, { from: 1, to: 2, kind: 'assume', deny: false, cost: 1 }] });
    const r = reachFrom(g, [0], g.enforced);
    expect([...r]).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it('a denied edge is cut under enforcement and open in the baseline only for network and mesh layers', () => {
    const g = graphOf({ n: 3, edges: [{ from: 0, to: 1, kind: 'connect', deny: true, cost: 1 }, { from: 0, to: 2, kind: 'assume', deny: true, cost: 1 }] });
    expect([...g.enforced]).toEqual([0, 0]);
    expect([...g.baseline]).toEqual([1, 0]);
  });
});

/**
 * Connect hops through class hubs against the same hops as edges of their own, on random
 * graphs with many equal-time ties (costs 2, 28, 30, 32): every time, every fastest path and
 * every reach set must be the same, for each source, over both masks, with and without pivot.
 */
import fc from 'fast-check';
import graphology from 'graphology';
import { describe, expect, it } from 'vitest';
import { compact, type CompactGraph } from '../../src/engine/compact.js';
import type { ConnectClasses } from '../../src/engine/connect/classes.js';
import { reachAllTargets } from '../../src/engine/reach-all.js';
import { reachFrom } from '../../src/engine/reach.js';
import { fastestTimes, pathTo, sourceOf } from '../../src/engine/times.js';
import type { LateralGraph } from '../../src/graph/types.js';
import type { Workload } from '../../src/model/model.js';

const { MultiDirectedGraph } = graphology;

interface Spec {
  n: number;
  workloads: { combo: number; target: number; exploitable: boolean }[];
  open: boolean[][];
  edges: { from: number; to: number; cost: number; deny: boolean }[];
  pivot: boolean;
}

const spec: fc.Arbitrary<Spec> = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    workloads: fc.array(fc.record({ combo: fc.nat(2), target: fc.integer({ min: -1, max: 2 }), exploitable: fc.boolean() }), { minLength: n, maxLength: n }),
    open: fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
    edges: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), cost: fc.constantFrom(2, 28, 30, 32), deny: fc.boolean() }), { maxLength: 14 }),
    pivot: fc.boolean(),
  }),
);

const id = (i: number) => `w${i}`;

function workloads(s: Spec): Workload[] {
  return s.workloads.map((w, i) => ({ id: id(i), name: id(i), namespace: 'n', kind: 'x', labels: {}, identities: [], ports: w.target >= 0 ? [{ port: 80, protocol: 'TCP' }] : [], isolation: {}, ...(w.exploitable ? { exploitable: true } : {}) }));
}

function base(s: Spec): LateralGraph {
  const graph = new MultiDirectedGraph() as unknown as LateralGraph;
  for (let i = 0; i < s.n; i++) graph.addNode(id(i), { kind: 'workload', name: id(i), type: 'x', ...(i % 3 === 0 ? { tier: 0 as const } : {}) });
  return graph;
}

function others(s: Spec, graph: LateralGraph): void {
  s.edges.forEach((e, i) =>
    graph.addDirectedEdgeWithKey(`e${i}`, id(e.from), id(e.to), { kind: 'assume', rule: 'assume', technique: 'T', reason: '', cost: e.cost, decisions: [{ layer: 'identity', decision: e.deny ? 'deny' : 'allow', policy: 'p', reason: '' }] }),
  );
}

/** The classes as a fake ConnectClasses: what compact reads of it. */
function classes(s: Spec): ConnectClasses {
  const ws = workloads(s);
  const combos = [0, 1, 2].map((c) => s.workloads.flatMap((w, i) => (w.combo === c ? [i] : [])));
  const targets = [0, 1, 2].map((t) => ({ members: s.workloads.flatMap((w, i) => (w.target === t ? [i] : [])), ports: [{ port: 80, protocol: 'TCP' as const }] }));
  return {
    workloads: ws,
    ports: ws.map((w) => w.ports),
    combo: Int32Array.from(s.workloads, (w) => w.combo),
    combos,
    target: Int32Array.from(s.workloads, (w) => w.target),
    targets,
    open: (c: number, t: number) => s.open[c]![t]!,
    rows: () => {
      // Combos opening the same targets share a row, as the real engine does.
      const keys = s.open.map((row) => row.join());
      const distinct = [...new Set(keys)];
      return {
        rowOf: Int32Array.from(keys, (k) => distinct.indexOf(k)),
        rows: distinct.map((k) => Uint32Array.of(k.split(',').reduce((bits, open, t) => (open === 'true' ? bits | (1 << t) : bits), 0))),
      };
    },
  } as unknown as ConnectClasses;
}

/** The per-pair graph: connect edges first (as the connect rule runs first), sorted by source then target. */
function perPair(s: Spec): CompactGraph {
  const graph = base(s);
  for (let u = 0; u < s.n; u++) {
    for (let v = 0; v < s.n; v++) {
      const t = s.workloads[v]!.target;
      if (u === v || t < 0) continue;
      const open = s.open[s.workloads[u]!.combo]![t]!;
      graph.addDirectedEdgeWithKey(`c${u}-${v}`, id(u), id(v), { kind: 'connect', rule: 'connect', technique: 'T', reason: '', cost: 30, decisions: [{ layer: 'network', decision: open ? 'allow' : 'deny', policy: 'p', reason: '' }], ...(s.workloads[v]!.exploitable ? { pivot: true } : {}) });
    }
  }
  others(s, graph);
  return compact(graph, { pivot: s.pivot });
}

function byHubs(s: Spec): CompactGraph {
  const graph = base(s);
  others(s, graph);
  return compact(graph, { pivot: s.pivot }, classes(s));
}

function paths(g: CompactGraph, source: number, mask: Uint8Array) {
  const times = fastestTimes(g, source, mask, { sourceWindow: source % 2 ? 31 : undefined });
  const out: string[] = [];
  for (let v = 0; v < 2 * g.n; v++) {
    // A shadow matters only where it is reached before its node is controlled (nearest()).
    if (times.dist[v] === Infinity || (v >= g.n && times.dist[v]! >= times.dist[v - g.n]!)) continue;
    const steps = pathTo(g, times, v).map((st) => ('edge' in st ? `${g.ids[sourceOf(g, st.edge)]}>${g.edgeKeys[st.edge]}` : `${g.ids[st.connectFrom]}>connect`));
    out.push(`${v}@${times.dist[v]}: ${steps.join(' ')}`);
  }
  return out;
}

describe('connect hops through class hubs', () => {
  it('give the times and fastest paths of per-pair edges, ties included', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const a = perPair(s);
        const b = byHubs(s);
        for (let v = 0; v < s.n; v++) {
          for (const mask of ['enforced', 'baseline'] as const) {
            // Per-pair connect hops show as the connect edge's key; through hubs as "connect".
            const want = paths(a, v, a[mask]).map((l) => l.replace(/w\d+>c\d+-\d+/g, (m) => `${m.split('>')[0]}>connect`));
            expect(paths(b, v, b[mask]), `${mask} from w${v}`).toEqual(want);
            const seen = (g: CompactGraph) => {
              const r = reachFrom(g, [v], g[mask]);
              return Array.from({ length: s.n }, (_, u) => (r[u] ? 'control' : r[s.n + u] ? 'network' : '-'));
            };
            expect(seen(b)).toEqual(seen(a));
          }
        }
        const tiered = Array.from({ length: s.n }, (_, i) => i).filter((i) => i % 3 === 0);
        const bits = tiered.flatMap((v, bit) => [[v, bit] as const, [s.n + v, bit] as const]);
        for (const mask of ['enforced', 'baseline'] as const) {
          const ta = reachAllTargets(a, a[mask], bits, tiered.length);
          const tb = reachAllTargets(b, b[mask], bits, tiered.length);
          for (let v = 0; v < s.n; v++) expect([...tb.bits(v)]).toEqual([...ta.bits(v)]);
        }
      }),
      { numRuns: 400 },
    );
  });
});

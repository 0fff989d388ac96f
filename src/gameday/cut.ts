/**
 * The minimum cut: the fewest changes that disconnect every entry from every crown jewel.
 * The attack graph's traversable edges go to min-cut.ts with unit capacity where a team can
 * remove the edge by changing one object — the policy, binding, grant or trust statement
 * whose allow the edge carries (its group) — and infinite capacity where it cannot: the hub
 * edges that join a workload to its endpoint classes and a class to its members, and edges
 * whose allow names no object (a default). A network hop between classes is cut by the
 * network or mesh policy that admits it there. Entries that are crown jewels themselves are
 * not sources (nothing separates a node from itself). Only edges are cut, so a suggestion is
 * always a change to an object (a rule, a binding, a grant, a pod's secret mount), never the
 * deletion of a workload or identity.
 */
import type { LateralGraph } from '../graph/types.js';
import type { CompactGraph } from '../engine/compact.js';
import { connectEdges } from '../engine/connect/hop.js';
import { crownJewelPairs } from '../engine/pairs.js';
import { minCut, type CutEdge } from '../engine/min-cut.js';
import type { Decision } from '../policy/decision.js';

export interface CutChange {
  /** `layer policy`, the object to change */
  change: string;
  /** (entry, crown jewel) pairs this change alone closes */
  closes: number;
  /** the edges of the cut it removes, as `from -kind-> to` */
  edges: string[];
}

export interface MinimumCut {
  /** false when some entry reaches a crown jewel over edges no one change removes */
  possible: boolean;
  /** true when no smaller set of changes cuts (else an upper bound) */
  exact: boolean;
  /** reachable (entry, crown jewel) pairs before any change, from entries that are not crown jewels */
  pairs: number;
  changes: CutChange[];
}

const ENTRY_KINDS = new Set(['workload', 'identity', 'pipeline']);

/**
 * The object a traversable edge's allow comes from: the first allowing decision naming one,
 * with its rule (a statement, an ingress rule, a grant) where it has one — a binding is
 * changed whole, so RBAC keeps the binding alone.
 */
function groupOf(decisions: readonly Decision[]): string | undefined {
  const d = decisions.find((x) => (x.decision === 'allow' || x.decision === 'conditional' || x.decision === 'observe-deny') && x.policy && x.policy !== '(default)');
  if (!d) return undefined;
  return `${d.layer} ${d.policy}${d.rule !== undefined && d.layer !== 'rbac' ? ` rule ${d.rule}` : ''}`;
}

export function minimumCut(graph: LateralGraph, g: CompactGraph): MinimumCut {
  return solve(graph, g).cut;
}

/** Positions in g of every edge of the cut's changes: masked off, no entry reaches a crown jewel. */
export function cutPositions(graph: LateralGraph, g: CompactGraph): number[] {
  return solve(graph, g).removed;
}

function solve(graph: LateralGraph, g: CompactGraph): { cut: MinimumCut; removed: number[] } {
  const size = g.ids.length;
  const edges: (CutEdge & { label: string })[] = [];
  // One representative workload per source class hub, to name the policy a class-to-class hop takes.
  const sourceOfHub = new Map<number, number>();
  for (let u = 0; u < g.n; u++) {
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const t = g.targets[e]!;
      if (t >= g.hubStart && t < g.targetStart && g.enforced[e] && !sourceOfHub.has(t)) sourceOfHub.set(t, u);
    }
  }
  for (let u = 0; u < size; u++) {
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      if (!g.enforced[e]) continue;
      const to = g.targets[e]!;
      const key = g.edgeKeys[e]!;
      if (key) {
        const a = graph.getEdgeAttributes(key);
        const group = groupOf(a.decisions);
        edges.push({ from: u, to, cuttable: group !== undefined, ...(group ? { group } : {}), label: `${g.ids[u]} -${a.kind}-> ${g.ids[to]}` });
      } else if (u >= g.hubStart && u < g.targetStart && to >= g.targetStart && sourceOfHub.has(u)) {
        const rep = sourceOfHub.get(u)!;
        const group = classGroup(g, rep, to);
        const member = g.connect?.classes.targets[to - g.targetStart]?.members[0];
        const into = member === undefined ? g.ids[to] : `${g.connect!.classes.workloads[member]!.id} and its class`;
        edges.push({ from: u, to, cuttable: group !== undefined, ...(group ? { group } : {}), label: `${g.ids[rep]} and its class -connect-> ${into}` });
      } else edges.push({ from: u, to, cuttable: false, label: `${g.ids[u]} -> ${g.ids[to]}` });
    }
  }
  const sources: number[] = [];
  const sinks: number[] = [];
  for (let v = 0; v < g.n; v++) {
    if (g.tier[v] === 0) sinks.push(v, g.n + v);
    else if (ENTRY_KINDS.has(graph.getNodeAttribute(g.ids[v]!, 'kind'))) sources.push(v);
  }
  const r = minCut(size, edges, sources, sinks);
  const pairs = count(graph, crownJewelPairs(graph, g));
  if (!r.possible) return { cut: { possible: false, exact: false, pairs, changes: [] }, removed: [] };
  const positions = enforcedPositions(g);
  const removed: number[] = [];
  const changes = r.groups.map((group): CutChange => {
    const mine = edges.flatMap((e, i) => (e.cuttable && (e.group ?? `#${i}`) === group ? [i] : []));
    removed.push(...mine.map((i) => positions[i]!));
    const masked = { ...g, enforced: g.enforced.slice() };
    for (const i of mine) masked.enforced[positions[i]!] = 0;
    return { change: group.startsWith('#') ? edges[Number(group.slice(1))]!.label : group, closes: pairs - count(graph, crownJewelPairs(graph, masked)), edges: r.edges.filter((i) => mine.includes(i)).map((i) => edges[i]!.label) };
  });
  changes.sort((a, b) => b.closes - a.closes || (a.change < b.change ? -1 : a.change > b.change ? 1 : 0));
  return { cut: { possible: true, exact: r.groupsExact, pairs, changes }, removed: removed.sort((a, b) => a - b) };
}

/** The policy that admits a class-to-class network hop, decided for one member of each side. */
function classGroup(g: CompactGraph, source: number, targetHub: number): string | undefined {
  const c = g.connect;
  if (!c) return undefined;
  const member = c.classes.targets[targetHub - g.targetStart]?.members[0];
  if (member === undefined) return undefined;
  const v = g.index.get(c.classes.workloads[member]!.id)!;
  const hop = connectEdges(g, source, v).find((e) => e.traversable);
  return hop ? groupOf(hop.decisions.filter((d) => d.layer === 'network' || d.layer === 'mesh')) : undefined;
}

/** The position in g of each edge passed to minCut, in the same order (traversable edges only). */
function enforcedPositions(g: CompactGraph): number[] {
  const out: number[] = [];
  for (let u = 0; u < g.ids.length; u++) for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (g.enforced[e]) out.push(e);
  return out;
}

/** Pairs from entries that are not crown jewels themselves: the ones a cut can close. */
function count(graph: LateralGraph, pairs: Map<string, string[]>): number {
  let n = 0;
  for (const [entry, list] of pairs) if (graph.getNodeAttribute(entry, 'tier') !== 0) n += list.length;
  return n;
}

import type { Layer } from '../policy/decision.js';
import { BASELINE_OFF, blocks } from '../policy/decision.js';
import type { LateralGraph } from '../graph/types.js';
import type { CompactGraph } from './compact.js';
import { blastRadius, blockedPercent } from './measures.js';
import type { AttackPath, BlockedPair, EntryResult, Hop, ReachedNode } from './results.js';
import { fastestTimes, pathTo, sourceOf, type Step, type TimeOptions, type Times } from './times.js';
import { connectEdgeOn, type ConnectEdge } from './connect/hop.js';
import { rule as connectRule } from '../rules/connect.js';

export interface EntryOptions extends TimeOptions {
  strictConditions?: boolean;
}

/**
 * Everything one entry point reaches: the reached set with times, blast radius against the
 * baseline, blocked crown-jewel paths with the layer that blocks each, and the fastest
 * attack path to every reached crown jewel.
 */
export function analyzeEntry(graph: LateralGraph, g: CompactGraph, entry: string, options: EntryOptions = {}): EntryResult {
  const source = g.index.get(entry);
  if (source === undefined) throw new Error(`lateral: unknown node "${entry}"`);
  const enforced = fastestTimes(g, source, g.enforced, options);
  const base = fastestTimes(g, source, g.baseline, options);
  const reachedMask = toMask(enforced);
  const baseMask = toMask(base);

  const reached: ReachedNode[] = [];
  const paths: AttackPath[] = [];
  for (let v = 0; v < g.n; v++) {
    const at = nearest(g, enforced, v);
    if (at < 0) continue;
    const id = g.ids[v]!;
    const a = graph.getNodeAttributes(id);
    const minutes = enforced.dist[at]!;
    const why = a.tierReason !== undefined ? { tierReason: a.tierReason } : {};
    reached.push({ id, kind: a.kind, type: a.type, ...(a.tier !== undefined ? { tier: a.tier, ...why } : {}), ...(a.owner ? { owner: a.owner } : {}), access: at < g.n ? 'control' : 'network', minutes });
    if (g.tier[v] === 0 && v !== source) paths.push({ target: id, tier: 0, ...why, minutes, hops: hops(graph, g, enforced, at) });
  }

  const pairs: BlockedPair[] = [];
  let baselinePairs = 0;
  const byLayer: Partial<Record<Layer, number>> = {};
  for (let v = 0; v < g.n; v++) {
    const baseAt = nearest(g, base, v);
    if (g.tier[v] !== 0 || v === source || baseAt < 0) continue;
    baselinePairs++;
    if (nearest(g, enforced, v) >= 0) continue;
    const cut = hops(graph, g, base, baseAt).filter((h) => h.decisions.some((d) => blocks(d, options.strictConditions)));
    const layers = [...new Set(cut.flatMap((h) => h.decisions.filter((d) => blocks(d, options.strictConditions)).map((d) => d.layer)))].sort();
    for (const l of layers) byLayer[l] = (byLayer[l] ?? 0) + 1;
    pairs.push({ target: g.ids[v]!, layers, cut: cut.map((h) => ({ ...h, decisions: h.decisions.filter((d) => blocks(d, options.strictConditions) || BASELINE_OFF.has(d.layer)) })) });
  }

  return {
    entry,
    reached,
    blastRadius: blastRadius(g, reachedMask, source),
    baseline: blastRadius(g, baseMask, source),
    blocked: { baselinePairs, blocked: pairs.length, percent: blockedPercent(pairs.length, baselinePairs), byLayer, pairs },
    paths,
  };
}

/** Which copy of node v (controlled v, or network-reached n+v) is reached first; -1 when neither. */
export function nearest(g: CompactGraph, t: Times, v: number): number {
  const c = t.dist[v]!;
  const s = t.dist[g.n + v]!;
  if (c === Infinity && s === Infinity) return -1;
  return c <= s ? v : g.n + v;
}

function toMask(t: Times): Uint8Array {
  const m = new Uint8Array(t.dist.length);
  for (let i = 0; i < m.length; i++) if (t.dist[i] !== Infinity) m[i] = 1;
  return m;
}

/** The hops of the fastest path to `target`, each with its edge's attributes and arrival time. */
export function hops(graph: LateralGraph, g: CompactGraph, times: Times, target: number): Hop[] {
  return pathTo(g, times, target).map((step) => stepHop(graph, g, step, times));
}

function stepHop(graph: LateralGraph, g: CompactGraph, step: Step, times: Times): Hop {
  const minutes = times.dist[step.to]!;
  if ('edge' in step) return edgeHop(graph, g, step.edge, minutes);
  return connectHop(connectEdgeOn(g, step.connectFrom, step.to, times.mask), minutes);
}

export function connectHop(e: ConnectEdge, minutes: number): Hop {
  return { from: e.from, to: e.to, edge: e.key, kind: 'connect', rule: connectRule.id, technique: connectRule.technique, reason: e.reason, port: e.port, protocol: e.protocol, minutes, decisions: e.decisions };
}

export function edgeHop(graph: LateralGraph, g: CompactGraph, e: number, minutes: number): Hop {
  const key = g.edgeKeys[e]!;
  const a = graph.getEdgeAttributes(key);
  return {
    from: g.ids[sourceOf(g, e)]!,
    to: g.ids[g.targets[e]!]!,
    edge: key,
    kind: a.kind,
    rule: a.rule,
    technique: a.technique,
    reason: a.reason,
    ...(a.port !== undefined ? { port: a.port, protocol: a.protocol } : {}),
    ...(a.actions ? { actions: a.actions } : {}),
    minutes,
    decisions: a.decisions,
  };
}

/**
 * A connect hop made concrete when it is shown: the port it takes and the decisions every
 * layer gives for that one pair, from decideHop itself — so an explanation never differs
 * from the decision the classes stood for.
 */
import { blocks, type Decision } from '../../policy/decision.js';
import { decideHop } from '../../policy/hop.js';
import type { PortSpec } from '../../model/model.js';
import { connectReason, rule as connectRule } from '../../rules/connect.js';
import type { CompactGraph } from '../compact.js';

export interface ConnectEdge {
  key: string;
  from: string;
  to: string;
  port: number;
  protocol: PortSpec['protocol'];
  reason: string;
  decisions: Decision[];
  traversable: boolean;
}

/** Every connect edge from node u to node v (or its shadow), in the order the per-pair rule lists them. */
export function connectEdges(g: CompactGraph, u: number, v: number): ConnectEdge[] {
  const c = g.connect;
  if (!c) return [];
  const i = c.workload[u]!;
  const j = c.workload[v < g.n ? v : v - g.n]!;
  if (i < 0 || j < 0 || i === j) return [];
  const src = c.classes.workloads[i]!;
  const dst = c.classes.workloads[j]!;
  const seen = new Map<string, number>();
  return c.classes.ports[j]!.map((p) => {
    const base = `${connectRule.id}:${src.id}->${dst.id}:${p.port}/${p.protocol}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const decisions = decideHop(c.classes.ctx, { from: { workload: src }, to: { workload: dst }, port: p.port, protocol: p.protocol });
    return {
      key: n === 1 ? base : `${base}#${n}`,
      from: src.id,
      to: dst.id,
      port: p.port,
      protocol: p.protocol,
      reason: connectReason(src, dst, p),
      decisions,
      traversable: !decisions.some((d) => blocks(d, c.strictConditions)),
    };
  });
}

/** The connect edge a path over `mask` takes from u to v: the first traversable one, or the first when network and mesh are off. */
export function connectEdgeOn(g: CompactGraph, u: number, v: number, mask: Uint8Array): ConnectEdge {
  const edges = connectEdges(g, u, v);
  const edge = mask === g.baseline ? edges[0] : edges.find((e) => e.traversable);
  if (!edge) throw new Error(`lateral: no connect edge from ${g.ids[u]} to ${g.ids[v]} on this mask`);
  return edge;
}

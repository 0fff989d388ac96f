/**
 * The graph as JSON, `lateral-graph/2`: nodes, every edge but connect hops, and connect hops
 * grouped by endpoint class — each source class and target class listed once with its
 * members, each group one (source class, target class, port) — so the output grows with
 * the policies, not with the square of the workloads. `expandConnect` lists connect hops as
 * per-pair edges instead, as lateral-graph/1 did.
 */
import type { ConnectClasses, StructuralDecision } from '../engine/connect/classes.js';
import type { Skipped } from '../model/model.js';
import type { Built } from './build.js';
import { connectGroups } from './connect-groups.js';
import type { EdgeAttrs, NodeAttrs } from './types.js';

export const GRAPH_FORMAT = 'lateral-graph/2';

export interface GraphJson {
  format: typeof GRAPH_FORMAT;
  nodes: ({ id: string } & NodeAttrs)[];
  edges: ({ key: string; source: string; target: string; traversable: boolean } & EdgeAttrs)[];
  classes?: { sources: { id: string; members: string[] }[]; targets: { id: string; members: string[] }[] };
  connect?: ConnectGroupJson[];
  skipped: Skipped[];
}

export interface ConnectGroupJson {
  kind: 'connect';
  /** a source class id: every member may open the port on every member of the target class but itself */
  from: string;
  to: string;
  port: number;
  protocol: string;
  traversable: boolean;
  decisions: StructuralDecision[];
}

export function graphJson(built: Built, skipped: Skipped[]): GraphJson {
  const { graph } = built;
  return {
    format: GRAPH_FORMAT,
    nodes: graph.mapNodes((id, attributes) => ({ id, ...attributes })),
    edges: graph.mapEdges((key, attributes, source, target) => ({ key, source, target, traversable: !attributes.decisions.some((d) => d.decision === 'deny'), ...attributes })),
    ...(built.connect ? grouped(built.connect) : {}),
    skipped,
  };
}

function grouped(c: ConnectClasses): Pick<GraphJson, 'classes' | 'connect'> {
  const { sources, targets, groups } = connectGroups(c);
  return {
    classes: {
      sources: sources.map((members, s) => ({ id: `source-class:${s}`, members })),
      targets: targets.map((members, d) => ({ id: `target-class:${d}`, members })),
    },
    connect: groups.map((g) => ({ kind: 'connect', from: `source-class:${g.source}`, to: `target-class:${g.target}`, port: g.port, protocol: g.protocol, traversable: g.traversable, decisions: g.decisions })),
  };
}

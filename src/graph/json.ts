/**
 * The graph as JSON, `lateral-graph/2`: nodes, every edge but connect hops, and connect hops
 * grouped by endpoint class — each source class and target class listed once with its
 * members, each group one (target class, port, decisions) with the source classes that get
 * them — so the output grows with the policies, not with the square of the workloads. Only
 * traversable groups unless `deniedConnect`: denied hops mostly come from "every other
 * workload", and listing them brings the square back. `expandConnect` lists connect hops as
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
  /** source class ids: every member of each may open the port on every member of the target class but itself */
  from: string[];
  to: string;
  port: number;
  protocol: string;
  traversable: boolean;
  decisions: StructuralDecision[];
}

export function graphJson(built: Built, skipped: Skipped[], options: { deniedConnect?: boolean } = {}): GraphJson {
  const { graph } = built;
  return {
    format: GRAPH_FORMAT,
    nodes: graph.mapNodes((id, attributes) => ({ id, ...attributes })),
    edges: graph.mapEdges((key, attributes, source, target) => ({ key, source, target, traversable: !attributes.decisions.some((d) => d.decision === 'deny'), ...attributes })),
    ...(built.connect ? grouped(built.connect, options.deniedConnect ?? false) : {}),
    skipped,
  };
}

function grouped(c: ConnectClasses, deniedConnect: boolean): Pick<GraphJson, 'classes' | 'connect'> {
  const { sources, targets, groups } = connectGroups(c, { traversableOnly: !deniedConnect });
  return {
    classes: {
      sources: sources.map((members, s) => ({ id: `source-class:${s}`, members })),
      targets: targets.map((members, d) => ({ id: `target-class:${d}`, members })),
    },
    connect: groups.map((g) => ({ kind: 'connect', from: g.sources.map((s) => `source-class:${s}`), to: `target-class:${g.target}`, port: g.port, protocol: g.protocol, traversable: g.traversable, decisions: g.decisions })),
  };
}

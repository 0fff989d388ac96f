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
  const ids = (members: number[]) => members.map((i) => c.workloads[i]!.id);
  const connect: ConnectGroupJson[] = [];
  c.combos.forEach((_, s) =>
    c.targets.forEach((t, d) =>
      t.ports.forEach((p, k) => {
        const decisions = c.decisions(s, d, k);
        connect.push({ kind: 'connect', from: `source-class:${s}`, to: `target-class:${d}`, port: p.port, protocol: p.protocol, traversable: !decisions.some((x) => x.decision === 'deny'), decisions });
      }),
    ),
  );
  return {
    classes: {
      sources: c.combos.map((members, s) => ({ id: `source-class:${s}`, members: ids(members) })),
      targets: c.targets.map((t, d) => ({ id: `target-class:${d}`, members: ids(t.members) })),
    },
    connect,
  };
}

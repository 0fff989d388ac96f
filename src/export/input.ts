/**
 * The loaded graph as an `ExportInput`: nodes and non-connect edges as built, connect hops
 * from the class groups `graph --json` lists, merged per destination port and verdict.
 */
import { connectGroups, type ClassGroup } from '../graph/connect-groups.js';
import type { Built } from '../graph/build.js';
import type { ConnectGroup, ExportInput } from './types.js';

export interface ExportInputOptions {
  /** also the hops an enforcing layer denies: mostly "every other workload", so quadratic */
  deniedConnect?: boolean;
}

export function exportInput(built: Built, options: ExportInputOptions = {}): ExportInput {
  const { graph } = built;
  const nodes = graph.mapNodes((id, attrs) => ({ id, attrs }));
  const edges = graph.mapEdges((key, attrs, source, target) => ({ key, source, target, attrs }));
  if (!built.connect) return { nodes, edges, connect: [] };
  const { sources, targets, groups } = connectGroups(built.connect, { traversableOnly: !options.deniedConnect });
  return { nodes, edges, connect: merged(sources, targets, groups) };
}

/** Each group's `from` is the union of its source classes; groups with the same union share one array, which the exporter recognises by identity. */
function merged(sources: readonly string[][], targets: readonly string[][], groups: readonly ClassGroup[]): ConnectGroup[] {
  const unions = new Map<string, string[]>();
  return groups.map((g, i): ConnectGroup => {
    const key = g.sources.join(',');
    let members = unions.get(key);
    if (!members) unions.set(key, (members = g.sources.flatMap((s) => sources[s]!)));
    return { id: `connect:${i}`, from: members, to: targets[g.target]!, port: g.port, protocol: g.protocol, traversable: g.traversable, decisions: g.decisions };
  });
}

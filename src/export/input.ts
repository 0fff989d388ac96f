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

/**
 * One group per (target class, port, decisions), its `from` the union of the source classes
 * that get those decisions there. Class pairs grow with the square of the classes (on a
 * generated 2,000-workload estate, 780,000 groups of which 107,000 traversable); the verdicts
 * one destination port gives do not (915). Groups with the same union share one array, which
 * the exporter recognises by identity.
 */
function merged(sources: readonly string[][], targets: readonly string[][], groups: readonly ClassGroup[]): ConnectGroup[] {
  const byVerdict = new Map<string, { g: ClassGroup; from: number[] }>();
  for (const g of groups) {
    const key = `${g.target} ${g.port}/${g.protocol} ${JSON.stringify(g.decisions)}`;
    const seen = byVerdict.get(key);
    if (seen) seen.from.push(g.source);
    else byVerdict.set(key, { g, from: [g.source] });
  }
  const unions = new Map<string, string[]>();
  return [...byVerdict.values()].map(({ g, from }, i): ConnectGroup => {
    const key = from.join(',');
    let members = unions.get(key);
    if (!members) unions.set(key, (members = from.flatMap((s) => sources[s]!)));
    return { id: `connect:${i}`, from: members, to: targets[g.target]!, port: g.port, protocol: g.protocol, traversable: g.traversable, decisions: g.decisions };
  });
}

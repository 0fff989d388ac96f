/**
 * The engine's working copy of the graph, derived once per build: integer node indexes and
 * a CSR out-adjacency in typed arrays, so the hot loops never touch graphology's attribute API.
 */
import { BASELINE_OFF, blocks } from '../policy/decision.js';
import type { EdgeAttrs, LateralGraph } from '../graph/types.js';

/**
 * A network hop reaches a workload without controlling it: the attacker can talk to the
 * service, not run code in it. So each node v has a shadow n+v, "reached over the network",
 * with no out-edges; a `connect` edge leads to the shadow unless the destination is
 * exploitable (or every one is assumed to be, with `pivot`). Node indexes below n are
 * controlled; ids[n+v] === ids[v].
 */
export interface CompactGraph {
  /** real nodes; indexes n..2n-1 are their network-reached shadows */
  n: number;
  ids: string[];
  index: Map<string, number>;
  /** out-edges of node i are positions offsets[i] .. offsets[i+1]-1 */
  offsets: Int32Array;
  targets: Int32Array;
  /** graphology edge key at each position */
  edgeKeys: string[];
  cost: Float64Array;
  /** tier per node, -1 when untiered */
  tier: Int8Array;
  /** 1 where the edge is traversable under enforced policy */
  enforced: Uint8Array;
  /** 1 where traversable with the network and mesh layers switched off */
  baseline: Uint8Array;
}

export interface CompactOptions {
  /** Treat `conditional` decisions as deny. */
  strictConditions?: boolean;
  /** Assume every service reached over the network can be exploited (worst case). */
  pivot?: boolean;
}

export function compact(graph: LateralGraph, options: CompactOptions = {}): CompactGraph {
  const strict = options.strictConditions ?? false;
  const real = graph.nodes();
  const index = new Map(real.map((id, i) => [id, i]));
  const n = real.length;
  const ids = [...real, ...real];
  const m = graph.size;
  const offsets = new Int32Array(2 * n + 1);
  graph.forEachEdge((_k, _a, source) => {
    offsets[index.get(source)! + 1]!++;
  });
  for (let i = 0; i < 2 * n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const edgeKeys = new Array<string>(m);
  const cost = new Float64Array(m);
  const enforced = new Uint8Array(m);
  const baseline = new Uint8Array(m);
  graph.forEachEdge((key, attrs: EdgeAttrs, source, target) => {
    const pos = fill[index.get(source)!]!++;
    const v = index.get(target)!;
    targets[pos] = attrs.kind === 'connect' && !attrs.pivot && !options.pivot ? n + v : v;
    edgeKeys[pos] = key;
    cost[pos] = attrs.cost;
    enforced[pos] = attrs.decisions.some((d) => blocks(d, strict)) ? 0 : 1;
    baseline[pos] = attrs.decisions.some((d) => !BASELINE_OFF.has(d.layer) && blocks(d, strict)) ? 0 : 1;
  });
  const tier = new Int8Array(2 * n).fill(-1);
  real.forEach((id, i) => {
    const t = graph.getNodeAttribute(id, 'tier');
    if (t !== undefined) tier[i] = tier[n + i] = t;
  });
  return { n, ids, index, offsets, targets, edgeKeys, cost, tier, enforced, baseline };
}
